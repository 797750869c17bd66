#!/usr/bin/python3
"""Train the seed guide's three example models for real and save Keras-style history.history JSON.

Run with the Debian interpreter (it has torch; the python3 first on PATH may not):

    /usr/bin/python3 scripts/train_seed_examples.py        # writes fixtures/seed/*.json

Everything is seeded and runs on the CPU (each example well under 60 s on 2 cores). The training loop
reproduces what `model.fit(x, y, validation_split=0.2, batch_size=32, shuffle=True)` does in Keras:
  - the validation set is the LAST 20% of the arrays, taken before any shuffling;
  - the training part is reshuffled every epoch and walked in batches of 32;
  - `loss` is the mean of the per-batch losses over the epoch (Keras' running average), and
    `val_loss` is the loss on the whole validation set at the end of the epoch (model in eval mode);
  - the metric `mae` / `val_mae` is computed the same way;
  - Adam with Keras' defaults (lr=1e-3, eps=1e-7) unless stated; Keras' LSTM default init
    (glorot_uniform kernel, orthogonal recurrent, unit_forget_bias).
The JSON is what `json.dump(history.history, f)` writes with tf.keras key order:
  {"loss": [...], "mae": [...], "val_loss": [...], "val_mae": [...]}

What each reproduces (the three classic LSTM learning-curve examples):
  (a) linear-good-fit.json: 100 windows of 5 consecutive values of the linear sequence 0.01, 0.02, ...
      predicting the next value (data shuffled once before fit, as people do), LSTM(10) + Dense(1),
      MSE, 150 epochs. Both losses fall by orders of magnitude and flatten, val close to train:
      a GOOD FIT.
  (b) random-overfit.json: 50 samples of random inputs (10 steps x 1 feature) with random targets, so
      there is nothing to learn; LSTM(128) + Dense(1), MSE, batch_size=4, 250 epochs. For ~120 epochs
      both losses sit at the variance of the targets (~0.08; the model predicts the mean), then the
      model memorises the 40 training samples (train loss -> ~0.003) while val loss climbs from
      ~0.06 to ~0.2 (3x): OVERFITTING. (val's minimum is at epoch 1, by luck of the 10 val targets.)
  (c) noisy-sine-underfit.json: windows of a sine wave plus heavy Gaussian noise predicting the next
      value; a tiny LSTM(4) + Dense(1) trained with a small learning rate (Adam lr=3e-5) for 40
      epochs. Both losses barely move (~4% in 40 epochs) and stay far above what the model could
      reach (the noise variance, 0.25; they sit near the target variance, ~0.8), train ~ val:
      UNDERFITTING.
"""
import json
import math
import os
import sys

import numpy as np
import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "seed")
torch.set_num_threads(2)


class LSTMRegressor(nn.Module):
    def __init__(self, units):
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=units, batch_first=True)
        self.dense = nn.Linear(units, 1)
        # Keras defaults: glorot_uniform kernel, orthogonal recurrent kernel, zero bias with forget gate 1
        for name, p in self.lstm.named_parameters():
            if "weight_ih" in name:
                nn.init.xavier_uniform_(p)
            elif "weight_hh" in name:
                for k in range(4):
                    nn.init.orthogonal_(p.data[k * units:(k + 1) * units])
            elif "bias_ih" in name:
                p.data.zero_()
                p.data[units:2 * units] = 1.0  # torch gate order i, f, g, o
            elif "bias_hh" in name:
                p.data.zero_()
        nn.init.xavier_uniform_(self.dense.weight)
        nn.init.zeros_(self.dense.bias)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.dense(out[:, -1, :]).squeeze(-1)


def fit(model, x, y, epochs, lr=1e-3, batch_size=32, seed=0):
    """Keras-like fit(validation_split=0.2, shuffle=True)."""
    n = len(x)
    split = int(n * (1 - 0.2))  # Keras: split_at = int(num_samples * (1 - validation_split))
    xt, yt = torch.tensor(x[:split], dtype=torch.float32), torch.tensor(y[:split], dtype=torch.float32)
    xv, yv = torch.tensor(x[split:], dtype=torch.float32), torch.tensor(y[split:], dtype=torch.float32)
    opt = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)
    gen = torch.Generator().manual_seed(seed)
    hist = {"loss": [], "mae": [], "val_loss": [], "val_mae": []}
    for _ in range(epochs):
        model.train()
        perm = torch.randperm(len(xt), generator=gen)
        tot_loss = tot_mae = 0.0
        seen = 0
        for i in range(0, len(xt), batch_size):
            idx = perm[i:i + batch_size]
            pred = model(xt[idx])
            loss = torch.mean((pred - yt[idx]) ** 2)
            opt.zero_grad()
            loss.backward()
            opt.step()
            b = len(idx)
            tot_loss += float(loss) * b
            tot_mae += float(torch.mean(torch.abs(pred.detach() - yt[idx]))) * b
            seen += b
        model.eval()
        with torch.no_grad():
            pv = model(xv)
            vl = float(torch.mean((pv - yv) ** 2))
            vm = float(torch.mean(torch.abs(pv - yv)))
        # Keras stores float32 results; json.dump writes them as Python floats
        hist["loss"].append(float(np.float32(tot_loss / seen)))
        hist["mae"].append(float(np.float32(tot_mae / seen)))
        hist["val_loss"].append(float(np.float32(vl)))
        hist["val_mae"].append(float(np.float32(vm)))
    return hist


def summary(name, h):
    vl = h["val_loss"]
    tl = h["loss"]
    best = int(np.argmin(vl))
    print(
        f"{name}: epochs={len(tl)} loss first={tl[0]:.5g} min={min(tl):.5g} last={tl[-1]:.5g} | "
        f"val first={vl[0]:.5g} min={vl[best]:.5g}@{best + 1} last={vl[-1]:.5g} "
        f"(rise after min {vl[-1] / vl[best] - 1:+.1%}) | last gap val/train={vl[-1] / tl[-1]:.3g}"
    )


def save(name, h):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(h, f)


def linear_good_fit():
    torch.manual_seed(1)
    rng = np.random.default_rng(1)
    seq = np.arange(1, 106) * 0.01  # 0.01 .. 1.05
    x = np.stack([seq[i:i + 5] for i in range(100)])[..., None]
    y = seq[5:105]
    order = rng.permutation(100)
    x, y = x[order], y[order]
    return fit(LSTMRegressor(10), x, y, epochs=150, lr=1e-3, seed=1)


def random_overfit():
    torch.manual_seed(2)
    rng = np.random.default_rng(2)
    x = rng.random((50, 10, 1))
    y = rng.random(50)
    # batch_size=4: with Keras' default 32 (2 updates per epoch) memorisation only starts after ~300 epochs
    return fit(LSTMRegressor(128), x, y, epochs=250, lr=1e-3, batch_size=4, seed=2)


def noisy_sine_underfit():
    torch.manual_seed(3)
    rng = np.random.default_rng(3)
    t = np.arange(0, 420) * 0.15
    s = np.sin(t) + rng.normal(0, 0.5, len(t))
    x = np.stack([s[i:i + 10] for i in range(400)])[..., None]
    y = s[10:410]
    return fit(LSTMRegressor(4), x, y, epochs=40, lr=3e-5, seed=3)


def main():
    which = sys.argv[1:] or ["a", "b", "c"]
    jobs = {
        "a": ("linear-good-fit.json", linear_good_fit),
        "b": ("random-overfit.json", random_overfit),
        "c": ("noisy-sine-underfit.json", noisy_sine_underfit),
    }
    for k in which:
        name, fn = jobs[k]
        import time

        t0 = time.time()
        h = fn()
        summary(name, h)
        print(f"  ({time.time() - t0:.1f} s)")
        save(name, h)


if __name__ == "__main__":
    main()
