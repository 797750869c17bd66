/**
 * Every threshold the diagnosis uses, named, with where it comes from. Sources are the tools surveyed in
 * ../shared/DIAGNOSIS.md (AUTOTRAINER, UMLAUT, TheDeepChecker, losslint, gradsnitch, SageMaker, Prechelt)
 * and, where we depart from them, the reason. "corpus" means: checked against the labelled real logs,
 * where the published one-epoch rules alarm on most healthy runs.
 */

/** Fewer aligned points than this and we do not judge the shape ("not_assessable"; corpus README). */
export const MIN_POINTS = 5;

/** The start of a curve is the median of its first 4 points (an even count, so a curve alternating every
 * epoch is read at its centre). */
export const START_LEVEL_POINTS = 4;

/** Relative gaps divide by the train level floored at 5% of its start (train error 0 at accuracy 1.0). */
export const GAP_FLOOR_OF_START = 0.05;
/** Relative noise below 0.5% counts as 0.5% when comparing val noise with train noise. */
export const NOISE_FLOOR = 0.005;

/** Curves longer than this are averaged into this many buckets first (per-step logs; charts show 2,000 points too). */
export const MAX_POINTS = 2000;

/** Smoothing window as a fraction of the run (rolling median then mean); 3 points at least, as DIAGNOSIS.md (b). */
export const SMOOTH_FRACTION = 0.12;
export const SMOOTH_MIN = 3;
export const SMOOTH_MAX = 31;

/** The "end" of a curve: median of the last 12% of points (at least 2), so one last noisy epoch cannot decide. */
export const TAIL_FRACTION = 0.12;
export const TAIL_MIN = 2;

// ---- measurements (measure.ts) ------------------------------------------------------------------
/** The last quarter of a run starts 75% of the way through (losslint's stagnation window, DIAGNOSIS notes in docs/diagnosis.md#published-rules). */
export const LAST_QUARTER_START = 0.75;
/** Val's best point is the raw minimum within 2 points either side of the smoothed minimum (the smoothing
 * moves a sharp minimum by a point or two). Ours. */
export const BEST_SEARCH_HALF_WIDTH = 2;
/** The rise after the minimum is counted in noise units, the noise floored at 0.1% of the minimum (a
 * perfectly smooth curve would otherwise make any rise infinitely significant). Ours. */
export const RISE_NOISE_FLOOR_OF_MIN = 1e-3;
/** A t statistic needs at least 3 points (a line through 2 has no residual). */
export const SLOPE_MIN_POINTS = 3;
/** The train series at its own resolution is read only with at least 3 finite points. Ours. */
export const FULL_TRAIN_MIN_POINTS = 3;
/** Growth compares the first and the last tenth of the run (losslint's divergence check), on runs of at least 6 points. */
export const GROWTH_WINDOWS = 10;
export const GROWTH_MIN_POINTS = 6;
/** Epochs still worth training when the last quarter improved: half the run again for every 10% it
 * gained, the gain counted up to 20%, and never fewer than 5. Ours: a rough guide for the advice. */
export const REMAINING_GAIN_STEP = 0.1;
export const REMAINING_IMPROVEMENT_CAP = 0.2;
export const REMAINING_MIN = 5;
/** A learning-rate drop: the next logged value is below 90% of the one before (schedulers step by 0.1-0.5;
 * warm-up and cosine steps are smaller). Ours. */
export const LR_DROP_FACTOR = 0.9;
/** Suggested EarlyStopping patience: the longest wait for a new best before the minimum plus 2, kept in
 * [3, 20], and no more than epochs/15 above that wait (AUTOTRAINER's max(3, epochs/15)). */
export const PATIENCE_MIN = 3;
export const PATIENCE_MAX = 20;
export const PATIENCE_MARGIN = 2;
export const PATIENCE_EPOCHS_PER = 15;

// ---- overfitting -------------------------------------------------------------------------------
/** Val must end at least this much above its minimum (relative). gradsnitch uses 3%; we ramp 3% -> 15%. */
export const OVERFIT_RISE_LO = 0.03;
export const OVERFIT_RISE_HI = 0.15;
/** ... and that rise must stand out of val's own noise: rise / noise sigma, ramp 1.5 -> 4. Replaces UMLAUT's one-epoch rule, which fired on 36/41 good fits. */
export const OVERFIT_Z_LO = 1.5;
export const OVERFIT_Z_HI = 4;
/** A smaller rise (2% -> 6%) also counts when it is far out of the noise (z 3 -> 6): e.g. four epochs in a row up 1-2% each (corpus). */
export const OVERFIT_SMALL_RISE_LO = 0.02;
export const OVERFIT_SMALL_RISE_HI = 0.06;
export const OVERFIT_CLEAR_Z_LO = 3;
export const OVERFIT_CLEAR_Z_HI = 6;
/** ... with the minimum at least this far from the end (fraction of points): gradsnitch / DIAGNOSIS.md (b)5 use max(3, 10%). */
export const OVERFIT_AFTER_LO = 0.08;
export const OVERFIT_AFTER_HI = 0.25;
/** ... and the rise must matter against how far val fell before (a 0.00003 uptick after a 0.075 drop is noise): ramp 5% -> 30% of the drop. */
export const OVERFIT_RANGE_LO = 0.05;
export const OVERFIT_RANGE_HI = 0.3;
/** ... unless the rise is large in itself: 30% -> 60% above the minimum counts whatever came before. */
export const OVERFIT_LARGE_RISE_LO = 0.3;
export const OVERFIT_LARGE_RISE_HI = 0.6;
/** ... as long as it is at least 0.5% -> 5% of the fall (a rise from 3e-5 to 1e-4 after falling from 0.46 is converged noise). */
export const OVERFIT_RANGE_FLOOR = 0.005;
/** Train still improving after the val minimum (DIAGNOSIS.md (b)5: L_n < L(e*)); relative drop ramp 0 -> 15%. */
export const OVERFIT_TRAIN_DROP_HI = 0.15;
/** Val flat while train keeps falling and the gap widens: reported as overfitting when the gap ratio at least doubles and grows by this much. */
export const WIDENING_GAP_MIN = 0.25;

/** Val ends worse than it started (by up to 10%, ramp) while train improved 15% -> 40% (ramp): a
 * generalisation failure even when no clean minimum-then-rise stands out of the noise (corpus). */
export const STALL_TRAIN_LO = 0.15;
export const STALL_TRAIN_HI = 0.4;
export const STALL_VAL_WORSE = 0.1;
export const STALL_WEIGHT = 0.7;

// ---- high variance -----------------------------------------------------------------------------
/** Val jitter around its own trend, relative to its level: ramp 3% -> 9% (relative sigma; +-10% jumps read as ~6%). TheDeepChecker's smoothness < 0.5 is too coarse for 10-epoch logs. */
export const HV_NOISE_LO = 0.03;
export const HV_NOISE_HI = 0.09;
/** Generalisation gap (val / train - 1) at the end: SageMaker's Overfit rule uses 0.1; a gap that size is normal, so ramp 0.25 -> 3.0 (val 4x train is unmistakable; 2x near zero loss is common). */
export const HV_GAP_LO = 0.25;
export const HV_GAP_HI = 3.0;
/** ... and the absolute gap must be 5% -> 20% of val's early level (0.04 vs 0.018 is a 2x ratio but no real gap). */
export const HV_ABS_GAP_LO = 0.05;
export const HV_ABS_GAP_HI = 0.2;
/** Val still falling by 15%+ over the second half is following train, however noisy: no high-variance verdict. */
export const HV_STILL_FALLING = 0.15;
/** ... where half of val's relative noise is added to that allowance (window medians of noisy points differ by about that much). */
export const HV_NOISE_ALLOWANCE = 0.5;

/** Overfitting needs a model that learned: train improved by 5% -> 15% over the run (ramp). A model stuck
 * at chance whose val drifts up is underfitting, not overfitting (corpus: resnet50 at lr 1e-5). */
export const LEARNED_LO = 0.05;
export const LEARNED_HI = 0.15;

// ---- underfitting ------------------------------------------------------------------------------
/** Train loss improved less than this over the whole run: barely learning (losslint stagnation uses 1% per quarter). */
export const UNDER_TOTAL_IMPROVEMENT = 0.1;
/** Train and val within 3% of each other while the loss fell less than 30% (ramp from 15%): too little
 * capacity to fit even the training data (the guide's underfitting example; a healthy model fits its
 * training data a little better than held-out data). */
export const UNDER_TOGETHER_GAP = 0.03;
export const UNDER_TOGETHER_IMPROVEMENT = 0.3;
export const UNDER_TOGETHER_WEIGHT = 0.7;
/** AUTOTRAINER's "not converged" accuracy threshold Θ = 0.6 (reproduce.py). */
export const UNDER_ACC_THRESHOLD = 0.6;
/** Accuracy that moved less than this over the run is "flat" (AUTOTRAINER slow convergence δ = 0.01 per epoch; over a run we allow 0.03). */
export const FLAT_ACC_RANGE = 0.03;
/** Loss within this fraction of ln(K) while flat is chance level (DIAGNOSIS.md (b)4: L ≈ ln K with range < 1%). */
export const CHANCE_LOSS_TOLERANCE = 0.02;
/** Flat loss: range over the second half below this fraction of its level (DIAGNOSIS.md (b)4 uses 1%). */
export const FLAT_LOSS_RANGE = 0.02;
/** Began within 3% of ln(K) for a common class count and ended above 70% of it: the loss barely left chance level. */
export const COMMON_CLASS_COUNTS = [2, 10, 100, 1000];
export const START_CHANCE_TOLERANCE = 0.03;
export const STILL_NEAR_CHANCE = 0.7;
/** Class counts whose ln(K) we recognise as chance-level cross-entropy. */
export const CHANCE_CLASS_COUNTS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000];

// ---- unstable ----------------------------------------------------------------------------------
/** Divergence: late median over early median of the train loss (losslint 1.25 with n >= 20); we need 2x to call it unstable. */
export const DIVERGE_GROWTH = 2;
/** AUTOTRAINER treats loss >= 1e3 as exploding; we only use it together with growth, because regressions start in the hundreds. */
export const EXPLODE_ABS = 1e3;
/**
 * A negative loss (NLL of a density, negative ELBO) whose size grew 10x is a blow-up only while it
 * is still running away: at least this share of its whole change in the last third of the run. A
 * steady fall that flattens (-100 -> -1200, converging) is learning; an ill-posed loss collapsing
 * (variance -> 0) falls faster and faster (-1 -> -10 -> -100 -> -1000). Our choice.
 */
export const NEG_BLOWUP_TAIL_SHARE = 0.5;
/** ... or when its size grew this much whatever the shape (no real loss improves 1000-fold below zero). Our choice. */
export const NEG_BLOWUP_HUGE = 1e3;
/** Median |log ratio| between consecutive points: 0.3 means typical jumps of +-35% (train loss never does this in a healthy run). */
export const LOG_JUMP_UNSTABLE = 0.3;
/** Train jitter relative to its level that counts as oscillation (AUTOTRAINER ζ=0.03 on accuracy, η=20% of epochs). */
export const TRAIN_NOISE_UNSTABLE = 0.12;

// ---- findings ----------------------------------------------------------------------------------
/**
 * Spike: > 3x the median of the 3 points before it (losslint uses 10x a 25-point window on per-step
 * logs; epoch logs spike less), one or two points wide. Tuned on the corpus labels: a centred window
 * flagged the steep first epochs and single jumps of already jumpy validation curves (0 tp, 5 fp).
 */
export const SPIKE_FACTOR = 3;
export const SPIKE_BASELINE = 3;
/** points a spike may stay up (then it is back under 1.5x the baseline) */
export const SPIKE_MAX_WIDTH = 2;
/** The baseline must be calm: none of its points above this times its median. Our choice. */
export const SPIKE_CALM = 1.5;
/** ... and its excess over the local median is at least 20% of the curve's 10-90% range. */
export const SPIKE_MIN_OF_RANGE = 0.2;
/** Still improving: > 3% better over the last quarter (3x losslint's 1% stagnation line, so noise does not
 * qualify), a last-quarter slope with t < -2, and the best point in the last 10% of the run. */
export const STILL_IMPROVING_MIN = 0.03;
export const STILL_IMPROVING_T = 2;
export const STILL_IMPROVING_BEST_FRACTION = 0.9;
/** Plateau: < 2% change over the last quarter (losslint uses 1%; epoch logs are coarser), on runs of at least this many points. */
export const PLATEAU_MAX = 0.02;
export const PLATEAU_MIN_POINTS = 10;
/** Val below train on at least 60% of points (DIAGNOSIS.md (b)9 says 80%; labelled logs call 65% "val below train"). */
export const VAL_BELOW_FRACTION = 0.6;
/** ... by a median margin of at least 2% of train (curves in lockstep are not "below"). */
export const VAL_BELOW_MARGIN = 0.02;
/** Possible leakage: val accuracy above train accuracy by this much over the last half (UMLAUT uses 0.05 and fires on augmentation). */
export const LEAKAGE_ACC_GAP = 0.1;
/** Noisy validation: val jitter at least this and at least 2x the train jitter. */
export const NOISY_VAL_MIN = 0.05;
export const NOISY_VAL_RATIO = 2;

// ---- confidence --------------------------------------------------------------------------------
/** Confidence = BASE + TOP * score + MARGIN * (score - runner-up), scaled down for short runs. */
export const CONF_BASE = 0.3;
export const CONF_TOP = 0.45;
export const CONF_MARGIN = 0.35;
export const SHORT_RUN_POINTS = 10;
export const SHORT_RUN_FACTOR = 0.85;

// ---- the learned model's verdict (model.ts) ------------------------------------------------------
/** NaN/inf in the training loss that persists (the unstable score the NaN rule gives it), or the diverging
 * finding, makes the verdict unstable whatever the model says: the guide's first remedy (lower the
 * learning rate, clip, scale) applies before anything else can be judged. Our choice; on the zoo every such run is labelled unstable by intervention. */
export const HARD_UNSTABLE_SCORE = 0.9;
/** ... and its probability is at least this (the share of such runs labelled unstable in the zoo's train split; docs/diagnosis.md). */
export const HARD_UNSTABLE_PROBABILITY = 0.97;
/** Borderline: the runner-up's probability is within this of the top's (both are answers; the reply says what tells them apart). Chosen on the zoo's dev split (docs/diagnosis.md). */
export const BORDERLINE_MARGIN = 0.3;
/** Patterns below this probability are not listed as alternatives. */
export const ALTERNATIVE_MIN_PROBABILITY = 0.05;
