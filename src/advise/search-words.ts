/** The text search's vocabulary: single-word synonyms and stop words (shared by search.ts and understand.ts). */

/** Single-word synonyms -> canonical token. */
export const SYNONYMS: Record<string, string> = {
  val: 'validation', valid: 'validation', validation: 'validation', validacion: 'validation', validierung: 'validation', dev: 'validation', test: 'validation',
  acc: 'accuracy', accuracy: 'accuracy', precision: 'accuracy', exactitud: 'accuracy', genauigkeit: 'accuracy', precisao: 'accuracy', exactitude: 'accuracy',
  nan: 'nan', nans: 'nan', inf: 'nan', infinity: 'nan', infinite: 'nan', infinito: 'nan', 'non-finite': 'nan',
  loss: 'loss', losses: 'loss', perte: 'loss', perdida: 'loss', verlust: 'loss', cost: 'loss', error: 'loss', erreur: 'loss',
  lr: 'lr', learningrate: 'lr',
  train: 'train', training: 'train', trained: 'train', entrainement: 'train', entrenamiento: 'train', training_loss: 'train',
  epochs: 'epoch', epoch: 'epoch', epoques: 'epoch', epoque: 'epoch', epocas: 'epoch', epoca: 'epoch', epochen: 'epoch', epoche: 'epoch', iterations: 'epoch',
  optimiser: 'optimizer', optimizer: 'optimizer', optimiseur: 'optimizer', optimizador: 'optimizer', optimierer: 'optimizer', adam: 'adam', rmsprop: 'rmsprop', sgd: 'sgd',
  explode: 'explode', explodes: 'explode', exploding: 'explode', explota: 'explode', explose: 'explode', explodiert: 'explode', blows: 'explode', blow: 'explode',
  diverge: 'diverge', diverges: 'diverge', diverging: 'diverge', divergence: 'diverge', diverge_: 'diverge',
  spike: 'spike', spikes: 'spike', spiky: 'spike', pic: 'spike', pics: 'spike', pico: 'spike', picos: 'spike', peak: 'spike', peaks: 'spike', ausreisser: 'spike',
  noisy: 'noise', noise: 'noise', bruit: 'noise', bruite: 'noise', ruido: 'noise', ruidosa: 'noise', rauschen: 'noise', verrauscht: 'noise',
  normalize: 'scale', normalise: 'scale', normalization: 'scale', normalisation: 'scale', standardize: 'scale', standardise: 'scale', scaling: 'scale', scaler: 'scale', standardscaler: 'scale', minmaxscaler: 'scale', normaliser: 'scale', normalizar: 'scale', normalisieren: 'scale', escalar: 'scale',
  regularization: 'regularization', regularisation: 'regularization', regularizer: 'regularization', regularizacion: 'regularization', regularisierung: 'regularization',
  clip: 'clip', clipping: 'clip', clipnorm: 'clip', clipvalue: 'clip', recorte: 'clip',
  graph: 'plot', chart: 'plot', visualize: 'plot', visualise: 'plot', graphique: 'plot', grafica: 'plot', grafico: 'plot', courbe: 'curve', courbes: 'curve', kurve: 'curve', curva: 'curve', curvas: 'curve',
  units: 'units', unit: 'units', size: 'size',
  layers: 'layer', layer: 'layer', couches: 'layer', couche: 'layer', capas: 'layer', capa: 'layer', schichten: 'layer', schicht: 'layer', stacked: 'stack', stacking: 'stack', stack: 'stack',
  seed: 'seed', seeds: 'seed', semilla: 'seed', graine: 'seed', reproducible: 'seed', reproducibility: 'seed', deterministic: 'seed',
  forecast: 'forecast', forecasting: 'forecast', prevision: 'forecast', pronostico: 'forecast', vorhersage: 'forecast', prediccion: 'forecast',
  temperature: 'temperature', temperatura: 'temperature', temperatur: 'temperature', weather: 'temperature', climate: 'temperature', meteo: 'temperature',
  ensemble: 'ensemble', ensembles: 'ensemble', averaging: 'ensemble', bagging: 'ensemble',
  hyperopt: 'hyperopt', bayesian: 'hyperopt', tpe: 'hyperopt', fmin: 'hyperopt', optuna: 'hyperopt', bayesienne: 'hyperopt', bayesiana: 'hyperopt',
  checkpoint: 'checkpoint', modelcheckpoint: 'checkpoint', save: 'checkpoint', saving: 'checkpoint', sauvegarder: 'checkpoint', guardar: 'checkpoint', speichern: 'checkpoint',
  earlystopping: 'earlystop', patience: 'patience', paciencia: 'patience', geduld: 'patience',
  leak: 'leak', leakage: 'leak', leaking: 'leak', fuite: 'leak', fuga: 'leak', leck: 'leak', duplicates: 'leak',
  chance: 'chance',
  better: 'lower', smaller: 'lower', lower: 'lower', inferior: 'lower', meilleure: 'lower', mejor: 'lower', besser: 'lower',
  higher: 'higher', bigger: 'higher', larger: 'higher', greater: 'higher', above: 'higher', superieure: 'higher', mayor: 'higher', hoher: 'higher',
  gap: 'gap', ecart: 'gap', brecha: 'gap', diferencia: 'gap', lucke: 'gap', abstand: 'gap', difference: 'gap',
  slow: 'slow', slowly: 'slow', lent: 'slow', lente: 'slow', lento: 'slow', langsam: 'slow',
  zero: 'zero', cero: 'zero', null: 'zero', '0': 'zero',
};

export const STOP = new Set(
  (
    'a an the is are was were be been my our your i me we you it its this that these those of to in on at by for with from and or but if then so do does did ' +
    'why what how when which who should can could would will my mine am have has had not no yes any some there here than as also very much more most ' +
    'le la les un une des de du et est mon ma mes pourquoi que qui quoi en dans sur pour avec ne pas ce cette il elle je tu nous vous ' +
    'el los las una uno por que mi mis es con para como del al se lo porque qué cuál ' +
    'der die das ein eine ist mein meine warum wie was und oder nicht mit von zu bei im am ich sie es'
  ).split(/\s+/),
);

/** every word the text search knows by itself (typo correction leaves these alone) */
export const SEARCH_WORDS: string[] = [...Object.keys(SYNONYMS), ...STOP];
