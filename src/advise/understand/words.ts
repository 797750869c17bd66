/**
 * The words query understanding reads, as reviewable data: common English never "corrected", the
 * phrases that become marker tokens (shape and direction words), the word classes (curves, metrics,
 * levels, negation) and the whole-question cues for "still falling".
 */

export function fold(s: string): string {
  // (German's sharp s has no decomposition: größe -> grosse)
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss');
}

/** words never corrected: common English that sits one edit from a domain word */
export const COMMON = new Set(
  (
    'about above after again against along always another around asked because before being below between both cannot could ' +
    'doesnt didnt different during each early every first found going great having helps improve large later least maybe might ' +
    'model models never normal other really right runs same should since small smaller still their there these thing think ' +
    'those though three times today trying under until using value values very wants where which while whole would wrong ' +
    'start starts started stays stayed stops stopped tried gives given makes making rises rising rose noise noisier ' +
    'worse worst better best lower higher bigger larger until after epoch epochs class classes label labels point points ' +
    'close closer steps layer spiky sharp weird lines faster slower train trains learn learns learnt learned ' +
    'pasted paste twice loads count counts total input inputs output outputs shape shapes turned stock stocks something ' +
    'samples sample simple classic climbing sliding combine prevent percent period combien cuantos cuantas cuanto pourquoi porque'
  ).split(/\s+/),
);

/** curve and metric written as one word: valloss, trainacc, testaccuracy, validationloss */
export const GLUED = /\b(val|valid|validation|train|training|test|dev)(loss|losses|acc|accuracy|error|mse|mae)\b/g;
/** ln(2), log(10): the loss of a uniform guess spelt as a formula */
export const LN_OF = /\b(?:ln|log) ?\( ?(\d{1,4}) ?\)/g;
/** a diagnosis named to be ruled out ("no overfitting and no underfitting", "not overfitting yet") */
export const NEGATED_DIAGNOSIS =
  /\b(no|not|without|nor|isnt|never|neither|zero|cant|cannot|wont|doesnt|dont|unable to) (even |any |signs? of |sign of )?(over ?fit\w*|under ?fit\w*|high variance|leak\w*|diverg\w*)\b/g;
/**
 * a finding named to be ruled out ("loss is not nan", "no nans, but ...", "never inf"): neither the
 * text search nor the cues read it as the finding
 */
export const NEGATED_FINDING =
  /\b(no|not|without|nor|isn['’]?t|aren['’]?t|wasn['’]?t|never|neither|zero|free of) (a |an |any |even a |even one |single |one )?(nan|nans|inf|infs|infinity|infinite|infinities)( values?| losses?)?\b/g;

// ------------------------------------------------------------------ phrases -> marker tokens

/** multi-word phrases become one marker token (checked in this order) */
export const MARKERS: [RegExp, string][] = [
  // "should i increase epochs", "reduce the lr", "lower dropout": a setting changed, not a curve going up or down
  // (the base form or -ing only: "loss increases epoch after epoch" is the curve)
  [
    /\b(increase|increasing|decrease|decreasing|reduce|reducing|lower|lowering|raise|raising|drop|dropping|cut|cutting|boost|boosting|double|doubling|halve|halving|add|adding|more|fewer|less) (the |my |a |number of |amount of |the number of )?(epochs?|lr|units|neurons|cells|layers?|dropout|batch|batch size|patience|window|capacity|regulari[sz]ation|l2|l1|momentum|decay|width|depth|timesteps|lookback|data)\b(?! (after|by|over|per|to)\b)/g,
    ' xaction $3 ',
  ],
  // "i increased the batch size": a person changed a setting (past tense), not a curve going up
  [
    /\b(i|we|you|they) (have |had |just |then |also )?(increased|decreased|reduced|lowered|raised|dropped|cut|doubled|halved|tripled|added|changed|bumped|upped|boosted)\b/g,
    ' $1 xaction ',
  ],
  // "it never has a minimum and then goes up", "no clear bottom before it rises": a min-then-rise ruled out
  // is no rise (the later rise marker would read it as one)
  [
    /\b(never|not|doesnt|does not|dont|do not|didnt|did not|isnt|no|without)( really| clearly| actually| even| quite)?( have| has| had| show| shows| showed| reach| reaches| reached| hit| hits| form| forms)?( a| any| one| an| the)?( clear| real| obvious| proper| clean)? (minimum|min|low point|lowest point|bottom|dip|turning point|u shape|u-shape|upturn)( and| then| and then| before| after which| followed by)( it| the loss| val\w*| a)? (goes up|go up|going up|went up|turns? up|rises|rise|rising|increas\w*|climb\w*)\b/g,
    ' not xrise ',
  ],
  // "never clearly goes down or up", "neither up nor down": a negation over both directions is no trend
  [
    /\b(never|not|doesnt|does not|dont|do not|isnt|wont|neither)( really| clearly| actually| consistently| obviously)? (goes |go |going |went |trends? |trending |moves? |moving )?(down|up|lower|higher|decreas\w*|increas\w*|improv\w*|better)( or| nor)( goes| go| going| gets)? (down|up|lower|higher|decreas\w*|increas\w*|worse)\b/g,
    ' xnotrend ',
  ],
  [
    /\b(no (clear )?trend|no direction|randomly|with no pattern|(never|doesnt|does not|dont|do not|not|wont|cant|cannot) (really |ever |quite )?settl\w*)\b/g,
    ' xnotrend ',
  ],
  [/\b((u|v)[ -]?shaped?|smile( shaped?)?|smiley|bowl[ -]?shaped?)\b/g, ' xfall xrise '],
  // a plateau (however it is spelt) is a loss curve going flat, even with no curve named
  [/\bplat(eau|eaux|eu|au|o|oe|ou|ue|eua)(s|ed|ing)?\b/g, ' loss xflat '],
  [
    /\b(not (yet )?converged?|havent converged|hasnt converged|didnt converge|not converging|never converged?|(not|hasnt|hadnt|havent|didnt|did not|has not|had not|never) (yet )?(bottomed|levell?ed|flattened|reached (its|a|the) (minimum|bottom|floor))( out| off)?)\b/g,
    ' xstill xfall ',
  ],
  [
    /\b(messy|a mess|fluctu\w*|oscil+(at|e)\w*|wiggl\w*|jitter\w*|shaky|bumpy|wavy|sawtooth|roller ?coaster|see ?saw|(vary|varies|varying) (a lot|wildly|a great deal)|inconsistent|going crazy|all over|(not|never|isnt|arent|wasnt|not very) stable|zig ?zag\w*|wobbl\w*|bounc\w*|ups? ?(and|&|n|-and-) ?downs?|up-and-down|(like|looks like|resembles|resembling) a saw|jump(s|ing|ed)? (around|everywhere|up and down|all over|a lot|alot|so much|too much|constantly|wildly|like crazy)|(is|are|keeps?|kept) jumping|looks? random|random looking|seems? random|jumps between|jumping between|jumpy|up and down|up down|all over the place|erratic\w*|chaotic|noisy|noisier|noise|unstable|instable|unsteady|swing(s|ing)?|volatile|back and forth|seismograph\w*|heart ?beats?|ecg|ekg|earthquakes?|saw ?blades?)\b/g,
    ' xfluct ',
  ],
  [
    /\b(spik\w*|peaks?|blips?|bursts?|bumps?(?! up)|humps?|hiccups?|glitch\w*|sudden\w* (jump|jumps|peak|peaks|increase|increases|rise)|sharp (jump|jumps|peak|peaks|increase|increases|rise)|(big|huge|large) jumps?)\b/g,
    ' xspike ',
  ],
  // "never came back down", "no recovery", "does not come back": a recovery ruled out (the rise lasts: no spike)
  [
    /\b(never|not|doesnt|does not|dont|do not|didnt|did not|no|without|wont|hasnt|has not|nor)( really| ever| quite| fully| even)?( comes?| came| goes| go| went| gets?| got| drops?| dropped| falls?| fell| settles?| settled)?( right| straight| all the way)? (back( down| to normal| to where it was)?|recover\w*)\b/g,
    ' xnorecover ',
  ],
  [
    /\b((comes|come|came|goes|go|went|gets|got|drops?|dropped|falls?|fell|settles?|settled)( right| straight| quickly| immediately| just| all the way)? back( down| to normal| to where it was)?|back to normal|(then|and|is|was|becomes?|became) normal( again)?|normal again|returns? to normal|then back|and back|recover\w*)\b/g,
    ' xrecover ',
  ],
  // "decreases very slowly", "crawls down", "tiny improvement each epoch": a fall too slow to get far
  [
    /\b(slowly|slooo*wly|veee*ry slowly|(decreas\w*|drops?|dropping|falls?|falling|goes down|going down|improv\w*|learns?|learning|converg\w*) (very |super |really |extremely |so |too |painfully |incredibly |sooo* )?slow|crawl\w*|creep\w* (down|lower)|inch\w* (down|lower)|at a snails pace|glacial\w*|(tiny|small|minimal|minor|marginal|very little) (improvement|decrease|drop|change|gain)s?|(learning|convergence|progress|decrease|improvement|descent) (is |was |seems |looks )?(very |super |really |extremely |so |too |quite |painfully )?slow|slow (learning|convergence|progress|decrease|improvement))\b/g,
    ' xslow ',
  ],
  // "barely goes down": a fall too small (as well as a curve that hardly moves)
  [
    /\b(barely|hardly) (goes down|go down|decreas\w*|drops?|dropping|falls?|falling|improv\w*)\b(?! (anymore|any more))/g,
    ' $1 $2 xslow ',
  ],
  // "train is smooth", "the blue one steady": a calm curve (set against a jumpy one)
  [/\b(smooth|smoother|smoothly|steady|clean|calm|stable)\b/g, ' xsmooth '],
  [/\b(explod\w*|blows? up|blew up|blowing up|exponential\w*|skyrocket\w*|shoots? up|to infinity)\b/g, ' xexplode '],
  [
    /\b(stops? (decreasing|improving|going down|dropping|learning|falling)|stopped (decreasing|improving|going down|dropping|learning|falling)|not improving|isnt improving|no longer improv\w*|nothing (changes|changed|improves|happens)|(does|did|is doing|doing) nothing|no (change|progress|improvement)|(doesnt|does not|dont|do not|didnt|wont) (change|move|budge)|not (changing|moving)|(stays?|stayed|remains?|staying) (at|around|the same|constant|same)|level\w* off|evens? out|saturat\w*|hover\w*|sits? (at|around)|(wont|cant|doesnt|does not|never|not|cannot|refus\w* to|fails? to|unable to) (go|get|going|getting|drop|fall|decrease|move) (below|under|lower|any lower|past)|(doesnt|does not|dont|wont|not) (improve|decrease)s?|(and|then) (stays|stayed|remains|remained)(?= *(?:$|[,.;!?]))|the same value|same value|flat\w*|plateau\w*|stagnat\w*|stall\w*|stuck|frozen|constant|unchanged|forever)\b/g,
    ' xflat ',
  ],
  // "gets worse" / "gets better" say how good a curve is, whichever way its metric points (an accuracy that gets worse falls)
  [
    /\b((getting|gets|get|got|become|becomes|became|becoming|goes|going|went) worse|worse and worse|worsen\w*|deteriorat\w*|degrad\w*)\b/g,
    ' xworse ',
  ],
  [/\b((getting|gets|get|got|become|becomes|became|becoming|goes|going|went) better)\b/g, ' xgood '],
  [
    /\b(goes up|go up|going up|went up|gone up|turns? up|creep\w* up|shoots?( up)?|shot( up)?|leaps?|leapt|soar\w*|surg(e|es|ed|ing)|ascend\w*|(goes|go|going|went) higher|(getting|gets|get|got|become|becomes|became|becoming) (higher|bigger|larger|greater)|(higher|bigger) and (higher|bigger)|increas\w*|rises|rise|rising|rose|climb\w*|grow\w*|grew|upward\w*|worsen\w*)\b/g,
    ' xrise ',
  ],
  [
    /\b(goes down|go down|going down|went down|decreas\w*|drop\w*|falls?|falling|fell|declin\w*|downward\w*|reduc\w*|shrink\w*|descend\w*|diminish\w*|(goes|go|going|went|gets|getting|become|becomes|became|becoming) (lower|smaller)|lower and lower)\b/g,
    ' xfall ',
  ],
  [/\b(improv\w*|better and better)\b/g, ' xgood '],
  [/\b(bad|badly|poor\w*|terrible|awful|horrible|worst|weak|bad results?|useless|garbage|rubbish|sucks)\b/g, ' xbad '],
];

// word classes (after markers)
export const NEG = new Set([
  'not',
  'never',
  'no',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wont',
  'cant',
  'cannot',
  'barely',
  'hardly',
  'nor',
  'instead',
  'hasnt',
  'havent',
  'arent',
  'wasnt',
  'werent',
]);
export const isValWord = (t: string) =>
  t === 'val' ||
  t === 'dev' ||
  t === 'test' ||
  t === 'testing' ||
  t === 'holdout' ||
  t === 'eval' ||
  t.startsWith('valid') ||
  t.startsWith('evaluat');
/** the training curve: train, training, trn -- not the trainer (Hugging Face's Trainer) or trainable weights */
export const isTrainWord = (t: string) =>
  (t.startsWith('train') && !t.startsWith('trainer') && !t.startsWith('trainab')) || t === 'trn';
export const LOSS_WORDS = new Set([
  'loss',
  'losses',
  'error',
  'errors',
  'mse',
  'mae',
  'rmse',
  'mape',
  'nll',
  'cost',
  'entropy',
  'crossentropy',
  'bce',
  'perplexity',
]);
export const ACC_WORDS = new Set([
  'acc',
  'accuracy',
  'accuracies',
  'auc',
  'f1',
  'precision',
  'recall',
  'score',
  'scores',
  'metric',
  'metrics',
  'r2',
  'iou',
  'dice',
]);
export const CURVE_WORDS = new Set(['curve', 'curves', 'graph', 'plot', 'line']);
export const LOW_WORDS = new Set(['tiny', 'small', 'low', 'little', 'lowest', 'zero', 'minimal', 'negligible']);
/** "a little", "very little": a degree ("decreases a little"), not a low value */
export const DEGREE_BEFORE = new Set(['a', 'very', 'only', 'too']);
/** "train acc is low too, not only val": the curve named in a shape-less clause shares the last clause's facts */
export const ADDITIVE = new Set(['too', 'also', 'only', 'either', 'aswell', 'likewise', 'same']);
/** the model's outputs: "the predictions are a flat line" is not a learning curve going flat */
export const PREDICTION_WORDS = new Set([
  'prediction',
  'predictions',
  'predicted',
  'output',
  'outputs',
  'forecast',
  'forecasts',
  'forecasted',
]);
/** the data itself ("some features go up to 40000"): a clause about it is not about the curves */
export const DATA_WORDS = new Set([
  'feature',
  'features',
  'input',
  'inputs',
  'column',
  'columns',
  'target',
  'targets',
  'price',
  'prices',
  'sales',
  'readings',
  'sensor',
  'sensors',
  'dataset',
  'samples',
]);
export const HIGH_WORDS = new Set(['big', 'huge', 'large', 'high', 'highest', 'massive']);
export const GOOD_WORDS = new Set(['great', 'good', 'well', 'fine', 'perfect', 'excellent']);
/** numbers after these words are not metric values (epoch 20, 128 units, lr 0.01, batch size 8) */
export const NOT_A_VALUE_BEFORE = new Set([
  'epoch',
  'epochs',
  'layer',
  'layers',
  'units',
  'unit',
  'size',
  'batch',
  'lr',
  'rate',
  'patience',
  'dropout',
  'classes',
  'window',
  'steps',
  'step',
  'of',
  'seed',
  'run',
  'fold',
  'folds',
  'lstm',
  'top',
  'keras',
  'python',
  'version',
  'x',
  'l2',
  'decay',
  'momentum',
  'between',
]);
export const NOT_A_VALUE_AFTER = new Set([
  'epoch',
  'epochs',
  'layer',
  'layers',
  'units',
  'unit',
  'classes',
  'class',
  'categories',
  'labels',
  'samples',
  'points',
  'steps',
  'times',
  'x',
  'days',
  'rows',
  'models',
  'runs',
  'folds',
  'hours',
  'minutes',
  'seconds',
  'features',
  'neurons',
  'batches',
  'sequences',
  'timesteps',
]);

export const END_CUE =
  /\b(last|final|end|ended|finished|longer|more epochs?|xaction epochs?|train more|training more|more training|stopped|stops|after \d+ epochs?|until the)\b/;
export const ROOM_LEFT =
  /\b((could|can|would|might|will) (the |my |it )?(\w+ )?(go|get) (even )?lower|(if|when) (i |we )?(train|keep training|continue training|run|let it run)\w* (it )?(more|longer|for more)|room (to|for) improv\w*|not (done|finished) (learning|improving)|hasnt (finished|stopped) (improving|learning|decreasing))\b/;
/** "epoch 100/100", "epoch 80 of 80": the last epoch of the plan, an end of the run like "last" or "final" */
const OF_PLAN = /\b(\d{1,6}) ?(?:\/|of|out of) ?(\d{1,6})\b/g;
export function atLastEpoch(a: string): boolean {
  for (const m of a.matchAll(OF_PLAN)) if (m[1] === m[2] && Number(m[1]) > 1) return true;
  return false;
}
/** many spikes, not one: a curve that is spiky all along ("full of peaks", "spikes everywhere") */
export const MANY_SPIKES =
  /\b(spiky|spikey|spikier|(lots of|lot of|full of|many|constant|so many|plenty of|tons of) (\w+ )?(spikes|peaks)|(spikes|peaks) (everywhere|all over|all the time|constantly|every epoch))\b/;
/** a change said to last a moment ("for one epoch", "sometimes", "now and then"): a rise that is brief is a spike */
export const BRIEF =
  /\b(for (just |only )?(one|a single|an|1|a|two|2|a couple of|a couple|a few|few) (epochs?|steps?|iterations?|batches|moment|bit|second)|briefly|momentarily|temporarily|sometimes|occasionally|(every )?now and (then|again)|from time to time|once in a while|every (few|couple of|\d+|so many) epochs|at times|here and there|at random (epochs|points|times))\b/;
/** a plan of epochs stated ("i set epochs=100", "i said 300 epochs"): with a stop verb, a run that ended early */
export const PLANNED_EPOCHS =
  /\b(set|said|asked for|specified|wanted|gave|put|chose|configured|planned|requested|passed|told it|was supposed to (run|train|do|go))( it| the model| training| the training| fit)?( to| for| with)? (epochs ?(=|to|of)? ?\d+|\d+ epochs|\d{2,4}(?![.\d]))/;
/** "only trained 12 epochs", "just ran to epoch 31": fewer epochs than a plan said next to it */
export const ONLY_RAN =
  /\b(only|just) (\w+ )?(train\w*|ran|run|did|went|lasted|got|reached|made it|completed)( to| for| through| until)? (epoch )?\d+/;
export const STOP_VERB =
  /\b(stop|stops|stopped|stopping|ended|ends|finish|finished|finishes|halted|halts|quit|quits|terminated)\b/;
/** "up, down, up, down": a list of directions read as one clause (its turns make it jump around) */
export const DIRECTION_LIST = /\b(?:up|down|xrise|xfall)(?: ?, ?(?:then |and )?(?:up|down|xrise|xfall)\b)+/g;
export const STILL_FALLING = /\b(still|keeps?|kept|continues?|continuing)( to)? (xslow )?(xfall|xgood)/;
