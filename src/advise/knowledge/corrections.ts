/**
 * Where the guide (written for Keras 2.3.1, snippets garbled in transcription) is wrong or dated.
 * Replies attach the ones that matter to them as notes.
 */
export const CORRECTIONS = {
  lr_kwarg:
    "`lr=` vs `learning_rate=`: Keras <= 2.2 only knows `lr`; Keras 2.3.x accepts both (learning_rate preferred); tf.keras 2.x wants `learning_rate` (`lr` is deprecated and warns); Keras 3 rejects `lr` (ValueError: Argument(s) not recognized: {'lr': ...}). The guide's `Adam(lr=0.001)` is Keras 2 only.",
  recurrent_dropout_cudnn:
    'recurrent_dropout > 0 makes TF2 fall back from the fused cuDNN LSTM kernel to the generic one: training on GPU can be several times slower. Prefer `dropout=` and Dropout layers between LSTMs when speed matters.',
  l2_strength:
    'The guide uses L2 0.01; for LSTM kernels that is usually too strong (the penalty dominates the loss and the model underfits). Start at 1e-4 to 1e-3.',
  val_below_train:
    'val_loss below loss is usually not a bug: dropout/L2 act only in training and the train loss is an average over the epoch while val_loss is measured at its end.',
  restore_best_weights:
    'EarlyStopping keeps the last weights unless restore_best_weights=True (available since Keras 2.2.3); the guide omits it.',
  return_sequences:
    "The guide's architecture-search loop sets return_sequences wrongly: every LSTM except the last in a stack needs return_sequences=True, the last one False.",
  hyperopt_objective:
    "hyperopt's fmin needs an objective returning {'loss': value, 'status': STATUS_OK} (or a plain float); hp.loguniform takes natural-log bounds (np.log(1e-4), np.log(1e-2)); for hp.choice, fmin returns indices: read them with space_eval.",
  acc_key:
    "history.history uses 'acc'/'val_acc' in Keras <= 2.2 (or with metrics=['acc']) and 'accuracy'/'val_accuracy' from Keras 2.3 and in tf.keras/Keras 3: read whichever key exists.",
  timeseries_kfold:
    'Plain shuffled K-fold on time-series windows leaks the future into training; use sklearn TimeSeriesSplit (or walk-forward validation).',
  scaler_fit:
    'Fit StandardScaler on the training split only; fitting it on all data leaks validation statistics into training.',
  keras3_checkpoint:
    "Keras 3's ModelCheckpoint wants whole-model files ending in `.keras` (legacy `.h5` still accepted) and weights-only files ending in `.weights.h5`; `.hdf5` or no extension raises 'The filepath provided must end in `.keras`', and `period=` is gone (use save_freq). TF >= 2.16 ships Keras 3 as tf.keras.",
  batch_lr:
    'When the batch size changes, the best learning rate changes too: retune it (a common heuristic scales it with the batch size).',
} as const;
export type CorrectionId = keyof typeof CORRECTIONS;
