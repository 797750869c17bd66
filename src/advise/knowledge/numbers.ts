/**
 * Every number a rule or a snippet uses, named, with where it comes from.
 *   GUIDE  = the practitioner's guide to LSTM tuning with Keras 2.3.1 (our source text)
 *   DIAG   = published diagnosis tools and Q&A (AUTOTRAINER, UMLAUT, SageMaker, losslint, ...), summarised in
 *            docs/diagnosis.md#published-rules; 'DIAGNOSIS.md' in a strategy's source names the research notes behind it
 *   KERAS  = Keras / tf.keras API defaults and documentation
 *   OURS   = our own choice, explained in the comment
 */

// ---- early stopping -------------------------------------------------------------------------
/** AUTOTRAINER repair (DIAG a): EarlyStopping(patience = max(3, epochs/15)). Lower bound. */
export const PATIENCE_MIN = 3;
/** AUTOTRAINER repair (DIAG a): patience = epochs / 15. */
export const PATIENCE_RUN_DIVISOR = 15;
/** GUIDE, high-variance remedy: EarlyStopping(patience=10). Used as the default when we know nothing. */
export const GUIDE_PATIENCE_HIGH_VARIANCE = 10;
/** GUIDE, temperature case study: EarlyStopping(patience=20) over 200 epochs. */
export const GUIDE_PATIENCE_CASE_STUDY = 20;
/** OURS: noisy validation needs more patience; multiply when val_volatility exceeds NOISY_VAL_VOLATILITY. */
export const PATIENCE_NOISY_FACTOR = 1.5;
/** OURS: patience is never more than half the run (otherwise early stopping cannot act). */
export const PATIENCE_MAX_RUN_FRACTION = 0.5;

// ---- learning rate --------------------------------------------------------------------------
/** AUTOTRAINER (DIAG a) "LR x0.1", DIAG b.2 "LR /10": the cut for NaN / diverging loss. */
export const LR_CUT_NONFINITE = 0.1;
/** OURS: strongly noisy (val_volatility >= NOISY_STRONG) -> x0.3. */
export const LR_CUT_NOISY_STRONG = 0.3;
/** OURS: mildly noisy / spikes -> x0.5 (halve). */
export const LR_CUT_NOISY_MILD = 0.5;
/** OURS: val_volatility (robust relative noise) above which the cut is the strong one. */
export const NOISY_STRONG = 0.15;
/** OURS: val_volatility above which validation counts as noisy for patience. */
export const NOISY_VAL_VOLATILITY = 0.05;
/** OURS: validation noise at least 2x the training noise points at the validation set itself. */
export const VAL_NOISE_RATIO = 2;
/** KERAS: default learning rate of Adam and RMSprop (GUIDE optimizer table: Adam 0.001, RMSprop 0.001). */
export const LR_ADAM_DEFAULT = 0.001;
/** GUIDE optimizer table: SGD lr 0.01 with momentum 0.9. */
export const LR_SGD_DEFAULT = 0.01;
export const SGD_MOMENTUM = 0.9;
/** GUIDE, underfitting: try Adam learning rates from 0.0001 to 0.01. */
export const LR_RANGE_MIN = 0.0001;
export const LR_RANGE_MAX = 0.01;
/** AUTOTRAINER (DIAG a): "not converged -> LR x10"; we start with x3 (half a decade) inside the guide's range. */
export const LR_RAISE_PLATEAU = 3;
/** GUIDE case study: Adam(0.0005). */
export const LR_CASE_STUDY = 0.0005;
/** KERAS ReduceLROnPlateau default factor is 0.1; AUTOTRAINER (DIAG a) uses 0.2 with patience 5. */
export const PLATEAU_FACTOR = 0.2;
export const PLATEAU_PATIENCE = 5;
/** OURS: floor for schedules so the lr never reaches 0. */
export const LR_FLOOR = 1e-6;

// ---- gradient clipping ----------------------------------------------------------------------
/** GUIDE, unstable: clipvalue=1.0. DIAG b.2 suggests clipnorm=1.0 (keeps the gradient direction). */
export const CLIP_VALUE = 1.0;
export const CLIP_NORM = 1.0;

// ---- regularisation -------------------------------------------------------------------------
/** GUIDE: L2 0.01. Too strong for LSTM kernels in our experience: shown as the guide's value only. */
export const GUIDE_L2 = 0.01;
/** DIAG b.5: L2 1e-4 to 1e-2; we start at the low end for LSTMs (correction to the guide). */
export const L2_START = 1e-4;
/** For a wide gap (gap_ratio_last >= GAP_WIDE). */
export const L2_STRONG = 1e-3;
/** DIAG b.5: Dropout 0.2-0.5; GUIDE case study uses 0.2. */
export const DROPOUT_MIN = 0.2;
export const DROPOUT_MID = 0.3;
export const DROPOUT_MAX = 0.5;
/** GUIDE: recurrent_dropout 0.2 in the case study. */
export const RECURRENT_DROPOUT = 0.2;
/** OURS: gap_ratio_last (val-train)/train thresholds that size dropout and L2. 0.1 is SageMaker's Overfit ratio (DIAG a). */
export const GAP_NOTABLE = 0.1;
export const GAP_MEDIUM = 0.25;
export const GAP_WIDE = 0.5;
/** AUTOTRAINER (DIAG a): GaussianNoise(0.1) for overfitting; on standardised inputs. */
export const NOISE_STDDEV = 0.1;

// ---- capacity -------------------------------------------------------------------------------
/** GUIDE, overfitting: fewer units, e.g. 128 -> 32. */
export const GUIDE_UNITS_FROM = 128;
export const GUIDE_UNITS_TO = 32;
/** GUIDE, underfitting: stacked LSTM(64, return_sequences=True) -> LSTM(32). */
export const GUIDE_STACK = [64, 32] as const;
/** GUIDE units table. */
export const UNITS_TABLE = [
  { units: '16-32', speed: 'fast', capacity: 'low', overfitRisk: 'low', use: 'simple patterns, small data' },
  {
    units: '64-128',
    speed: 'moderate',
    capacity: 'medium',
    overfitRisk: 'medium',
    use: 'general purpose (start here)',
  },
  { units: '256', speed: 'slow', capacity: 'high', overfitRisk: 'high', use: 'complex, long sequences, lots of data' },
] as const;
/** GUIDE architecture search stacks. */
export const GUIDE_STACKS = [[64], [128, 64], [64, 64], [256, 128, 64]] as const;

// ---- epochs, batch --------------------------------------------------------------------------
/** GUIDE, underfitting: more epochs, e.g. 200; case study: 200 epochs. */
export const GUIDE_EPOCHS = 200;
/** OURS: when still improving and diagnose gave no estimate, suggest two more "quarters" of the run, then re-check. */
export const EXTRA_QUARTERS = 2;
/** DIAG b.7a/11: "still improving" = more than 1% gain over the last quarter (losslint). */
export const STILL_IMPROVING_MIN = 0.01;
/** OURS: below 5% improvement over the last quarter we call the progress slow (5x the "still improving" bar). */
export const SLOW_QUARTER = 0.05;
/** OURS: late/early loss above 1.5x counts as growth worth quoting (losslint uses 1.25x for divergence, DIAG a). */
export const GROWTH_NOTABLE = 1.5;
/** DIAG b.0: fewer than 5 points is not assessable. */
export const MIN_POINTS = 5;
/** GUIDE: batch sizes 16/32/64; start at 32 or 64. Case study: 32. */
export const GUIDE_BATCHES = [16, 32, 64] as const;
export const BATCH_START = 32;
/** AUTOTRAINER (DIAG a): batch 32 * 2^j for unstable runs; we double once. */
export const BATCH_GROWTH = 2;

// ---- validation, runs -----------------------------------------------------------------------
/** GUIDE: multi-run validation over 5 runs; mean +- std of the best val_loss. */
export const GUIDE_RUNS = 5;
/** GUIDE: K-fold cross-validation; 5 folds is the usual choice. */
export const KFOLD_SPLITS = 5;
/** GUIDE ensembles: average the predictions of several models; 5 matches the multi-run count. */
export const ENSEMBLE_SIZE = 5;
/** KERAS validation_split; OURS: 0.2 is the common holdout. */
export const VALIDATION_SPLIT = 0.2;
/** hyperopt search budget. OURS: 30 evaluations is enough for 3 parameters with TPE. */
export const HYPEROPT_EVALS = 30;
/** DIAG b.4 stuck_at_chance: within +-0.02 of chance. */
export const CHANCE_TOLERANCE = 0.02;
/** UMLAUT (DIAG a): val accuracy > 0.95 or val - train > 0.05 suggests leakage. */
export const LEAKAGE_VAL_ACC = 0.95;

// ---- case study -----------------------------------------------------------------------------
/** GUIDE case study: the window length (choose it first). 30 days of daily temperatures is our example value. */
export const CASE_N_STEPS = 30;

// ---- snippet and schedule details ------------------------------------------------------------
/** OURS: a cosine schedule ends at 1% of its starting rate (two decades down, never 0). */
export const COSINE_MIN_RATIO = 0.01;
/** OURS: a schedule shorter than 10 epochs decays too fast to help. */
export const SCHEDULE_MIN_EPOCHS = 10;
/** OURS: ReduceLROnPlateau patience = clamp(points / 10, 2, PLATEAU_PATIENCE): a stall is a tenth of the run. */
export const PLATEAU_RUN_DIVISOR = 10;
export const PLATEAU_PATIENCE_MIN = 2;
/** OURS: a first loss above 10 on a standardised problem usually means unscaled regression targets. */
export const UNSCALED_FIRST_LOSS = 10;
/** OURS: a noisy validation curve calls for a bigger holdout than the usual 10-20%. */
export const VALIDATION_SPLIT_LARGER = 0.25;
/** GUIDE hyperopt space: units among 32..256 (its units table). */
export const HYPEROPT_UNITS = [32, 64, 128, 256] as const;
/** OURS: search loops (units, stacks, optimizers, hyperopt) cap epochs at 100, with early stopping. */
export const SEARCH_MAX_EPOCHS = 100;
/** OURS: epochs for snippets that do not depend on the run (e.g. the NaN check). */
export const DEFAULT_EPOCHS = 100;
/** GUIDE case study: chronological 80/20 split of the series. */
export const TRAIN_FRACTION = 0.8;
/** OURS: window lengths worth comparing for daily data (a week, two, a month, two months). */
export const WINDOW_CANDIDATES = [7, 14, 30, 60] as const;
/** OURS: at least 20 epochs with validation make a readable curve (4x the 5-point minimum). */
export const VALIDATION_MIN_EPOCHS = 20;
/** GUIDE: 64-128 units is the general-purpose start; snippets that only show where a change goes use 64. */
export const DEMO_UNITS = 64;

// ---- reinforcement-learning runs ---------------------------------------------------------------
/** SB3 evaluate_policy's default n_eval_episodes: the greedy policy's return averaged over 10 fresh episodes. */
export const RL_EVAL_EPISODES = 10;
/** OURS: about 20 evaluations over a run draw a readable evaluation curve (4x the 5-point minimum). */
export const RL_EVALS_PER_RUN = 20;
/** Henderson et al. 2018 ("Deep RL that Matters"): at least 5 seeds, since RL curves differ widely between seeds. */
export const RL_SEEDS = 5;
/** OURS: seeds held out from training for evaluation episodes start here. */
export const RL_EVAL_SEED = 10_000;
/** Stable-Baselines3's PPO default learning_rate: the baseline an agent's cut starts from when the log has no lr. */
export const LR_SB3_PPO_DEFAULT = 3e-4;
/** Stable-Baselines3's default max_grad_norm: PPO and A2C clip at 0.5 already; DQN at 10, loose enough to tighten
 * to CLIP_NORM (the clip suggested for an agent, as for an RNN). */
export const SB3_PPO_MAX_GRAD_NORM = 0.5;
export const SB3_DQN_MAX_GRAD_NORM = 10;
