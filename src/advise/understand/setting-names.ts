/**
 * The settings a question can be about and the names people give them (English, Spanish, French,
 * German; accents folded), as reviewable data for understand/settings.ts.
 */
import type { Concept } from '../knowledge/concepts.js';

export type SettingKey =
  | 'epochs'
  | 'batch'
  | 'lr'
  | 'units'
  | 'layers'
  | 'dropout'
  | 'regularization'
  | 'early_stopping'
  | 'lr_schedule'
  | 'optimizer'
  | 'window';

/** the settings and the names people give them (several words at most; the longest name wins) */
export const SETTINGS: Record<SettingKey, { concept: Concept; names: string[] }> = {
  epochs: {
    concept: 'about_epochs',
    names: [
      'epochs',
      'number of epochs',
      'epoch count',
      'num epochs',
      'max epochs',
      'train longer',
      'train more',
      'train it longer',
      'train it more',
      'train for longer',
      'training longer',
      'keep training',
      'continue training',
      'train further',
      'more training',
      'longer training',
      // Spanish, French, German (accents folded, apostrophes gone: "nombre d'époques" -> "nombre depoques")
      'epocas',
      'numero de epocas',
      'epoques',
      'nombre de epoques',
      'epochen',
      'anzahl der epochen',
      'anzahl epochen',
    ],
  },
  batch: {
    concept: 'about_batch',
    names: [
      'batch size',
      'batch sizes',
      'batchsize',
      'batch',
      'batches',
      'minibatch',
      'mini batch',
      'tamano de batch',
      'tamano del batch',
      'tamano de lote',
      'tamano del lote',
      'lote',
      'taille de batch',
      'taille du batch',
      'taille des batchs',
      'taille de lot',
      'batchgrosse',
      'batch grosse',
    ],
  },
  lr: {
    concept: 'about_lr',
    names: [
      'lr',
      'lrs',
      'step size',
      'initial lr',
      'base lr',
      'tasa de aprendizaje',
      'taux de apprentissage',
      'lernrate',
    ],
  },
  units: {
    concept: 'about_units',
    names: [
      'units',
      'neurons',
      'hidden size',
      'hidden units',
      'hidden dim',
      'hidden dimension',
      'cells',
      'nodes',
      'width',
      'neuronas',
      'unidades',
      'neurones',
      'unites',
      'neuronen',
      'einheiten',
    ],
  },
  layers: {
    concept: 'about_layers',
    names: [
      'layers',
      'layer',
      'lstm layer',
      'layer count',
      'number of layers',
      'depth',
      'lstm layers',
      'stacked layers',
      'capas',
      'numero de capas',
      'couches',
      'nombre de couches',
      'schichten',
      'anzahl der schichten',
    ],
  },
  dropout: { concept: 'about_dropout', names: ['dropout', 'dropouts', 'recurrent dropout', 'dropout rate'] },
  regularization: {
    concept: 'about_regularization',
    names: [
      'l2',
      'l1',
      'weight decay',
      'regularization',
      'regularisation',
      'regularizer',
      'regulariser',
      'regularizacion',
      'regularisierung',
      'kernel regularizer',
      'l2 regularization',
      'l2 penalty',
    ],
  },
  early_stopping: {
    concept: 'about_early_stopping',
    names: [
      'early stopping',
      'earlystopping',
      'early stop',
      'patience',
      'stop earlier',
      'stop early',
      'stop sooner',
      'parada temprana',
      'paciencia',
      'arret precoce',
    ],
  },
  lr_schedule: {
    concept: 'about_lr_schedule',
    names: [
      'lr schedule',
      'lr scheduler',
      'lr schedules',
      'scheduler',
      'schedule',
      'lr decay',
      'warmup',
      'warm up',
      'reducelronplateau',
      'cosine decay',
      'cosine annealing',
      'one cycle',
      'onecycle',
    ],
  },
  optimizer: {
    concept: 'about_optimizer',
    names: [
      'optimizer',
      'optimiser',
      'optimizers',
      'optimisers',
      'adam',
      'adamw',
      'sgd',
      'rmsprop',
      'adagrad',
      'nadam',
      'optimizador',
      'optimiseur',
      'optimierer',
    ],
  },
  window: {
    concept: 'about_window',
    names: [
      'window',
      'window size',
      'lookback',
      'look back',
      'timesteps',
      'time steps',
      'sequence length',
      'seq len',
      'input length',
      'history length',
      'ventana',
      'tamano de ventana',
      'fenetre',
      'taille de fenetre',
      'fenster',
      'fenstergrosse',
    ],
  },
};

/**
 * Phrases that contain a setting's name but are not the setting: time said in epochs ("over the
 * epochs"), a batch as a moment ("after the first batch"), batch normalisation. The longest name wins,
 * so these keep their words.
 */
export const NOT_SETTINGS = [
  'over epochs',
  'over the epochs',
  'across epochs',
  'across the epochs',
  'through the epochs',
  'during epochs',
  'epochs ago',
  'first batch',
  'first batches',
  'last batch',
  'each batch',
  'every batch',
  'per batch',
  'one batch',
  'a batch',
  'some batches',
  'few batches',
  'batch norm',
  'batchnorm',
  'batch normalization',
  'batch normalisation',
  'sliding window',
];
