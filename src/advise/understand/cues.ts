/** Whole-question cues: phrases that name a concept outright ("predicts only one class", "unexpected keyword lr"). */
import type { Concept } from '../knowledge/concepts.js';

// ------------------------------------------------------------------ cues on the whole question

/** whole-question cues: [pattern, concept, strength] */
export const CUES: [RegExp, Concept, number][] = [
  // the model does not carry what it learnt over to new data: the gap between the curves
  [
    /\b(generali[sz]\w* (badly|poorly|bad|poor)|(doesnt|does not|dont|do not|cant|cannot|fails? to|not) generali[sz]\w*|poor generali[sz]ation|generali[sz]ation (gap|is bad|is poor|error))\b/,
    'train_better',
    1,
  ],
  // "one keeps falling, the other climbs": the two curves going opposite ways (the one rising is validation)
  [
    /\bone (\w+ ){0,2}(falls?|falling|fell|goes down|going down|went down|drops?|dropping|dropped|decreas\w*|down)\b,? (and |while |but |whereas )?(the other|the other one|one|another) (\w+ ){0,2}(rises?|rising|rose|goes up|going up|went up|climbs?|climbing|climbed|increas\w*|up)\b/,
    'val_rises_train_falls',
    1,
  ],
  // the curves moving apart: a widening gap
  [
    /\b((diverg\w*|separat\w*|drift\w*|mov\w*|grow\w*|split\w*|pull\w*) (away )?(from each other|apart)|separating|(go|goes|went|going) (their )?separate ways|part ways|(curves|lines|they) split|(gap|difference|distance) (between \w+ \w+ )?(grows?|widens?|increases?|gets? (bigger|larger|wider)|keeps? (growing|increasing))|(widening|growing|increasing) (gap|difference))\b/,
    'train_better',
    1,
  ],
  // doing badly on data it has not seen: the gap between the curves
  [
    /\b((not|bad\w*|poor\w*|fails?|failing|worse|terribl\w*|nothing) (on|with|for) (new|unseen|real|real world|fresh|other|test|held ?out) (data|samples|examples|inputs|images|sequences)|(new|unseen) data (is |are )?(bad|poor|terrible|wrong|fails?))\b/,
    'train_better',
    1,
  ],
  // one answer for everything: the majority class, one label, one number
  [
    /\b((only|always|ever|just) (ever )?(outputs?|predicts?|says|returns?|answers?|gives?) (one|the same|a single|a constant|positive|negative|yes|no|true|false|0|1|zero)|all (the )?(predictions?|outputs?) (are|is|=) (\w+ )?(0|1|zero|one|the same|same|identical|positive|negative|constant)|(predictions?|outputs?) (are |is )?all (0|1|0s|1s|zeros?|ones|the same|same|identical|constant)|(majority|most (common|frequent)|dominant) class|(equals|same as|matches|is) the (class |label )?(ratio|proportion|distribution|balance|imbalance|prior))\b/,
    'one_class',
    1,
  ],
  // no better than a coin: chance level in words
  [
    /\b((random|blind|pure) guess\w*|(just|only|basically|randomly|simply) guess\w*|(model|net|network|classifier|it) (is )?guess\w*|(flip\w*|toss\w*) a coin|(coin|a coin) (flip|toss)|chance level|at chance|no better than (random|chance|guess\w*|a coin)|(same|equal|close) (as|to) random|like random)\b/,
    'chance_words',
    1,
  ],
  // the model's outputs are constant: a flat forecast, the mean, one value
  [
    /\b((predictions?|outputs?|forecasts?|predicted values) (are |is |look |looks |stay |stays )?(like )?(just |only |basically |almost |always )?(an? |the )?(flat|constant|straight|horizontal|same|identical|mean|average)|predicts? (the |just the |only the )?(mean|average))\b/,
    'one_class',
    1,
  ],
  [/\b(nan|nans|inf|infinity|infinite|not a number)\b/, 'nan', 1],
  // "how can i tell whether ...": how to judge, which yields to anything more specific the question says
  [
    /\bhow (can|do|would|should|could) (i|you|we|one) (tell|know|see|check|judge|decide|determine) (if|whether)\b/,
    'read_curves',
    0.6,
  ],
  // what the log's keys or columns mean ("what keys are in history.history", "which one is the validation loss")
  [
    /\b((what|which) (keys?|columns?|metrics?|fields?|entries|names) (are|is|does|do|to use|there)( \w+){0,2} (history|log|logs|csv|dict\w*|output)|which (one|key|column|metric|field|line|curve)s?( \w+){0,4} (is|are|means|shows|says) (the )?(val\w*|train\w*|test\w*)|what (does|do|is) (the )?(val\w* (loss|acc\w*)|loss|acc\w*|keys?) (\w+ )?(mean|stand for))\b/,
    'read_curves',
    1,
  ],
  // how to read curves or a log at all
  [
    /\b(what (should|do|to|can) (i |we |you )?look (for|at)|(read|interpret\w*|understand\w*|make sense of) (a |the |my |these |those |this )?(\w+ )?(learning |loss |training |keras |log )?(curves?|plots?|graphs?|charts?|numbers|output|logs?|lines|history)|(read|interpret\w*|make sense of) (the |my )?(train\w* )?(loss|acc\w*) (vs|versus|and|&) (the )?val\w* (loss|acc\w*)|what(s| is) the difference between (the )?(train\w* )?(loss|acc\w*) and (the )?val\w*)\b/,
    'read_curves',
    1,
  ],
  [
    /\b((val\w*|test) (loss|error|mse|mae) (is |of |at |=|goes to |went to )?(almost |nearly |near |basically |exactly |practically )?(0|zero|0\.0+)(?![.\d])|(0|zero) (val\w*|test) (loss|error)|(same|duplicate\w*|overlap\w*|identical|shared) (\w+ ){0,2}(in|between|across) (both |the )?(train\w*|val\w*|test)|(same|duplicate\w*|identical|overlapping) (samples?|data|rows?|examples?|images?|sequences?|records?|entries|windows?) (as|in|from) (the |my )?(train\w*|val\w*|test))\b/,
    'suspicious',
    1,
  ],
  // fit() called with no validation data or split
  [/\bfit ?\((?![^)]{0,300}valid)[^)]{0,300}\)/, 'no_val', 1],
  // perfect on the validation data in words: too good to be true
  [/\b(perfect\w*|flawless\w*|100%) (on|for|in|at) (the |my )?(val\w*|test|dev|holdout|eval\w*)/, 'val_perfect', 1],
  // the splits sharing samples
  [
    /\b((train\w*|val\w*|test) (and|&) (the )?(train\w*|val\w*|test) (sets?|data|splits?|samples) (are |is )?(overlap\w*|shar\w*|the same|mixed)|(overlap\w*|mixed|shared) (train\w*|val\w*|test) (and|&) (train\w*|val\w*|test))\b/,
    'suspicious',
    1,
  ],
  // scaled, normalised or shuffled before the split: the validation set leaked into training
  [
    /\b(scal\w*|normali[sz]\w*|standardi[sz]\w*|shuffl\w*|minmax\w*|fit the scaler)\b[^.!?]{0,60}?\b(before|prior to|and then|then) (the |my |doing the |making the )?([\w/-]+ ){0,2}split\w*/,
    'suspicious',
    1,
  ],
  [
    /\b(suspicious\w*|fishy|sketchy|shady|too good|too perfect|(scores?|results?|accuracy|metrics?) (are |is )?(too|suspiciously|unrealistically) (high|good)|too high to be|to be (true|real)|leak\w*|makes no sense|impossible)\b/,
    'suspicious',
    1,
  ],
  [
    /\b(predicts? (only )?(one|the same|a single) (class|label|value|output|thing)|(only|always) (predicts?|outputs?)|(predicts?|outputs?|returns?|gives?|says) (always|only|just) (the same|one|a single|0|1|zero|ones?|zeros?|positive|negative|yes|no)|predicts? (only |always |just )?(class|label|category) \w+ (for|on) (every|all|each)\w*|(only|always) (returns?|gives?) (the same|0|1|zeros?|ones?|one class|a constant)|same (prediction|output|class) for (every|all|each)|outputs? the same|constant predictions?|all predictions are the same|predicts? (only )?(zeros|ones|0s|1s))\b/,
    'one_class',
    1,
  ],
  [
    /\b((how|where) (to|do i|can i|should i) (get|have|add|include|see|show|find) (a |the )?val\w* (loss|acc\w*|metrics?|data|curve|set)( (in|into|to|from) (the |my )?(history|output|log|fit))?|(keys?|columns?|history|metrics?) (are |is |has |have |shows? |contains? |with |gives? )?(only|just) (the |a )?(loss|acc\w*|train\w*)|(only|just) (the |a |one )?(loss|acc\w*) (key|column|metric|curve)|(cant|cannot|can not|dont|do not|doesnt) (see|show|get|find|plot) (the |a |any |my )?val\w*|where is (the |my )?val\w*|no val\w*|without (a )?val\w*|(did not|didnt|dont|do not) (use|have|pass) (a |any )?val\w*|keyerror:? (\w+ )?val\w*|val\w* (loss|acc\w*|mae|mse)?[\]`"')]{0,3} ?(which )?(is |are )?not available|val\w* (loss|acc\w*|mae|mse)?[\]`"')]{0,3} ?(does not|doesnt|dont|do not) exist|(only|just) (\w+ ){0,2}(one|a single|1) curves?\b|(only|just) (\w+ ){0,2}(one|a single|1) lines? (shows?|appears?|in (the |my )?(\w+ )?(plot|graph|chart|figure))|(plot|graph|chart|figure) (\w+ ){0,2}(only|just) (has|shows) (one|a single|1) (curve|line)|(one|a single) (curve|line) (only|shows|appears)|(only|just) (has|have|shows?|contains?|got|gives?|logs?) (the )?(train\w*|loss|error|mse|mae|acc\w*)|(only|just) (the )?train\w* (loss|curve|error|acc\w*)|no (val\w*|test) (curve|loss|data|set|split|acc\w*)|there is no val\w*|missing val\w*|val\w* (is )?missing|add val\w* (data|split)|validation data to (model )?fit)\b/,
    'no_val',
    1,
  ],
  // one history holding two trainings: fit called again (same cell, session or model) after a change
  // a history that grew with a second training ("history got appended when i reran model.fit")
  [
    /\b((history|log|plot|curves?) (got|gets|was|is|kept|keeps) (\w+ )?(appended|concatenated|extended|growing|merged|glued|doubled)|(two|2|several) trainings (glued|stuck|appended|merged)|(executed|reran|re ran|rerun|re-ran|ran|run) (\w+ ){0,3}(cell|fit|model fit|training cell) (\w+ )?(twice|\d+ times|two times|three times|several times))\b/,
    'several_runs',
    1,
  ],
  [
    /\b((trained|ran|fit|fitted|called fit|train) (\w+ ){0,4}(and then|then|again|twice|after that)( \w+){0,6} (in|within) (the )?same (notebook |jupyter |colab )?(cell|session|notebook|kernel|script|model|history|plot)|(history|plot|chart|graph|log|curve)s? (shows?|contains?|has|have|includes?) (both|two|all) (runs|trainings|settings|lrs|of them|fits|experiments)|(shows?|contains?|has|have|includes?) both( and| but| looks?)|without (re)?(creat|build|compil|initiali[sz]|reset)\w* (the |my )?(model|weights|history|network)|(continued|kept|resumed) training (on |from )?(the )?same (model|weights))\b/,
    'several_runs',
    1,
  ],
  [
    /\b((concatenat\w*|merged|combined|appended|joined|pasted) (the )?(two |2 |several |multiple |\d+ )?(logs|runs|files|trainings|experiments|outputs)|(logs|outputs|runs) (of|from) (two|2|several|multiple|\d+) (experiments|runs|trainings)|(ran|run|trained|fit|fitted|pasted|appears?|printed|logged|started) (\w+ )?twice|two (runs|trainings|logs|fits)|back to back|restarts? (at|from) (epoch )?1|epoch\w* (counter |count |number )?(resets?|restarts?|starts? (again|over)|begins? again)|(epoch\w*|counter|count|numbers?|numbering) (\w+ ){0,2}(starts?|started|begins?|began|goes|went|jumps?|jumped) (back )?(again )?(from|at|to) (epoch )?(1|0|one|zero)\b|appears? twice|pasted (both|two|all)|more than one run|runs? (in|found in) (one|the same|my) log)\b/,
    'several_runs',
    1,
  ],
  [
    /\b((end|ends|ended|finish\w*|stop\w*|halt\w*|quit\w*) (\w+ ){0,2}before (all|the|reaching)( \w+)? (epochs?|end)|(end|ends|ended|finish\w*|stop\w*) at epoch \d+ (but|and|though|although|while|when|even though) (i |we )?(set|asked for|specified|wanted|gave|put|chose|configured|planned)|stop\w* (at|after|around) epoch \d+|(run|training|train|fit) finish\w* before|stopped (training )?(early|before)|ended early|(run|training|train|fit|model|it) (ended|stopped|finished|ends|stops|finishes|end|stop|finish|halt\w*|quit) (too |so |very )?(early|soon|prematurely|before|at epoch)|(ends|ended|stops|stopped|finishe[sd]|halt(s|ed)|quits) (too |so |very )?(early|soon|prematurely)|(ended|stopped|stops?|finished|ends) at epoch \d+ (of|out of|instead of) \d+|stop(ped|s)? training before|early stopping (triggered|kicked in|fired)|epoch \d+:? early stopping|\d+:? early stopping|early ?stopped (at|after|on|in|around|by) (epoch )?\d+|restoring model weights)\b/,
    'stopped_early',
    1,
  ],
  [
    /\b((only|just) (trained |ran |run )?(for )?[1-4] (epochs?|points|rows|steps|lines)|(trained|ran|run|fit|fitted|train) (it |the model |my model )?(only |just )?(once |one time )?(for )?(only |just )?([1-4]|one|two|three|four|a single) epochs?\b(?! (ago|later|before|after))|(only|just) (have|has|got|know|see|gives?) (the )?(final|last|one|a single|end)\b(?! (curve|line|plot|graph)s?\b)|(only|just) (\w+ )?(the )?(final|last|end) (numbers|values|metrics|results?|scores?)|(only|just|have) ((has|have|contains?|got|shows?) )?(one|two|three|four|a single|1|2|3|4) (epochs?|points?|rows?|steps?|lines?|values?)\b(?! (shows?|appears?|comes?|in (the |my )?(\w+ )?(plot|graph|chart|figure)))|(one|two|three|four|a single|1|2|3|4) (epochs?|points|rows|lines) (only|in total|total)|(has|have|had|contains?|shows?|holds?|with) (only |just )?(one|two|three|four|a single|1|2|3|4) (epochs?|entry|entries|rows?|lines?|records?)\b(?! (of|per|each|every|for|with))|(only|just) [1-4] (points|epochs?) in|too (few|short)|not enough (epochs|data|points) to|not assessable|cant tell|can you tell anything)\b|\bepochs? ?[1-4] ?\/ ?[1-4]\b(?! ?\d)|\bepochs ?= ?[1-4]\b(?! ?\d)/,
    'short_log',
    1,
  ],
  // "i stopped it after 3 epochs", "killed the run at epoch 2": a run cut to 1-4 epochs on purpose
  [
    /\b(stopped|killed|interrupted|aborted|cancell?ed|ended|halted) (it|the run|the training|training|the job|the fit)( early)? (after|at) (epoch )?([1-4]|one|two|three|four)( epochs?)?\b(?![.\d])/,
    'short_log',
    1,
  ],
  // "trained, changed the lr, trained again, all in one history": a second training in the same history
  [
    /\b(again|twice|retrain\w*|re ?-?ran|rerun)\b[^.!?]{0,60}?\b(in|into|to) (one|the same|a single) (history|log|plot|file|csv|output)\b|\b(everything|all|both) (\w+ )?in (one|the same|a single) (history|log|plot)\b/,
    'several_runs',
    1,
  ],
  // "3 epochs, val loss ...", "1 epoch: loss 0.3": the question opens with a run of 1-4 epochs
  [/^ *([1-4]|one|two|three|four) epochs?\b(?= ?[,:;-])/, 'short_log', 1],
  [
    /\b(lr ?= ?[\d.e-]+\)? (gives|throws|raises|errors?|fails|crash\w*|warning|warns|breaks|not working|doesnt work)|unexpected (keyword )?(argument )?lr|lr (is )?deprecated|lr or learning rate|(old|older) code uses lr|lr= and|argument\S* not recognized|keyword (argument )?lr)\b/,
    'lr_kwarg_error',
    1,
  ],
  [
    /\b((learning rate|lr) (should |to )?(go|goes|going) down|(learning rate|lr) over (the )?(epochs|time|training)|(decay|reduce|lower|anneal|drop)\w* (the )?(learning rate|lr) (during|over|as|while|each|every)|(learning rate|lr) (decay|schedul\w*|warm ?up|annealing)|warm ?up|cosine ?(decay|anneal\w*)|exponential ?decay|decay ?steps|piecewise ?constant\w*|one ?cycle\w*|step ?lr|lr ?schedulers?|learning ?rate ?scheduler|reduce ?lr ?on ?plateau|(learning rate|lr) (\w+ )?(smaller|lower|down|decreas\w*|reduc\w*|drop\w*|decay\w*|shrink\w*) (automatically |by itself |on its own )?(when|once|if|after|as|during|over|each|every|with (time|the epochs)))\b/,
    'lr_over_time',
    1,
  ],
  [
    /\b(stop (the )?(training|train) (automatically|when|once|if)|when (to|should i|do i|should we|do we|should you|is it time to) stop( the| my)? (training|train\w*|fitting|the run)|(decide|know|tell) when to stop|automatic\w* stop\w*|(how|where) (to|do i|should i|can i) (use|add|set|configure|put)\w* (an? )?early ?stop\w*|early ?stop\w* (callback|monitor|example|patience|how)|patience (for|of|\d+ or)|earlystopping (callback|monitor))\b/,
    'early_stop_howto',
    1,
  ],
  [
    /\b((different|differs?|change\w*|vary|varies|varying) (results? )?(every|each|between|across) (run|time|training)s?|results different|(every|each) (run|time) (different|gives)|another (run|one) (bad|worse|good|better)|same code|not reproducible|reproducib\w*|(set|fix|use|pass|choose|pick) (a |the |my |one |random |global |fixed )*seeds?|manual ?seed|set ?seed|random ?state|(exact |exactly )?(the )?same (settings|config\w*|hyper ?param\w*|params|parameters|setup|code|data and code|everything)|which (one|run) is (the )?(real|right|true|correct)|(two|2|both) runs (to )?match|(many|several|multiple) (times|seeds)|variance between (training )?runs|run (the )?same model|(every|each) time (i |we |you )?(re)?(run|train|execute|start|fit)\w*( \w+){0,6} (different|another|new) (result|results|score|scores|loss|val|value|values|accuracy|curve|number)\w*)\b/,
    'seed_variance',
    1,
  ],
  // judging from one run, or reporting several: the run-to-run spread
  [
    /\b((from|on|with|after|based on|by|trust|judge|decide|conclude|rely on) (just |only )?(one|a single|1|a|single) (\w+ )?(run|training run|seed|experiment|try|trial)\b(?! (of|in|with) (the )?(log|file))|(one|a single|single) run (is |was )?(enough|sufficient|reliable|representative)|(report|use|take|pick|show|publish)\w* (the )?(mean|average|median|best|max\w*|min\w*|std)( \w+){0,3} (of|over|across|from) (the |my )?(several|multiple|many|all|\d+|n|two|three|five|ten|repeated) (runs|seeds|trainings|repeats|repetitions|trials)|(mean|average|median) (of|over|across) (the |my )?(several|multiple|many|all|\d+|n|two|three|five|ten|repeated) (runs|seeds|trainings|repeats|repetitions|trials) (or|vs|versus) (the )?(best|max\w*|min\w*|single)|(best|single) (one|run|seed) (or|vs|versus) (the )?(mean|average|median))\b/,
    'seed_variance',
    1,
  ],
  [
    /\b((average|averaging|mean|combine|combining|blend\w*) (of )?(the )?(predictions|outputs) (of|from) (several|multiple|many|\d+)|(several|multiple|many|\d+) models? (outputs|predictions|together)|combine (\d+|several|multiple|many) models?|(average|averaging|mean|ensembl\w*|combin\w*) (of )?(the )?(several|multiple|many|a few|\d+|two|three|five) (\w+ )?(models|lstms|networks|nets|ones|copies|instances))\b/,
    'several_models',
    1,
  ],
  [
    /\b(inverse ?transform\w*|unscaled|not scaled|raw (values|prices|inputs|features|data)|different scales|(inputs?|features?|columns?|values?|prices?|targets?|numbers?|sales|readings?|series) (are |is |have |range |go |goes )?(like |around |about |up to |in the |over |above )?\d{4,}|(inputs?|features?|values?|data) (range|ranges|ranging|go|goes|are|is|from) (from |between )?-?\d+ (to|and) \d{3,})\b/,
    'unscaled_inputs',
    1,
  ],
  [
    /\b((how many|number of|enough|more|less|fewer) epochs?|\d+ (or|vs|versus) \d+ epochs?|epochs? (is |are )?(enough|too many))\b/,
    'ask_epochs',
    1,
  ],
  [
    /\b((how many|number of|how much|how big|how large|more|fewer|less|\d+) (lstm |hidden |recurrent )?(units|neurons|cells|hidden size)|hidden size)\b/,
    'ask_units',
    1,
  ],
  // Keras' LSTM(64): the argument is the number of units
  [/\b(lstm|gru) ?\( ?\d+ ?\)? (or|vs|versus)\b|\b(lstm|gru) ?\( ?(\d+|units ?=)/, 'ask_units', 1],
  [/\b((how many|number of|more|fewer|\d+) (lstm |recurrent |hidden |stacked )?layers?)\b/, 'ask_layers', 1],
  [
    /\b((which|what|best|choose|choosing|pick|good|right|recommended|ideal|optimal|change|switch) (\w+ )?optimi[sz]ers?|optimi[sz]ers? (to use|for|is best))\b/,
    'ask_optimizer',
    1,
  ],
  [
    /\b((which|what|best|choose|choosing|pick|good|right|recommended|ideal|optimal|find) (a |the |an )?(good |best |initial )?lr|lr (too|is too|should|to use|for))\b/,
    'ask_lr',
    1,
  ],
  [
    /\b((which|what|best|choose|choosing|pick|good|right|ideal|optimal|small|smaller|big|bigger|large|larger|tiny) batch(es| size)?|batch ?size)\b/,
    'ask_batch',
    1,
  ],
  [
    /\b((save|keep|store|load)\w* (the |my |el |la |le |les |das |den |mi |mis |mon |mes |meine |mein |los )?(best|lowest|model|weights|mejor\w*|meilleur\w*|beste\w*)|best (model|weights|checkpoint)|(use|keep|restore|take|pick|load|go back to) (the )?(epoch \d+|best|earlier|earliest|that|those|previous|older) (epochs? )?(weights|model|checkpoint))\b/,
    'ask_checkpoint',
    1,
  ],
  // "barely learns anything", "learns nothing": the model cannot fit the training data
  [
    /\b((barely|hardly|doesnt|does not|dont|do not|isnt|is not|not|never|cant|cannot) (really |even )?(learn\w*|learning|fit\w*) (anything|much|at all|something|the (training|train) (data|set))|(learns?|learning|learned|learnt) (nothing|almost nothing|very little|little))\b/,
    'both_high',
    1,
  ],
  // "val mae stays around the naive baseline", "cannot beat persistence": no better than a trivial forecast
  // (one that barely beats it has learnt something: no cue)
  [
    /\b((around|at|near|close to|same as|like|equal to|no better than|not better than|worse than|(doesnt|does not|dont|do not|cant|cannot|never|wont|not|fails? to) (even )?(beat|beats|outperform\w*|improve on|do better than)) (the |a |an )?((naive|persistence|trivial|dumb|dummy|seasonal naive)( baseline| forecast| model| predictor| guess)?|(mean|last value|constant|simple|zero|linear) (baseline|forecast|model|predictor|guess|prediction)|baseline)|(naive|persistence|trivial|dummy) (baseline|forecast|model) (is |was )?(better|as good|the same|equal|similar))\b/,
    'both_high',
    1,
  ],
  // "does badly on both sets", "mediocre on all splits": both curves are bad
  [
    /\b((bad\w*|poor\w*|underperform\w*|mediocre|weak|low|terrible|awful|meh|not good) (results? )?(on|for|in|across) (both|all)( the| of the)? (sets|splits|datasets|data sets|curves|of them|train\w* and (val\w*|test))|(both|all) (sets|splits) (are |look )?(bad|poor|low|mediocre|weak))\b/,
    'both_high',
    1,
  ],
  // "even on the training set it is bad": the training curve is bad too
  [/\beven (on|in|for|with) (the |my )?train\w*/, 'both_high', 0.8],
  // sure of itself and wrong: confidence that does not match accuracy
  [
    /\b(over ?confiden\w*|(confident|certain|sure|probabilit\w*|probs?|confidence) (\w+ ){0,3}(but|yet|and still|while) (\w+ ){0,3}(wrong|incorrect|mistak\w*|misclassif\w*))\b/,
    'overconfident',
    1,
  ],
  [
    /\b(memori[sz]\w*|memoris\w*|by heart|(fit\w*|learn\w*|know\w*) (the |my )?(train\w*) ?(set|data|samples|examples)? ((way|far|much|a bit|just|almost) )?(too well|perfectly))\b/,
    'memorizes',
    1,
  ],
  [
    /\b((doesnt|does not|dont|do not) have enough (capacity|units|neurons|parameters|layers)|lacks? (the )?capacity|(too )?(little|low) capacity|under ?powered|too (small|simple|weak|shallow|dumb|stupid|basic)|(cant|cannot|can not|unable to|doesnt|does not|wont) (even )?(over ?)?fit|not enough capacity)\b/,
    'too_simple',
    1,
  ],
  [
    /\b((no|without|not) (any )?(sign|signs|trace) of (over|under)fit\w*|no (over|under)fit\w* (and |or |nor )?(no )?((over|under)fit\w*)?)\b/,
    'no_problem',
    1,
  ],
  [
    /\b((how|what is the right way|best way) (to|do i|should i|can i) (properly |correctly |reliably )?validate|validation (strategy|scheme|method|setup) for|(right|proper|correct|best|good) validation split|walk ?forward|rolling (window |origin )?(validation|val|test|cv|evaluation|origin)|expanding window|backtest\w*|time ?series ?split|folds?|cross ?-?validat\w*|k ?-?fold|kfold|cv)\b/,
    'validation_scheme',
    1,
  ],
  [/\b(stack\w* (two |2 |several |multiple )?(lstm|layers|rnn|gru)s?|return sequences)\b/, 'stacking', 1],
  [
    /\b(keras ?tuner|optuna|hyperopt|ray tune|automatic\w* (search|tun\w*|find\w*)|auto ?(search\w*|tun\w*|find\w*|select\w*)|automl|(search|tun\w*|find\w*) [a-z0-9 ]{0,60}automatic\w*|grid search|random search|compar\w* (lstm |model |network |different |several |many )?(architectures|stacks|configurations|configs|setups)|(without|instead of|no more|stop) (hand|manual\w*|by hand)( |-)?(edit\w*|chang\w*|writ\w*|tun\w*)?|hyper ?param\w* (search|tuning|optimi[sz]ation)|(search|tune|tuning) (over |for )?(the )?(best )?hyper ?param\w*)\b/,
    'hp_search',
    1,
  ],
  [
    /\b(n ?steps|past (time )?steps|past (values|days|points|observations|data|history|inputs|months|weeks|hours|years)|how (far|much) (back|history|past)|previous (\d+ )?(days|values|steps|points|timesteps|observations)|how many (past|previous|prior|lagged|lag) |(number of|how many) lags?|lag (features?|values?|variables?)|history length|window (size|length)|sliding window|look ?back|time ?steps|sequence length|input length|how long (should )?(the |my )?(input )?(sequence|window)s?)\b/,
    'ask_window',
    1,
  ],
  [
    /\b(exploding gradients?|gradients? (explod\w*|blows? up|norm gets huge|get huge|are huge|too large))\b/,
    'grad_explodes',
    1,
  ],
];
