/**
 * What a question says about the curves, as concepts (read by advise/understand.ts), and how much each
 * concept speaks for a knowledge entry. why() ranks entries by the text score (minisearch, scaled so
 * the best text match is 1) plus the sum of these weights over the concepts found, so a weight of 1
 * outweighs any wording; negative weights say "this is not that entry" (accuracy stuck at 70% is not
 * chance level). Tune on the tune phrasings only (test/advise/questions-users.ts).
 */

export const CONCEPTS = [
  // --- numbers that mean something
  'loss_at_chance', // a loss value at ln K: 0.693 (2 classes), 1.099 (3), 1.386 (4), 2.303 (10), 4.605 (100)
  'acc_at_chance', // accuracy at 1/K: 50%, 33%, 25%, 10%, 1% (or 1/K for "K classes")
  'acc_not_chance', // an accuracy that stays put at a value that is not 1/K ("val acc stuck at 70%")
  'huge_value', // 1e10, 1e+12, 3.4e38: the loss ran away
  'nan', // nan, inf, infinity
  'val_perfect', // validation accuracy ~100% or validation loss ~0 ("too good to be true")
  'acc_zero', // accuracy 0 / 0.0 / 0.0000 (a classification metric on a regression)
  'suspicious', // "suspiciously good", "too good to be true", "leak"
  // --- which curve does what (shape and direction words per curve)
  'val_rises', // the validation loss goes up
  'val_rises_train_falls', // ... while the training loss goes down: the textbook overfitting picture
  'val_acc_and_loss_rise', // validation loss and validation accuracy both rise
  'val_stalls_train_falls', // the validation loss stops improving while the training loss keeps falling
  'val_no_rise', // the validation loss is said NOT to go up ("val never went up"): the overfitting sign ruled out
  'train_rises', // the training loss (or "the loss" with no validation in sight) goes up
  'explodes', // explodes, blows up, grows exponentially (the loss, not the gradients)
  'grad_explodes', // exploding gradients
  'fluctuates', // the loss (training, or both curves) jumps around
  'no_trend', // ... and never goes down / no trend
  'val_fluctuates', // only the validation curve jumps around, or "val noisier than train"
  'spike', // sudden spikes / peaks that recover
  'flat', // the loss stops moving: flat, plateau, stagnates, "nothing changes"
  'acc_flat', // accuracy does not move
  'one_class', // the model predicts one class / the same output for everything
  'chance_words', // chance level said in words: random guessing, a coin flip, no better than chance
  'still_falling', // still going down at the end, not converged
  'both_fall_close', // both curves go down together and end close
  'both_high', // both curves stay high / the model cannot fit the training data
  'slow_fall', // the loss falls, but so slowly it gets nowhere ("crawls down", "1.02 1.01 1.00 0.99"): learning too little
  // --- comparisons between the curves
  'val_better', // validation loss below the training loss (or val accuracy above train accuracy)
  'train_better', // a (big) gap: training loss far below validation loss
  'noisy_gap', // a gap AND a validation curve that jumps around: high variance's own picture
  // --- the log itself
  'no_val', // no val_loss in the history / only training curves
  'several_runs', // several trainings pasted in one log
  'stopped_early', // training ended before the planned epochs
  'short_log', // only 1-4 epochs: too short to judge
  // --- topics that wording alone confuses
  'lr_kwarg_error', // lr= with an error / deprecated / unexpected keyword
  'lr_value', // the learning rate is mentioned, with no sign of the lr= keyword error
  'lr_over_time', // the learning rate should change during training (decay, go down over epochs)
  'early_stop_howto', // how to use / configure EarlyStopping (not: why did mine stop)
  'seed_variance', // results change between runs of the same code
  'several_models', // combining / averaging several models
  'unscaled_inputs', // inputs in the thousands, features on different scales, inverse_transform
  'ask_epochs', // how many / number of epochs
  'ask_units', // how many / number of units, neurons, cells
  'ask_layers', // how many / number of layers
  'ask_window', // window size, look-back, time steps, n_steps
  'ask_optimizer', // which / best / choose an optimizer
  'ask_lr', // which / best / good learning rate
  'ask_batch', // which batch size, small or big batches
  'ask_checkpoint', // save / keep the best model or weights
  'memorizes', // memorises the training data / learns it by heart
  'overconfident', // sure of its answers and wrong: 99% probability but often wrong
  'too_simple', // the model is too small / cannot even fit the training data
  'no_problem', // "no sign of overfitting", "no overfitting no underfitting"
  'read_curves', // how to read a learning curve or a log at all
  'validation_scheme', // folds, walk-forward, rolling-origin validation
  'stacking', // stacking LSTMs, return_sequences
  'hp_search', // searching hyperparameters automatically
  'search_architecture', // ... over layers, depth, width: the architecture
  // --- a question ABOUT a setting (understand/settings.ts: a decision frame whose object is the setting,
  // "should i use a bigger batch size", "dropout 0.3 or 0.5?"): it outranks the curve words around it
  'about_epochs',
  'about_batch',
  'about_lr',
  'about_units',
  'about_layers',
  'about_dropout',
  'about_regularization',
  'about_early_stopping',
  'about_lr_schedule',
  'about_optimizer',
  'about_window',
] as const;

export type Concept = (typeof CONCEPTS)[number];

/**
 * OURS, chosen on the tune phrasings: what a question about a setting gives the setting's topic. More than
 * the curve cues a question usually carries besides (a rising val loss gives overfitting 1 + 1).
 */
const ABOUT = 2;

/** concept -> entry id -> weight. */
export const CONCEPT_WEIGHTS: Record<Concept, Record<string, number>> = {
  loss_at_chance: { 'finding:stuck_at_chance': 1.6 },
  acc_at_chance: { 'finding:stuck_at_chance': 1.4 },
  acc_not_chance: { 'finding:stuck_at_chance': -1.2 },
  huge_value: { 'finding:diverging': 1.0, 'finding:nan_inf': 0.8 },
  nan: { 'finding:nan_inf': 1.2 },
  val_perfect: { 'finding:possible_leakage': 1.5 },
  acc_zero: { 'topic:accuracy_zero': 1.2 },
  suspicious: { 'finding:possible_leakage': 1.0 },
  val_rises: { 'pattern:overfitting': 1.0 },
  val_rises_train_falls: { 'pattern:overfitting': 1.0 },
  val_acc_and_loss_rise: { 'topic:overconfidence': 2.5 },
  // the start of overfitting (the guide's "val_loss stops improving while loss keeps falling"), not a plateau to fix
  val_stalls_train_falls: { 'pattern:overfitting': 1.2, 'pattern:high_variance': 0.5, 'finding:plateau': -0.6 },
  // the asker rules out the overfitting turn ("val never went up"), whatever the word "overfitting" says
  val_no_rise: { 'pattern:overfitting': -0.5 },
  train_rises: { 'finding:diverging': 1.2 },
  explodes: { 'finding:diverging': 1.0, 'finding:nan_inf': 0.3 },
  grad_explodes: { 'topic:gradient_clipping': 1.5 },
  fluctuates: { 'pattern:unstable': 1.2, 'finding:noisy_validation': 0.2 },
  no_trend: { 'pattern:unstable': 0.6 },
  val_fluctuates: { 'finding:noisy_validation': 1.5 },
  spike: { 'finding:loss_spike': 1.2 },
  flat: { 'finding:plateau': 1.0 },
  // an accuracy that does not move: chance level or a plateau; and not "val_loss and val_accuracy rising together"
  acc_flat: { 'finding:stuck_at_chance': 0.6, 'finding:plateau': 0.4, 'topic:overconfidence': -0.5 },
  one_class: { 'finding:stuck_at_chance': 1.2 },
  chance_words: { 'finding:stuck_at_chance': 1.2 },
  still_falling: { 'finding:still_improving': 1.2, 'topic:epochs': 0.3 },
  both_fall_close: { 'pattern:good_fit': 1.2 },
  both_high: { 'pattern:underfitting': 1.0 },
  // a fall too slow to get anywhere: the model learns too little (the guide's "falling slowly" sign), not a good fit
  slow_fall: { 'pattern:underfitting': 1.0, 'finding:plateau': 0.3, 'pattern:good_fit': -0.5 },
  val_better: { 'finding:val_better_than_train': 1.5 },
  train_better: { 'pattern:high_variance': 1.5, 'pattern:overfitting': 0.8 },
  // the guide's high variance: training far below validation, and validation jumping between epochs
  noisy_gap: { 'pattern:high_variance': 1.2 },
  no_val: { 'finding:no_validation': 1.5 },
  several_runs: { 'finding:multiple_runs': 1.5 },
  stopped_early: { 'finding:early_stopped': 1.2, 'topic:early_stopping': 0.6 },
  short_log: { 'pattern:not_assessable': 1.5 },
  lr_kwarg_error: { 'topic:lr_kwarg': 2.0 },
  lr_value: { 'topic:lr_kwarg': -0.5, 'topic:learning_rate': 0.4 },
  lr_over_time: { 'topic:lr_schedule': 1.2 },
  // asking how to stop at a plateau is about the callback, not about a plateau in one's curves
  early_stop_howto: { 'topic:early_stopping': 1.5, 'finding:early_stopped': -0.3, 'finding:plateau': -0.5 },
  seed_variance: { 'topic:multi_run': 1.5 },
  several_models: { 'topic:ensemble': 1.2 },
  unscaled_inputs: { 'topic:scaling': 1.0 },
  ask_epochs: { 'topic:epochs': 0.6 },
  ask_units: { 'topic:units': 0.6 },
  ask_layers: { 'topic:layers': 0.6, 'topic:arch_search': 0.2 },
  ask_window: { 'topic:sequence_length': 1.0 },
  ask_optimizer: { 'topic:optimizer': 0.6 },
  ask_lr: { 'topic:learning_rate': 0.6 },
  ask_batch: { 'topic:batch_size': 0.6 },
  ask_checkpoint: { 'topic:checkpoint': 0.6 },
  too_simple: { 'pattern:underfitting': 1.0 },
  overconfident: { 'topic:overconfidence': 1.2 },
  memorizes: { 'pattern:overfitting': 1.0, 'pattern:high_variance': 0.5 },
  no_problem: { 'pattern:good_fit': 1.2 },
  read_curves: { 'topic:reading_curves': 1.2 },
  validation_scheme: { 'topic:kfold': 1.0 },
  stacking: { 'topic:layers': 0.6 },
  hp_search: { 'topic:hyperopt': 0.6, 'topic:arch_search': 0.2 },
  search_architecture: { 'topic:arch_search': 0.8 },
  about_epochs: { 'topic:epochs': ABOUT },
  about_batch: { 'topic:batch_size': ABOUT },
  about_lr: { 'topic:learning_rate': ABOUT },
  about_units: { 'topic:units': ABOUT },
  about_layers: { 'topic:layers': ABOUT },
  about_dropout: { 'topic:dropout': ABOUT },
  about_regularization: { 'topic:regularization': ABOUT },
  about_early_stopping: { 'topic:early_stopping': ABOUT },
  about_lr_schedule: { 'topic:lr_schedule': ABOUT },
  about_optimizer: { 'topic:optimizer': ABOUT },
  about_window: { 'topic:sequence_length': ABOUT },
};

/**
 * Words typos are corrected to (by edit distance, same first letter), besides every word of the
 * entries' titles, questions and keywords. Inflected forms are listed so that a correct word is never
 * "corrected" to a neighbour (decreasing is not a typo of increasing).
 */
export const DOMAIN_WORDS = (
  'validation validate validating training trained train accuracy accurate loss losses learning rate ' +
  'overfitting overfit overfits overfitted underfitting underfit underfits underfitted plateau plateaued plateaus ' +
  'oscillate oscillates oscillating oscillation fluctuate fluctuates fluctuating fluctuation noisy noisier noise ' +
  'increase increases increasing increased decrease decreases decreasing decreased improve improves improving improved ' +
  'diverge diverges diverging divergence explode explodes exploding exploded spike spikes spiky spiking ' +
  'stagnate stagnates stagnating stagnation stuck constant unstable instability erratic epoch epochs ' +
  'dropout regularization regularisation regularizer regulariser gradient gradients clipping clipnorm clipvalue ' +
  'optimizer optimiser optimizers adam rmsprop momentum scheduler schedule cosine decay warmup ' +
  'normalize normalise normalization normalisation standardize standardscaler minmaxscaler scaling scaler ' +
  'checkpoint checkpoints modelcheckpoint earlystopping patience callback callbacks sequence sequences ' +
  'window timesteps lookback hyperparameter hyperparameters hyperopt bayesian architecture ensemble ensembles ' +
  'leakage leaking suspicious suspiciously converge converged convergence history accuracy validation ' +
  'classifier classification regression forecasting forecast temperature batch batches units neurons layers ' +
  'recurrent reproducible random seeds chance guessing predicts prediction predictions infinity ' +
  // the shape and direction words query understanding reads (so their typos are read too)
  'wobble wobbles wobbling bounce bounces bouncing jumping jumps jumpy zigzag zigzags erratic chaotic wiggly jittery ' +
  'spiking spiked stagnates stagnating plateauing flatten flattens flattened flatline levels hovering hovers saturates ' +
  'rising rises climbing climbs growing grows exploding explodes diverges higher lower bigger smaller larger ' +
  'decreasing dropping falling declining shrinking improving worsening deteriorating ' +
  'automatically automatic ensembling averaging average climate weather stopped stopping finished ended'
).split(/\s+/);
