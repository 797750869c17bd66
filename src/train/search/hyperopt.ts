/**
 * A whole TPE search as a runnable hyperopt script: the same space (hp.quniform / hp.loguniform /
 * hp.uniform / hp.choice with the same bounds), the same data windows, model, compile and callbacks as
 * the Keras export (export.ts's blocks), an objective returning {'loss': best val_loss, 'status':
 * STATUS_OK}, and fmin(objective, SPACE, algo=tpe.suggest, max_evals=N, trials=Trials()). hyperopt has
 * no pruning: every trial runs all its epochs there.
 */
import type { TrainConfig } from '../config.js';
import {
  callbacksBlock,
  configBlock,
  py,
  PY_GENERATOR,
  PY_IMPORTS,
  seedBlock,
  seriesBlock,
  windowsBlock,
  type Lines,
} from '../export.js';
import { SEARCH_PARAMS, type Dimension, type SearchSpace } from './space.js';

function hpExpr(name: string, d: Dimension): string {
  const n = py(name);
  switch (d.type) {
    case 'quniform':
      return `hp.quniform(${n}, ${py(d.low)}, ${py(d.high)}, ${py(d.q)})`;
    case 'loguniform':
      return `hp.loguniform(${n}, ${py(d.low)}, ${py(d.high)})`;
    case 'uniform':
      return `hp.uniform(${n}, ${py(d.low)}, ${py(d.high)})`;
    case 'choice':
      return `hp.choice(${n}, ${py(d.options)})`;
  }
}

function spaceBlock(space: SearchSpace, trials: number): Lines {
  const dims = SEARCH_PARAMS.filter((p) => space[p]);
  return [
    '# ---- the search space (the same as curve-triage searched) ------------------------------------',
    'SPACE = {',
    ...dims.map((p) => {
      const d = space[p]!;
      const note = d.type === 'loguniform' ? `  # e^${d.low}..e^${d.high}` : '';
      return `    ${py(p)}: ${hpExpr(p, d)},${note}`;
    }),
    '}',
    `MAX_EVALS = ${trials}`,
    '',
  ];
}

/** The base model as data; the searched knobs replace its values the way curve-triage applies them. */
function baseBlock(c: TrainConfig): Lines {
  const o = c.optimizer;
  return [
    '# the base model (units, dropout, recurrent_dropout, l2 per LSTM layer; units, activation, dropout per Dense)',
    `BASE_LSTM = [${c.model.lstm.map((l) => `[${l.units}, ${py(l.dropout)}, ${py(l.recurrent_dropout)}, ${py(l.l2)}]`).join(', ')}]`,
    `BASE_DENSE = [${c.model.dense.map((d) => `[${d.units}, ${py(d.activation)}, ${py(d.dropout)}]`).join(', ')}]`,
    `OPTIMIZER = ${py(o.name)}`,
    `LR = ${py(o.lr)}`,
    `MOMENTUM = ${py(o.momentum)}`,
    `CLIP = {${o.clipvalue !== undefined ? `"clipvalue": ${py(o.clipvalue)}` : o.clipnorm !== undefined ? `"clipnorm": ${py(o.clipnorm)}` : ''}}`,
    '',
    '',
  ];
}

const PY_MODEL: Lines = [
  'def lstm_layers(params):',
  '    """The LSTM stack for a point of the space: widths halve per extra layer, as curve-triage does."""',
  '    layers = [list(layer) for layer in BASE_LSTM]',
  '    if "units" in params or "layers" in params:',
  '        n = int(round(params.get("layers", len(BASE_LSTM))))',
  '        u = int(round(params.get("units", BASE_LSTM[0][0])))',
  '        first = BASE_LSTM[0]',
  '        layers = [[max(4, int(round(u / 2 ** i))), first[1], first[2], first[3]] for i in range(n)]',
  '    for key, idx in (("dropout", 1), ("recurrent_dropout", 2), ("l2", 3)):',
  '        if key in params:',
  '            for layer in layers:',
  '                layer[idx] = float(params[key])',
  '    return layers',
  '',
  '',
  'def build_model(params):',
  '    model = Sequential()',
  '    layers = lstm_layers(params)',
  '    for i, (units, dropout, rdrop, reg) in enumerate(layers):',
  '        kwargs = {"return_sequences": i < len(layers) - 1}',
  '        if dropout > 0:',
  '            kwargs["dropout"] = dropout',
  '        if rdrop > 0:',
  '            kwargs["recurrent_dropout"] = rdrop',
  '        if reg > 0:',
  '            kwargs["kernel_regularizer"] = l2(reg)',
  '        if i == 0:',
  '            kwargs["input_shape"] = (N_STEPS, 1)',
  '        model.add(LSTM(units, **kwargs))',
  '    for units, activation, dropout in BASE_DENSE:',
  '        model.add(Dense(units, activation=activation))',
  '        if dropout > 0:',
  '            model.add(Dropout(dropout))',
  '    model.add(Dense(1, activation="sigmoid") if CLASSIFY else Dense(1))',
  '    name = params.get("optimizer", OPTIMIZER)',
  '    kwargs = dict(CLIP, learning_rate=float(params.get("lr", LR)))',
  '    if name == "adam":',
  '        kwargs["epsilon"] = 1e-7',
  '    elif name == "rmsprop":',
  '        kwargs.update(rho=0.9, epsilon=1e-7)',
  '    else:',
  '        momentum = 0.9 if "optimizer" in params else MOMENTUM',
  '        if momentum > 0:',
  '            kwargs["momentum"] = momentum',
  '    optimizer = {"adam": optimizers.Adam, "rmsprop": optimizers.RMSprop, "sgd": optimizers.SGD}[name](**kwargs)',
  '    if CLASSIFY:',
  '        model.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["accuracy"])',
  '    else:',
  '        model.compile(optimizer=optimizer, loss="mse", metrics=["mae"])',
  '    return model',
  '',
  '',
];

const PY_SEARCH: Lines = [
  'DATA = {}',
  '',
  '',
  'def objective(params):',
  '    """One trial: train the config, return its best val_loss (what curve-triage ranks by)."""',
  '    if not DATA:',
  '        DATA["X"], DATA["y"], DATA["scale"] = make_windows()',
  '    set_seed(SEED)',
  '    model = build_model(params)',
  '    batch_size = int(round(params.get("batch_size", BATCH_SIZE)))',
  '    history = model.fit(DATA["X"], DATA["y"], epochs=EPOCHS, batch_size=batch_size,',
  '                        validation_split=VALIDATION_SPLIT, shuffle=True, callbacks=callbacks(), verbose=0)',
  '    val = [float(v) for v in history.history["val_loss"] if math.isfinite(v)]',
  '    if not val:',
  '        return {"status": STATUS_FAIL, "loss": None}',
  '    return {"loss": min(val), "status": STATUS_OK, "epochs": len(history.history["val_loss"])}',
  '',
  '',
  'def main():',
  '    trials = Trials()',
  '    best = fmin(objective, SPACE, algo=tpe.suggest, max_evals=MAX_EVALS, trials=trials,',
  '                rstate=np.random.default_rng(SEED))',
  '    print("best point:", space_eval(SPACE, best))',
  '    print("best val_loss: %.6g" % min(x for x in trials.losses() if x is not None))',
  '    rows = [{"params": space_eval(SPACE, {k: v[0] for k, v in t["misc"]["vals"].items() if v}),',
  '             "loss": t["result"].get("loss")} for t in trials.trials]',
  '    with open("trials.json", "w") as f:',
  '        json.dump(rows, f, indent=1, default=float)',
  '',
  '',
  'if __name__ == "__main__":',
  '    main()',
  '',
];

/** The search as a hyperopt script (tf.keras): `python3 search.py` runs it with pip's hyperopt and tensorflow. */
export function exportHyperopt(base: TrainConfig, space: SearchSpace, trials: number): string {
  return [
    '#!/usr/bin/env python3',
    '"""curve-triage\'s TPE search as a hyperopt script (tf.keras).',
    '',
    'The same space, data windows, model, compile and callbacks as curve-triage; hyperopt runs TPE',
    '(tpe.suggest) for MAX_EVALS trials. hyperopt has no pruning: every trial runs all its epochs.',
    'Needs: pip install hyperopt tensorflow numpy. Writes trials.json.',
    '"""',
    'import json',
    'import math',
    '',
    'import numpy as np',
    'from hyperopt import fmin, tpe, hp, Trials, STATUS_OK, STATUS_FAIL, space_eval',
    ...PY_IMPORTS.tfkeras,
    ...configBlock(base),
    ...spaceBlock(space, trials),
    ...baseBlock(base),
    ...PY_GENERATOR,
    ...seriesBlock(base.data),
    ...windowsBlock(base.data),
    ...PY_MODEL,
    ...callbacksBlock(base),
    ...seedBlock('tfkeras'),
    ...PY_SEARCH,
  ].join('\n');
}
