/**
 * Every threshold the diagnosis uses, named, with where it comes from. Sources are the published tools summarised in
 * docs/diagnosis.md#published-rules (AUTOTRAINER, UMLAUT, TheDeepChecker, losslint, gradsnitch, SageMaker,
 * Prechelt), how the rules read a curve (docs/diagnosis.md#curve-reading), and, where we depart from them
 * or chose a number ourselves, the reason ("Ours"). "corpus" means: checked against the labelled real logs,
 * where the published one-epoch rules alarm on most healthy runs.
 */
import { MIN_CURVE_POINTS } from '../ingest/limits.js';

/** Fewer aligned points than this and we do not judge the shape ("not_assessable"; docs/diagnosis.md#curve-reading).
 *  Ingest's readers of unnamed numbers use the same number (MIN_CURVE_POINTS). */
export const MIN_POINTS = MIN_CURVE_POINTS;

/** The start of a curve is the median of its first 4 points (an even count, so a curve alternating every
 * epoch is read at its centre). */
export const START_LEVEL_POINTS = 4;
/** ... and at most this share of the run, so on a short run the start window and the end window (the
 * tail, 3 points at least) do not overlap: 5 points read 0.504, ..., 0.331 as "improved only 0.1%" when
 * both windows held the middle points. Ours (a wild-set log, session 13). */
export const START_LEVEL_MAX_FRACTION = 0.25;

/** Relative gaps divide by the train level floored at 5% of its start (train error 0 at accuracy 1.0). The wide-gap
 * reason (scorers/overfitting.ts) calls it "a twentieth of its smoothed start": change both together. */
export const GAP_FLOOR_OF_START = 0.05;
/** Relative noise below 0.5% counts as 0.5% when comparing val noise with train noise. */
export const NOISE_FLOOR = 0.005;

/** Curves longer than this are averaged into this many buckets first (per-step logs; charts show 2,000 points too). */
export const MAX_POINTS = 2000;

/** Smoothing window as a fraction of the run (rolling median then mean); 3 points at least (docs/diagnosis.md#curve-reading). */
export const SMOOTH_FRACTION = 0.12;
export const SMOOTH_MIN = 3;
export const SMOOTH_MAX = 31;

/** The "end" of a curve: median of the last 12% of points (at least 2), so one last noisy epoch cannot decide. */
export const TAIL_FRACTION = 0.12;
export const TAIL_MIN = 2;

// ---- scores (scorers/*.ts) ----------------------------------------------------------------------
/** A problem score of 0.5 is "just enough evidence": the rules' verdict bar (and the bar for the
 * minimum-then-rise to outrank noise in the headline and the verdict). Ours: the scores are ramps built so. */
export const VERDICT_MIN_SCORE = 0.5;
/** A rule states its reason once its score passes 0.2, well below the verdict bar, so a runner-up or a
 * borderline answer can quote it. Ours. */
export const REASON_MIN_SCORE = 0.2;
/** Scores closer than this are a tie, won by the earlier pattern in unstable > overfitting > high variance >
 * underfitting (unstable first: its remedy comes before anything else can be judged). Ours: 1e-9 only absorbs float noise. */
export const SCORE_TIE = 1e-9;

// ---- measurements (measure.ts) ------------------------------------------------------------------
/** The last quarter of a run starts 75% of the way through (losslint's stagnation window, docs/diagnosis.md#published-rules). */
export const LAST_QUARTER_START = 0.75;
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
/** A learning-rate drop: the next logged value is below 90% of the one before (a step schedule multiplies by
 * 0.1-0.5, so each step counts; a slow per-epoch decay does not). Ours. */
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
/** ... with the minimum at least this far from the end (fraction of points): gradsnitch and docs/diagnosis.md#curve-reading use max(3, 10%). */
export const OVERFIT_AFTER_LO = 0.08;
export const OVERFIT_AFTER_HI = 0.25;
/** ... and the rise must matter against how far val fell before (a 0.00003 uptick after a 0.075 drop is noise): ramp 5% -> 30% of the drop. */
export const OVERFIT_RANGE_LO = 0.05;
export const OVERFIT_RANGE_HI = 0.3;
/** ... unless the rise is large in itself: 15% -> 30% above the minimum (smoothed) counts whatever came before. It
 * was 30% -> 60% until session 18: a classifier whose val fell from ln 4 = 1.39 to 0.31 and climbed to 0.44 over
 * its last 4 of 10 epochs while train fell 0.19 -> 0.05 (wild2) had read as a good fit, because its smoothed rise
 * (22%) was small against that first fall. Moves 3 verdicts or confidences on the 574 labelled real logs (all
 * towards the labels or to a borderline the labels accept) and none on the held-out ninth batch; on the zoo, one
 * seed-3 holdout run of 600 leaves its acceptable labels (68.2% -> 68.0%), the test split does not move. */
export const OVERFIT_LARGE_RISE_LO = 0.15;
export const OVERFIT_LARGE_RISE_HI = 0.3;
/** ... as long as it is at least 0.5% -> 5% of the fall (a rise from 3e-5 to 1e-4 after falling from 0.46 is converged noise). */
export const OVERFIT_RANGE_FLOOR = 0.005;
/** Train still improving after the val minimum (docs/diagnosis.md#curve-reading: train at the end below train at val's minimum); relative drop ramp 0 -> 15%. */
export const OVERFIT_TRAIN_DROP_HI = 0.15;
/** The rise's score is scaled by 0.6 + 0.4 x that train drop: a rise while train stands still is weaker
 * evidence, not none (train may have converged). Without a train curve the drop counts as half (0.5), and
 * the score is scaled by 0.8 for what cannot be checked. Ours, hand-tuned with the other rules on the corpus. */
export const OVERFIT_TRAIN_DROP_BASE = 0.6;
export const OVERFIT_TRAIN_DROP_SHARE = 0.4;
export const OVERFIT_NO_TRAIN_DROP = 0.5;
export const OVERFIT_NO_TRAIN_FACTOR = 0.8;
/** A validation curve judged alone learned before it climbed when the lowest point of its first half sits more than
 * 2.5 noise sigmas (the curve's robust residual sigma, V.noise) below its first point, or its smoothed minimum below
 * its start. Below that, a dip is as likely the noise of a curve that only rose (simulated noisy rising curves dipped
 * 2 sigmas early about one time in fifty). Ours. */
export const CLIMB_FALL_NOISE = 2.5;
/** Val flat while train keeps falling and the gap widens: reported as overfitting when the gap ratio at least doubles and grows by this much. */
export const WIDENING_GAP_MIN = 0.25;
/** ... while over the second half val fell less than 3% (flat), train fell more than 25%, and the gap ratio
 * ends above 0.3 (a gap that size is not the usual train/val offset). Ours. */
export const WIDEN_VAL_FLAT = 0.03;
export const WIDEN_TRAIN_FELL = 0.25;
export const WIDEN_GAP_RATIO_MIN = 0.3;
/** The widening score: up to 0.5 for the gap's growth (ramp WIDENING_GAP_MIN -> 4x that), plus up to 0.1 for a
 * rise of val of 0 -> 10% after its minimum, times how quiet val is: on its own it reaches the verdict bar
 * only with a clear trend and some rise. Ours. */
export const WIDEN_WEIGHT = 0.5;
export const WIDEN_RISE_WEIGHT = 0.1;
export const WIDEN_RISE_HI = 0.1;

/** Val ends worse than it started (by up to 10%, ramp) while train improved 15% -> 40% (ramp): a
 * generalisation failure even when no clean minimum-then-rise stands out of the noise (corpus). */
export const STALL_TRAIN_LO = 0.15;
export const STALL_TRAIN_HI = 0.4;
export const STALL_VAL_WORSE = 0.1;
export const STALL_WEIGHT = 0.7;
/** The val-worse ramp starts at val 2% better than its start (-0.02): a val that barely moved while train
 * learned already counts a little. Ours. */
export const STALL_VAL_LO = -0.02;
/** The rule speaks (and scores) once its evidence passes 0.3. Ours. */
export const STALL_REPORT_MIN = 0.3;
/** It counts as high variance when val is noisy (HV noise ramp >= 0.5) and there is no real minimum-then-rise
 * (that score < 0.3); otherwise as overfitting. Ours. */
export const STALL_NOISY_MIN = 0.5;
export const STALL_OVERRISE_MAX = 0.3;

// ---- high variance -----------------------------------------------------------------------------
/** Val jitter around its own trend, relative to its level: ramp 3% -> 9% (relative sigma; +-10% jumps read as ~6%). TheDeepChecker's smoothness < 0.5 is too coarse for 10-epoch logs. */
export const HV_NOISE_LO = 0.03;
export const HV_NOISE_HI = 0.09;
/** ... and val jitters more than train: val noise / train noise ramp 1.2 -> 2.5 (the same jitter on both is
 * batch noise of the task, not the validation set). Ours. */
export const HV_NOISE_RATIO_LO = 1.2;
export const HV_NOISE_RATIO_HI = 2.5;
/** Generalisation gap (val / train - 1) at the end: SageMaker's Overfit rule uses 0.1; a gap that size is normal, so ramp 0.25 -> 3.0 (val 4x train is unmistakable; 2x near zero loss is common). */
export const HV_GAP_LO = 0.25;
export const HV_GAP_HI = 3.0;
/** ... or val never improved (< 3% over the run) while train did (> 15%): a stall counts as a full gap. Ours. */
export const HV_STALL_TRAIN = 0.15;
export const HV_STALL_VAL = 0.03;
/** ... and the absolute gap must be 5% -> 20% of val's early level (0.04 vs 0.018 is a 2x ratio but no real gap). */
export const HV_ABS_GAP_LO = 0.05;
export const HV_ABS_GAP_HI = 0.2;
/** Val still falling by 15%+ over the second half is following train, however noisy: no high-variance verdict. */
export const HV_STILL_FALLING = 0.15;
/** ... where half of val's relative noise is added to that allowance (window medians of noisy points differ by about that much). */
export const HV_NOISE_ALLOWANCE = 0.5;
/** A gap too wide for a good fit: the guide's good fit ends with "a minimal gap" between the two losses. When val
 * ends at least 4x train (the gap ratio HV_GAP_HI calls unmistakable), the absolute gap is at least HV_ABS_GAP_HI of
 * val's early level (ratios explode near zero loss), and the gap grew over the second half by WIDENING_GAP_MIN (train
 * kept falling away from val), the model fits its training data far better than it generalises: overfitting, scored
 * 0 -> WIDE_GAP_SCORE (just over the verdict bar) as the ratio goes from 4x to 7x train (the train level floored at
 * GAP_FLOOR_OF_START of its start, as every gap ratio is: below it the ramp reads the absolute gap), times how much
 * train learned and how quiet val is (a jumpy val is scored as high variance by its own rule; the higher score wins).
 * Not read: accuracy pairs (a ratio of errors near 1.0), differently named losses (no shared scale), a loss that
 * reaches 0 or below (a log-likelihood: no ratio survives a shift), runs under PLATEAU_MIN_POINTS. Ours. */
export const WIDE_GAP_RATIO_LO = HV_GAP_HI;
export const WIDE_GAP_RATIO_HI = 2 * HV_GAP_HI;
export const WIDE_GAP_SCORE = 0.6;
/** ... and only a gap the run opened: at the start (the first points' levels) it was at most half the end's ratio. */
export const WIDE_GAP_OPENED = 0.5;

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
/** ... the together-score ramps over 15% of improvement below UNDER_TOGETHER_IMPROVEMENT (full at 15% or less). */
export const UNDER_TOGETHER_RAMP = 0.15;
/** A share past this (1,000%) is said without its number: measured against a level near 0 (a reward's distance
 * below a best it began at, a ±5 reward's jump from its best) the share is a huge number that says nothing the
 * quoted values do not ("ended 100000000000% worse" of a reward 0 -> -3, "jumps by a typical 200000%"): such a
 * curve "ended far worse", "jumps more than tenfold". Ours. */
export const SHARE_QUOTED_MAX = 10;
/** The slow-fall score ramps from UNDER_TOTAL_IMPROVEMENT + 5% (0) to 5% (1) of total improvement, and is
 * scaled by 0.6 when the train/val gap is 15% or more (a model with a real gap is fitting something). Ours. */
export const UNDER_RAMP_SLACK = 0.05;
export const UNDER_GAP_SMALL = 0.15;
export const UNDER_GAP_FACTOR = 0.6;
/** The guide's underfitting, "both losses fall slowly ... and stay close", read as a pace: the last quarter
 * still carries a share of the whole run's relative fall (its relative fall over the last quarter over its
 * fall over the run) of STEADY_PACE_LO -> STEADY_PACE_HI or more (ramp), for train and for val (a straight
 * line carries ~25%, a run that levelled off ~0); train's whole fall is under STEADY_IMPROVEMENT_HI (ramp
 * to full at STEADY_IMPROVEMENT_FULL); val ends within STEADY_GAP_FULL -> STEADY_GAP_HI of train (ramp).
 * The learning itself is slow (a learning rate or a model too small), where a healthy run falls fast and
 * then levels off. Scores up to STEADY_WEIGHT. Ours: the underfit training preset at other fit seeds
 * (LSTM(4) on a noisy sine at a tiny learning rate: a straight fall of 15-17% over 40 epochs, val 6-14%
 * above) read as a good fit on 8 of 40 seeds without it; checked on the zoo's train + dev runs. */
export const STEADY_PACE_LO = 0.12;
export const STEADY_PACE_HI = 0.2;
export const STEADY_IMPROVEMENT_HI = 0.35;
export const STEADY_IMPROVEMENT_FULL = 0.2;
export const STEADY_WEIGHT = 0.7;
export const STEADY_GAP_FULL = 0.1;
export const STEADY_GAP_HI = 0.2;
/** An accuracy (the pair itself, no loss logged) ending at 75% -> 90% or above is not underfitting however little it
 * moved: the slow-fall score fades to 0 over that ramp (the guide: "both losses stay high"; an accuracy at chance
 * is the chance rules' to call). Ours, a priori, above AUTOTRAINER's "not converged" 0.6 below. */
export const UNDER_HIGH_ACC_LO = 0.75;
export const UNDER_HIGH_ACC_HI = 0.9;
/** A loss judged beside an accuracy that ends at 98% -> 99.5% or above (the training accuracy, else the validation
 * one) fits its data however little the loss fell: the slow-fall and steady-fall scores fade to 0 over that ramp.
 * The loss has a floor of its own there (label smoothing, a regularisation term, class weights: DGCNN's smoothed
 * cross-entropy holds at 0.87 beside a training accuracy of 0.9999, bench/wild71). The guide's underfitting is a
 * model that cannot fit its training data. Ours, a priori. */
export const UNDER_FIT_ACC_LO = 0.98;
export const UNDER_FIT_ACC_HI = 0.995;
/** ... only for the plain accuracy, and when it climbed there: its error at the end at most 30% of its first (DGCNN's
 * 0.21 -> 0.0001). A binary accuracy over many labels at 0.995 from its first epoch (all negatives predicted) or a top-5
 * accuracy near 1 says nothing of a fit (a review's cases). Ours, a priori. */
export const UNDER_FIT_ERROR_FALL = 0.3;
/** AUTOTRAINER's "not converged" accuracy threshold Θ = 0.6 (reproduce.py). */
export const UNDER_ACC_THRESHOLD = 0.6;
/** Train accuracy below that threshold and flat (moved less than 2 x FLAT_ACC_RANGE) scores 0.6 for
 * underfitting: just over the verdict bar. Ours. */
export const UNDER_ACC_SCORE = 0.6;
/** Accuracy that moved less than this over the run is "flat" (AUTOTRAINER slow convergence δ = 0.01 per epoch; over a run we allow 0.03). */
export const FLAT_ACC_RANGE = 0.03;
/** ... "moved" compares the medians of the first and the last 20% of the accuracy points (at least 3 points). Ours. */
export const ACC_RANGE_WINDOW = 0.2;
export const ACC_RANGE_MIN_POINTS = 3;
/** Loss within this fraction of ln(K) while flat is chance level (docs/diagnosis.md#chance-level: L ≈ ln K with a range under 1%). */
export const CHANCE_LOSS_TOLERANCE = 0.02;
/** Flat loss: range over the second half below this fraction of its level (docs/diagnosis.md#chance-level uses 1%). */
export const FLAT_LOSS_RANGE = 0.02;
/** ... a loss near ln(K) counts as flat up to 1.5 x that range (the second half of short logs is a few points). Ours. */
export const CHANCE_FLAT_SLACK = 1.5;
/** ... unless an accuracy is logged and ends more than this above 1/K: then the output is not a guess, and the
 * loss only happens to sit at ln(K). The shared taxonomy's
 * stuck_at_chance asks for the accuracies within 0.02 of 1/K as well as the loss at ln(K), and its underfitting
 * bar is "chance + 0.1"; ours is that looser bar, so a run at chance whose accuracy wobbles still counts. */
export const CHANCE_ACC_MARGIN = 0.1;
/** ... and, when val is the loss at ln(K) and no accuracy is logged, unless the train loss's median over the second half sits more than
 * this fraction below ln(K): a model that fits its training data better than a guess is not outputting a guess
 * (val flat at ln(K) beside train far below it is a plateau or overfitting, e.g. an LLM eval loss that happens to
 * sit at ln 6). Ours, chosen a priori (session 14): 10% of ln(K), loose, since a guessing model still fits
 * a few training batches. */
export const CHANCE_TRAIN_MARGIN = 0.1;
/** ... and not when the score beside the loss (an accuracy, a Dice, an F1) climbed over the run by more than this
 * share of its end level (the medians of its first 3 points and of its last ACC_RANGE_WINDOW): a segmentation run whose val
 * Dice rose 0 -> 74 while its loss sat at 2.18 (ln 9 = 2.20) was called "a uniform guess over 9 classes" (wild8).
 * Ours, a priori: half, far above an accuracy wobbling at chance (0.10 -> 0.12 is 17%). */
export const CHANCE_SCORE_ROSE = 0.5;
/** ... and not for a K whose ln(K) the loss fell through: a second half that falls on at least this share of its
 * steps (CHANCE_FALLING_MIN_STEPS or more) and ends below ln(K) is a loss still learning that passes the level on
 * its way down (a LoRA fine-tune's eval loss 1.398 -> 1.377 past ln 4 = 1.386, no accuracy logged); a guess sits
 * at ln(K) without a trend, and a model that learned only the class prior levels off (at ln(K) for balanced
 * classes, below it at the prior's entropy otherwise) rather than falling on. Ours, a priori: 4 steps in 5. */
export const CHANCE_FALLING_SHARE = 0.8;
/** ... over at least this many steps of the second half (fewer are no trend: 3 steps fall together by chance one
 * time in 8). Ours. */
export const CHANCE_FALLING_MIN_STEPS = 4;
/** A val accuracy that does not change at all (max - min below this) over at least MIN_POINTS evaluations
 *  means the same predictions every time: one class for every input (the majority class of an imbalanced
 *  set, which 1/K misses). One sample changes an accuracy by 1/N, far above this for any val set. Ours.
 *  Not when a train accuracy ends more than CHANCE_ACC_MARGIN above it: the model learned its training data. */
export const FROZEN_ACC_RANGE = 1e-6;
/** ... and only below 1 - CHANCE_ACC_MARGIN and above 0: a val accuracy stuck at 1.0 (or 0.95 on 20 samples)
 *  is saturated, not a constant guess, and 0 is a regression model compiled with metrics=['accuracy']. Ours. */
export const FROZEN_ACC_MAX = 0.9;
/** ... and only while the val loss falls less than this over the run (smoothed, relative): a model whose val
 *  loss keeps falling is changing its predictions, whatever the count of right answers does. Ours, a priori. */
export const FROZEN_ACC_VAL_FALL_MAX = 0.25;
/** Flat at chance level scores 0.8 for underfitting (clear: the output is a guess). Ours. */
export const CHANCE_SCORE = 0.8;
/** Began within 3% of ln(K) for a common class count and never went below 70% of it (its lowest level, which is at
 * most its end): the loss barely left chance level. One that fell further and rose back trained, then lost it. */
export const COMMON_CLASS_COUNTS = [2, 10, 100, 1000];
export const START_CHANCE_TOLERANCE = 0.03;
export const STILL_NEAR_CHANCE = 0.7;
/** ... its lowest level read as the least of its medians over this share of the run (an odd window of points: one
 * under 40 points, 3 from 40, 5 from 80): a single batch that dips is no level. Ours. */
export const CHANCE_LOWEST_SHARE = 0.05;
/** Started at chance and still near it scores 0.6: just over the verdict bar (it may yet be learning). Ours. */
export const START_CHANCE_SCORE = 0.6;
/** Frozen: over the last 60% of the run (at least 4 points) the train loss moves less than 1e-4 of its
 * level: nothing is learning (dead units, zero gradients, a constant prediction). Scores 0.8. Ours. */
export const FROZEN_TAIL_START = 0.4;
export const FROZEN_MIN_POINTS = 4;
export const FROZEN_RANGE = 1e-4;
export const FROZEN_SCORE = 0.8;
/** ... but not a loss frozen at 0 (at most 1e-4 of its largest value): it fits its training data exactly (a
 * fine-tune printing 0.0000 from its 40,000th step), which is no dead network. Ours. */
export const FROZEN_AT_ZERO = 1e-4;
/** Class counts whose ln(K) we recognise as chance-level cross-entropy. */
export const CHANCE_CLASS_COUNTS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000];

// ---- unstable ----------------------------------------------------------------------------------
/** Divergence: late median over early median of the train loss (losslint 1.25 with n >= 20); we need 2x to call it unstable. */
export const DIVERGE_GROWTH = 2;
/** ... its score ramps from 0.75 x to 2 x that growth (1.5x -> 4x). Ours. */
export const DIVERGE_RAMP_FROM = 0.75;
export const DIVERGE_RAMP_TO = 2;
/** A slower rise counts too: a train loss whose late median is 1.25x (losslint's divergence bar) -> 2x its
 * early median scores 0 -> 1 for unstable without the diverging finding (a training loss that ends well
 * above where it began is not a fit). Ours, a priori (session 15). */
export const RISE_GROWTH_LO = 1.25;
export const RISE_GROWTH_HI = 2;
/** ... and only when the rise is more than 2 standard errors of the difference between the two tenths' medians
 * (their noise measured on the same curve): two single points of a per-batch loss that moves 100% from point to
 * point say nothing about a rise, nor about a divergence (2x and more: one more noisy point must not turn nothing
 * into "diverging"). Ours (a 2-sigma bar; NaN/inf and a negative loss running away stay unconditional). */
export const RISE_NOISE_Z = 2;
/** AUTOTRAINER treats loss >= 1e3 as exploding; we only use it together with growth, because regressions start in the hundreds. */
export const EXPLODE_ABS = 1e3;
/** Without a train curve, a val loss above that and jumping (LOG_JUMP_UNSTABLE) scores 0.8 and is diverging. Ours. */
export const VAL_EXPLODE_SCORE = 0.8;
/**
 * A negative loss (NLL of a density, negative ELBO) whose size grew 10x is a blow-up only while it
 * is still running away: at least this share of its whole change in the last third of the run. A
 * steady fall that flattens (-100 -> -1200, converging) is learning; an ill-posed loss collapsing
 * (variance -> 0) falls faster and faster (-1 -> -10 -> -100 -> -1000). Our choice.
 */
export const NEG_BLOWUP_TAIL_SHARE = 0.5;
/** ... or when its size grew this much whatever the shape (no real loss improves 1000-fold below zero). Our choice. */
export const NEG_BLOWUP_HUGE = 1e3;
/** ... judged only once its size grew 10x from the first point (the "grew 10x" above), on at least 3 finite
 * points. Ours. */
export const NEG_BLOWUP_GROWTH = 10;
export const NEG_BLOWUP_MIN_POINTS = 3;
/** A loss that is non-finite from the start (or too early to leave MIN_POINTS finite points) blew up: 0.95, as
 * does a negative loss running away. Ours: a clear case, above the hard-unstable bar (HARD_UNSTABLE_SCORE). */
export const BLOWUP_SCORE = 0.95;
/** NaN/inf among finite points persists when the last one is at the end of the run, or when at least 2 fall in its
 * last 30% and they are at least half of the points logged there (either curve's, finite or not): 0.9 (a blow-up);
 * else it recovered: 0.55 (a warning sign, just over the verdict bar). NaN epochs scattered among finite ones that go
 * on improving (mixed precision's overflowing batches in an epoch's mean: YOLOv5's results.txt) recovered each time.
 * Ours. */
export const NAN_TAIL_START = 0.7;
export const NAN_TAIL_MIN_POINTS = 2;
export const NAN_TAIL_SHARE = 0.5;
export const NAN_PERSISTENT_SCORE = 0.9;
export const NAN_RECOVERED_SCORE = 0.55;
/** Median |log ratio| between consecutive points: 0.3 means typical jumps of +-35% (train loss never does this in a healthy run). */
export const LOG_JUMP_UNSTABLE = 0.3;
/** ... its score ramps from 0.8 x to 2 x that jump. Ours. */
export const JUMP_RAMP_FROM = 0.8;
export const JUMP_RAMP_TO = 2;
/** Train jitter relative to its level that counts as oscillation (AUTOTRAINER ζ=0.03 on accuracy, η=20% of epochs). */
export const TRAIN_NOISE_UNSTABLE = 0.12;
/** ... its score ramps from 0.8 x to 2.5 x that jitter. Ours. */
export const NOISE_RAMP_FROM = 0.8;
export const NOISE_RAMP_TO = 2.5;
/** Jumps and jitter count only without a downward trend: the weight is 1 when train improved 10% or less over
 * the run and 0 from 30% (a run that learns through its noise is not unstable). Ours. */
export const NO_TREND_IMPROVEMENT = 0.3;
export const NO_TREND_RAMP = 0.2;
/** ... the improvement is also read from the medians of the curve's first and last thirds, each of at least this
 * many points (a long noisy curve, whose first 4 points say little about where it started; a median of 3 is the
 * fewest that outvotes one wild point). Ours. */
export const THIRDS_MIN_POINTS = 3;
/** ... only when the run's start, the median of its first this many points (the run's own improvement reads its
 * start over 4: measure.ts relDrop), lies within the first third's middle half (its quartiles): a start that is
 * noise around the first third's level. Ours. */
export const THIRDS_START_POINTS = 4;
/** The guide's unstable is "both losses fluctuate violently": a training curve logged between the evaluations (a
 * single batch's loss per step, as Lightning's on_step logging writes it) that jumps or jitters beside a validation
 * curve far calmer than itself swings with its batches, not with the run. Its jump and jitter scores are scaled by
 * the validation curve's jitter as a share of its own: 0 below a fifth, whole from a half. A training curve logged
 * once per evaluation (an epoch's mean) keeps its scores: its jumps are the run's. Ours (the guide's "both"; a mean
 * of 16 batches has a quarter of one batch's noise). */
export const VAL_CALM_SHARE_LO = 0.2;
export const VAL_CALM_SHARE_HI = 0.5;
/** Jump and jitter scores below 0.3 are neither scored nor reported. Ours. */
export const OSCILLATION_MIN_SCORE = 0.3;
/**
 * Excursion: a big transient jump of the loss after it had come down (the seed guide's unstable: "a learning
 * rate far too high"; issue 10 names "a big transient jump in both losses"). A point at least EXCURSION_LO x
 * the lowest of the EXCURSION_LOOKBACK points before it, by at least EXCURSION_MIN_OF_RANGE of the curve's
 * own 10-90% range (converged noise near zero is not a jump), and val must jump alike within
 * EXCURSION_SYNC points (val alone jumping is variance; a log without val is left out, as per-step train
 * losses jump 2x between batches). Score: the smaller of the two ratios,
 * ramped 2x -> 4x (3x is the verdict bar). Measured on the zoo's train + dev histories (never the test
 * split): at 2x in both it marks 27 of 182 runs labelled unstable and 2 of 1,022 others; at 3x, 25 and 1.
 * TheDeepChecker calls a loss diverging at 2x over its minimum; ours asks for it in a jump, in both curves.
 */
export const EXCURSION_LO = 2;
export const EXCURSION_HI = 4;
export const EXCURSION_LOOKBACK = 3;
export const EXCURSION_MIN_OF_RANGE = 0.2;
/** An accuracy whose train and val curves each span less than 2 points over the whole run is settled: the growth,
 * jump and oscillation rules, which read its error 1 - y relatively, are not asked (12 optimizers' runs at
 * 0.9998-1.0 train and 0.978-0.985 val accuracy read as "collapsed", bench/wild14 quint-t). Ours. */
export const ACCURACY_STILL_SPREAD = 0.02;
/** ...and at least 20% of how far the curve had come down before it (its highest point so far, less the jump's
 * start): a loss that fell 0.3 -> 6e-4 and blips to 0.03 (wild10 rusterx, labelled a good fit by both passes)
 * jumps 50x but back to a tenth of its fall. An explosion from the first epochs has no fall to measure against.
 * Chosen when bench/wild14's held-out test series became rusterx's validation. Ours. On the benchmark: the model's
 * zoo test split is unchanged (seed-3 holdout 61.8% -> 62.0%); bench/wild gains one lenient answer, no set loses one. */
export const EXCURSION_MIN_OF_FALL = 0.2;
export const EXCURSION_SYNC = 2;
/** The reason says the loss "had come down" only when the jump starts at least 20% below the highest point before it
 * (an explosion from the first epochs is a leap too, but not one after learning). Ours. */
export const EXCURSION_CAME_DOWN = 0.2;

/**
 * Flat noise: the seed guide's unstable is "both losses fluctuate violently with no clear downward trend"
 * (issue 10: a learning rate far too high for unscaled targets leaves both curves swinging around a flat
 * level). Both curves' noise (relative to their level, at the validation points) ramps FLAT_NOISE_LO ->
 * FLAT_NOISE_HI, and neither may fall clearly: the t statistic of a straight line through each whole
 * curve ramps FLAT_TREND_T_CLEAR -> FLAT_TREND_T_NONE (a fall this noisy is "no clear trend" until the
 * line's slope is 3.5 of its standard errors below 0). Judged on the t statistic and not on the fall from
 * the first points, which in a curve this noisy is a draw (the oscillation rule's measure: a flat curve
 * with +-35% swings "improved" 28% between its first and last points). Score: up to FLAT_NOISE_SCORE.
 * A loss read from an accuracy is left out (its error's relative noise explodes near 100%), so is a run
 * under FLAT_NOISE_MIN_POINTS. Ours, chosen on the zoo's train + dev runs (never the test split or the
 * holdout). With the shipped weights, on the 1,186 train + dev runs with both curves: primary = label
 * 661 -> 687, unstable recall 71 -> 101 of 164, good-fit false alarms 30 -> 33 of 216, high variance
 * 39 -> 37 of 167; no corpus verdict changes.
 */
export const FLAT_NOISE_LO = 0.06;
export const FLAT_NOISE_HI = 0.12;
export const FLAT_TREND_T_CLEAR = -3.5;
export const FLAT_TREND_T_NONE = -2;
/** ... and the second half of each curve may not fall clearly either (a curve that still falls steadily late
 * in the run has a trend, whatever its start did): its line's t ramps FLAT_LATE_T_CLEAR -> FLAT_LATE_T_NONE. */
export const FLAT_LATE_T_CLEAR = -5;
export const FLAT_LATE_T_NONE = -3;
/** The reason says "after their first fall" when train's smoothed level fell this much over the run (in its
 * first epochs: the rule asks for no clear trend); either way it quotes where the curve is lowest and highest
 * in the second half of the run, never two single points of a curve this noisy. Ours. */
export const FLAT_FIRST_FALL = 0.2;
export const FLAT_NOISE_SCORE = 0.8;
export const FLAT_NOISE_MIN_POINTS = 8;
/**
 * The rule on a training curve alone (no validation, read per epoch; scorers/unstable.ts scoreFlatTrain): the
 * same ramps on the one curve, and no clear fall: the median of its last third may not sit this many of its
 * noise (absolute) below its first third's, else it fell (a line through a loss that dropped at once and then
 * jitters near 0 has a weak slope). An accuracy's noise is relative to the accuracy. Ours, a priori (session 17,
 * when accuracy-only logs of pure noise read as good fits at 0.99); checked, not fitted, on the wild batches:
 * three misses become unstable, no verdict becomes a miss, the corpus is unchanged.
 */
export const FLAT_TRAIN_FALL_NOISES = 2;
/** ... and a curve numbered by position (no epoch column: each row read as an epoch) or by a step counter, of more
 * points than this, is more likely iterations than epochs or evaluations, whose batches swing however the run
 * trends: not judged by it. A steady
 * accuracy beside the loss (relative noise under FLAT_NOISE_LO) also says the jitter is not instability. Ours. */
export const FLAT_TRAIN_MAX_POSITIONS = 300;

/** The underfitting fallback sentence (the model chose underfitting, no rule spoke) calls the fall "slow for the
 * time spent" only under this whole-run improvement of the smoothed level; a bigger fall "may have more to learn". Ours. */
export const FALLBACK_BIG_FALL = 0.5;

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
/** Val below train on at least 60% of points (docs/diagnosis.md#curve-reading: published 80%; labelled logs call 65% "val below train"). */
export const VAL_BELOW_FRACTION = 0.6;
/** ... by a median margin of at least 2% of train (curves in lockstep are not "below"). */
export const VAL_BELOW_MARGIN = 0.02;
/** Possible leakage: val accuracy above train accuracy by this much over the last half (UMLAUT uses 0.05 and fires on augmentation). */
export const LEAKAGE_ACC_GAP = 0.1;
/** ... on at least 80% of those points, out of at least 4 shared points. Ours. */
export const LEAKAGE_AGREE = 0.8;
export const LEAKAGE_MIN_POINTS = 4;
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
/** ... and kept within [0.05, 0.99]; other patterns whose score passes 0.15 are listed as runner-ups (as is
 * the good fit when the top score leaves more than 0.15 of doubt). Ours. */
export const CONF_MIN = 0.05;
export const CONF_MAX = 0.99;
export const RUNNER_UP_MIN_SCORE = 0.15;
/** Good fit's score: (1 - the top problem score) x (0.5 + 0.5 x its positive evidence), where the evidence is
 * val having fallen 0 -> 20% (ramp) and ending within 5% -> 30% (falling ramp) of its best, or without val,
 * train having fallen 5% -> 30%. Ours. */
export const GOOD_BASE = 0.5;
export const GOOD_EVIDENCE_SHARE = 0.5;
export const GOOD_VAL_FELL = 0.2;
export const GOOD_RISE_LO = 0.05;
export const GOOD_RISE_HI = 0.3;
export const GOOD_TRAIN_FELL_LO = 0.05;
export const GOOD_TRAIN_FELL_HI = 0.3;
/** The good-fit headline says val "tracks" train only while their smoothed gap is within half the train
 * level; beyond it the headline says val stays above (or below) train and quotes the gap: the guide's good
 * fit levels off "close", and a reader must not be told 177% is close. Ours (HV_GAP_LO starts at 25%). */
export const GOOD_TRACKS_GAP = 0.5;
/** ... for an accuracy pair: the accuracies differ by at most 0.05 at the end (UMLAUT warns from a 0.05 gap). */
export const GOOD_TRACKS_ACC_GAP = 0.05;
/** The train-only good fit says how the curve moved from its first point to its last, unless its smoothed level
 * moved at least this much (relative) the other way: single points of a noisy curve can say "fell" where the
 * curve rose (an agent's evaluation reward 113 -> 65.3 on a trend that climbed), and the sentence then quotes the
 * smoothed change beside the two points. 2%: below it the smoothed change is within a typical epoch-to-epoch
 * wiggle, and either wording is fair. For an accuracy or a reward it is 2% of its distance to the top. Wording
 * only. Ours. */
export const GOOD_SMOOTHED_OVER_ENDS = 0.02;
/** Not assessable is said with confidence 0.9 (the point count is a fact, not an estimate). Ours. */
export const NOT_ASSESSABLE_CONFIDENCE = 0.9;
/** A reported confidence stays within [0.01, 0.999]: never certain either way. Ours. */
export const CONFIDENCE_FLOOR = 0.01;
export const CONFIDENCE_CEIL = 0.999;

// ---- the learned model's verdict (model.ts) ------------------------------------------------------
/** NaN/inf in the training loss that persists (the unstable score the NaN rule gives it), or the diverging
 * finding, makes the verdict unstable whatever the model says: the guide's first remedy (lower the
 * learning rate, clip, scale) applies before anything else can be judged. Our choice; on the zoo every such run is labelled unstable by intervention. */
export const HARD_UNSTABLE_SCORE = NAN_PERSISTENT_SCORE;
/** ... and its probability is at least this (the share of such runs labelled unstable in the zoo's train split; docs/diagnosis.md). */
export const HARD_UNSTABLE_PROBABILITY = 0.97;
/** A frozen training loss (FROZEN_*) makes the verdict underfitting whatever the model says, at this probability
 * or more: every frozen run labelled so far is underfitting (7 zoo runs; 2 real logs, one of them a loss printed
 * identical for 50 epochs that the model had called a good fit at 0.55). On the zoo's test split it moves no
 * verdict; ECE 0.077 -> 0.078. Ours: below the unstable rule's, on fewer cases. */
export const HARD_FROZEN_PROBABILITY = 0.9;
/** Borderline: the runner-up's probability is within this of the top's (both are answers; the reply says what tells them apart). Chosen on the zoo's dev split (docs/diagnosis.md). */
export const BORDERLINE_MARGIN = 0.3;
/** Patterns below this probability are not listed as alternatives. */
export const ALTERNATIVE_MIN_PROBABILITY = 0.05;
/** A run that logs its validation curve alone (no training curve) cannot show whether the model fits its training
 * data, which is what tells underfitting (both losses high and close) from a good fit that has levelled off. An
 * underfitting verdict there says so, with the experiment that tells them apart, when the validation curve improved at
 * least this much over the run (it learned something a good fit could rest on; STILL_IMPROVING_MIN's size, so noise
 * does not qualify). Ours. */
export const VAL_ONLY_LEARNED = STILL_IMPROVING_MIN;

// ---- an agent's reward (scorers/reward.ts) -------------------------------------------------------
/** A reward read as itself (its collapse, its standing still) needs a curve to smooth: at least this many points.
 * Ours (twice MIN_POINTS). A longer one is read at bucket resolution, at most REWARD_MAX_POINTS means (as
 * MAX_POINTS bounds the other rules' work). */
export const REWARD_MIN_POINTS = 10;
export const REWARD_MAX_POINTS = 2000;
/** The reward's start and end levels are the means of its first and last 15% (per-episode rewards scatter: one
 * episode is no level; a 0/1 reward has no median between its values). Ours. */
export const REWARD_EDGE_SHARE = 0.15;
/** Its smoothed curve: a moving average over a fifth of the run (5 to 51 points): a peak is a level held, not an
 * episode. Ours. */
export const REWARD_SMOOTH_SHARE = 0.2;
/** A collapse needs a gain first: the smoothed peak at least 4 standard errors above the start (of a smoothed level
 * minus the start level; sigma from the root mean square step), so a zigzag around a flat level is no gain, and at least a quarter
 * of the range of its values (10th to 90th percentile), so a sparse 0/1 reward's lucky stretch is none. Ours. */
export const REWARD_GAIN_OVER_NOISE = 4;
export const REWARD_GAIN_OF_RANGE = 0.25;
/** ... and gives back at least 60% of it by the end (a policy that fell apart: PPO or DQN with too high a learning
 * rate, catastrophic forgetting; SB3's docs and Henderson et al. 2018 show such curves). Ours: more than half, so a
 * reward that settles a little below its best is no collapse. */
export const REWARD_COLLAPSE_GAVE_BACK = 0.6;
/** A collapsed reward is unstable at this score (above every other rule's, 1.0 being the most), and its
 * underfitting score (a small gain start to end) is capped at the runner-up's floor: it learned, then lost it. */
export const REWARD_COLLAPSE_SCORE = 0.9;
export const REWARD_COLLAPSED_UNDERFIT_CAP = 0.3;
/** A training loss that learned and lost it (scorers/lost-fit.ts), the loss-side mirror of a reward's collapse: its
 * smoothed level fell at least 40% below its start (the model could fit: no underfitting, whose loss "stays high"),
 * then gave back at least REWARD_COLLAPSE_GAVE_BACK of that fall by the end, and its last LOST_FIT_HELD_POINTS points
 * all stay that far above the low and at least LOST_FIT_OVER_NOISE times its noise (Curve.noise) above it, so a
 * spike at the end or jitter around a low level is none. A validation curve, when logged, must have held such a
 * rise too. Ours (session 28, chosen on
 * bench/wild27's Naris167): the rule fires on 3 labelled real logs (the corpus, bench/wild to wild27), and the two
 * passes accept unstable on 2 of them (the third was called unstable before); scored and capped as a collapsed
 * reward. */
export const LOST_FIT_FELL = 0.4;
export const LOST_FIT_OVER_NOISE = 4;
export const LOST_FIT_HELD_POINTS = 4;
/** ... and a loss that fell less than LOST_FIT_FELL, then climbed back above its start and held there, ending at
 * least 1.25x its smoothed low (losslint's divergence bar, as RISE_GROWTH_LO): it turned and ran away (diverging,
 * unstable at REWARD_COLLAPSE_SCORE), which the late-over-early growth misses when the first points are high. Ours
 * (session 52, on bench/wild70's U-Net run, 0.41 -> 0.69 over its last 6 steps). */
export const LOST_FIT_CLIMB = 1.25;
/** A reward that never moves: the middle 80% of its values, its start and end levels and its smoothed curve each
 * span under 1% of its level (-500 +- 1; not a reward that rose in its first tenth and held). Its jitter is no
 * instability (its distance below the best, which the error-space rules read, makes 1 point in 500 look like
 * 67% noise); nothing is learned: underfitting. Ours. */
export const REWARD_STILL_SPREAD = 0.01;
export const REWARD_STILL_SCORE = 0.9;
/** A reward that jitters about a level it holds (scorers/reward.ts steadyReward): its point scatter (root mean
 * square step over sqrt 2) and its smoothed curve's span each under a fifth of its median's size, its start-to-end
 * move no trend (REWARD_TREND_SHARE), where the rules' verdict is unstable or underfitting. They measure its jitter
 * against its shortfall from its best, which is about the jitter itself when the reward never improved ("jumps by a
 * typical 99%"), and a best it began at makes that shortfall "grow 101x". Ours (session 39): of the 113 labelled
 * real logs judged on a reward (the corpus, bench/wild to wild46), it moves 6 verdicts, all to an accepted label (5
 * to their primary); the nearest unstable-primary one (Gantulga9480's) has a smoothed span of 37% of its level, and
 * any share from 0.1 to 0.3 moves only answers towards their labels. Scored below a still reward: its scatter is
 * real. */
export const REWARD_STEADY_SHARE = 0.2;
export const REWARD_STEADY_SCORE = 0.8;
/** ... and its start-to-end move is no trend: a move clear of REWARD_GAIN_OVER_NOISE standard errors of its levels
 * counts only past this share of its level. Ours (session 39's second review): a rolling mean's steps understate
 * its noise (SB3's ep_rew_mean over 100 episodes: an untrained agent's drift of 1.9% passed for a trend), while a
 * fall of a tenth of the level or more (the first review's 15% at 13 times the scatter) is the agent getting worse. */
export const REWARD_TREND_SHARE = 0.05;

// ---- a held-out score beside a training loss (held-out.ts) ---------------------------------------
/** A training loss logged beside a held-out score (val accuracy, Dice, F1, a correlation) and no held-out loss: the
 * training loss alone is judged first; when it reads as a good fit, the score is judged alone as a validation curve
 * (a score and a loss share no scale, so no gap is measured), and its verdict is the run's when it is overfitting
 * while the training loss's level fell from the score's best point to the end, or underfitting when its best value
 * never left its no-skill level by more than this, on its 0..1 scale (a percentage read /100): a Dice, IoU, F1, mAP,
 * BLEU, kappa, MCC, R2 or correlation whose best is 0.05 or less, a ROC AUC whose best is 0.55 or less. The guide's
 * definitions, read on the held-out curve, the only one that shows generalisation; the margin is ours, a priori
 * (session 44): a segmentation's Dice of 0.05 overlaps a twentieth of the target. Of the 52 labelled real logs whose
 * training loss read as a good fit beside such a score (the corpus, bench/wild to wild58), 8 were wrong; the rule
 * moves 5 verdicts, 4 to an accepted label and one accepted before to its primary, and none away. */
export const HELD_OUT_NO_SKILL_MARGIN = 0.05;
/** ... and such a score's underfitting rule score: its shape, flat at no skill or drifting in noise, says nothing else. */
export const HELD_OUT_NO_SKILL_SCORE = 0.8;
/** The training loss's level beside the score is the median of TAIL_FRACTION of its points (as a curve's end is
 * read), at least this many: one noisy step or a spike does not say which way it went. Ours. */
export const HELD_OUT_LEVEL_MIN_POINTS = 3;
