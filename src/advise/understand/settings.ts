/**
 * Questions ABOUT a setting: "should i use a bigger batch size", "how many epochs", "dropout 0.3 or
 * 0.5?", "does a smaller lr help", "train 500 epochs or stop earlier?". Such a question often names a
 * curve too ("bigger batch size makes my val loss worse") and the curve words would pull it to a curve
 * pattern; a decision frame whose object is a setting says the setting is what is asked about, so its
 * concept (knowledge/concepts.ts: about_*) outranks the curve cues. A setting named in passing ("loss
 * oscillating with lr 0.01", "i set epochs=100 but it stopped at 18") is no frame and changes nothing.
 *
 * Everything here is data: the settings' names, and the frames as flat patterns over the question with
 * each setting name replaced by one token (zs<key>). Linear time: one alternation per pass, and the
 * only repetition is a bounded run of words.
 */
import type { Concept } from '../knowledge/concepts.js';
import { NOT_SETTINGS, SETTINGS, type SettingKey } from './setting-names.js';

export { NOT_SETTINGS, SETTINGS, type SettingKey } from './setting-names.js';

const KEY_OF = new Map<string, SettingKey | undefined>();
for (const [key, { names }] of Object.entries(SETTINGS) as [SettingKey, { names: string[] }][])
  for (const n of names) KEY_OF.set(n, key);
for (const n of NOT_SETTINGS) KEY_OF.set(n, undefined);
/** every name, longest first, as one alternation (a plain word list: no nested quantifiers) */
const NAME = new RegExp(
  `\\b(${[...KEY_OF.keys()]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/ /g, ' +'))
    .join('|')})\\b`,
  'g',
);

// ------------------------------------------------------------------ the frames (S = a setting token)

const S = '(zs[a-z]+)';
/** any other word (a frame's object is the first setting after its verb: "how to pick lr for adam" is about lr) */
const W = '(?: (?!zs)\\w+)';
/** a number as people write a setting's value: 64, 0.3, 1e-3, 3e-4, 20% */
const V = '(?:\\d*\\.?\\d+(?:e-?\\d+)?%?)';
/** between a setting and its value: "patience 3", "patience=3", "lr: 0.01" */
const SEP = '(?: ?[=:] ?| )';
/** the wh-words of a question about a value (English, Spanish, French, German) */
const WH =
  '(?:what|whats|which|cual|cuales|que|cuanto|cuantos|cuanta|cuantas|quel|quelle|quels|quelles|combien(?: de| d)?|welche|welcher|welches|welchen|wie viele|wieviele)';
/** words that change a setting (or pick another value of it) */
const CHANGE =
  '(?:aumentar|reducir|disminuir|bajar|subir|usar|cambiar|augmenter|reduire|diminuer|baisser|utiliser|changer|erhohen|verringern|reduzieren|senken|andern|verwenden|mas|menos|plus|moins|mehr|weniger|increas\\w*|decreas\\w*|reduc\\w*|lower\\w*|rais\\w*|use|using|add|adding|remove|removing|drop|dropping|chang\\w*|tun\\w*|try|trying|set|setting|pick|choos\\w*|switch\\w*|doubl\\w*|halv\\w*|cut|bump|put|go|turn|disable|enable|apply|make|keep|more|less|fewer|bigger|smaller|larger|higher|longer|shorter|different|another|other|same)';
/** comparatives and levels that say "a different value of the setting" */
const LEVEL =
  '(?:bigger|smaller|larger|higher|lower|more|less|fewer|greater|big|small|large|high|low|huge|tiny|increasing|decreasing|reducing|raising|lowering|changing|doubling|halving)';
/** what a setting does to the run */
const EFFECT =
  '(?:makes?|made|making|causes?|caused|gives?|gave|leads?|led|hurts?|helps?|results?|means?|affects?|improves?|worsens?|changes?|effects?|impacts?|influences?|matters?|better|worse)';
/** the words a wh-question puts between its wh-word and its object ("what is a good initial lr") */
const FILLER =
  '(?:the|a|an|is|are|my|our|good|best|optimal|ideal|right|value|values|of|for|kind|type|number|amount|should|i|we|initial|default|typical|reasonable|sensible|max|maximum|min|minimum|starting|recommended|proper|correct|appropriate|suitable|lstm|gru|rnn|model|setting|settings|to|use|choose|pick|set|' +
  // (Spanish, French, German)
  'es|son|un|una|el|la|los|las|de|del|buen|buena|bueno|mejor|optimo|optima|le|les|une|est|sont|bon|bonne|meilleur|meilleure|optimale?|ist|sind|der|die|das|ein|eine|einen|gute|guter|gutes|gut|beste|besten|bester|numero|nombre|anzahl|debo|deberia|dois|soll|sollte)';
/** the qualifiers that make a setting the one to choose ("best lr", "un buen tamano de batch") */
const GOOD =
  '(?:best|optimal|ideal|right|good|recommended|reasonable|sensible|typical|proper|appropriate|suitable|correct|buen|buena|bueno|mejor|optimo|optima|bon|bonne|meilleur|meilleure|optimale?|gute|guter|gutes|beste|besten|bester)';

/**
 * [frame, why it is a question about the setting, the setting when the frame names it in other words]
 * -- each pattern captures the setting token(s)
 */
export const SETTING_FRAMES: [RegExp, string, SettingKey?][] = [
  // "how many epochs", "what batch size", "which optimizer", "what is a good initial lr"
  [
    new RegExp(
      `\\b(?:how (?:many|much|big|large|high|low|long|small|far)|${WH})(?: ${FILLER}){0,4} (?:${V} )?${S}`,
      'g',
    ),
    'a wh-question whose object is the setting',
  ],
  // "best lr for adam", "a good batch size?", "optimal number of units"
  [
    new RegExp(
      `\\b${GOOD}(?: (?:initial|starting|number of|amount of|value of|values of|size of|choice of))? ${S}`,
      'g',
    ),
    'a setting qualified as the one to choose',
  ],
  // "lr too high?", "is my dropout too strong", "batch size value", "patience to use", "epochs enough?"
  [
    new RegExp(
      `${S}(?:${SEP}${V})?(?: (?:value|values|choice|range|setting))? (?:should|to use|to choose|to pick|to set|do you|would you|recommend\\w*|(?:is |are |was )?(?:too|so|very) (?:big|small|high|low|large|much|many|few|little|short|long|strong|weak|aggressive|slow|fast)|(?:is |are )?(?:enough|sufficient|too much|overkill))`,
      'g',
    ),
    'the setting, then a question about its value',
  ],
  // "is lr 0.01 good for adam?", "batch size 64 ok for an lstm?": a value of the setting asked to be judged
  [
    new RegExp(
      `${S}(?:${SEP}${V})(?: is| are)? (?:good|ok|okay|fine|reasonable|alright|sensible|enough)(?: for| enough| choice| value| idea| \\?| ,|$)`,
      'g',
    ),
    'the setting and a value, asked to be judged',
  ],
  // "my lr is 0.05, could that be the problem?", "batch size is 512, is that why val loss is noisy": the
  // setting's value asked about as the cause
  [
    new RegExp(
      `${S}(?:${SEP}${V})?(?: (?:is|was|=|of) ${V})?(?: ,)? (?:is|was|could|can|might|would) (?:that|this|it)(?: be)? (?:why|the reason|the problem|the cause|because|causing|to blame)`,
      'g',
    ),
    'the setting, then whether its value is the cause',
  ],
  // "should i increase the batch size", "would a smaller lr help", "do i need more epochs", "is it better to use dropout"
  [
    new RegExp(
      `\\b(?:should|shall|would|could|can|will|must|do i need|do we need|do i have to|is it (?:better|worth|good|ok|okay|wise|bad|normal|enough) (?:to )?|better to|worth|recommend\\w*|suggest\\w*|does|did|debo|deberia|puedo|devrais|dois|faut il|soll|sollte|muss)${W}{0,3} ${CHANGE}${W}{0,2} ${S}`,
      'g',
    ),
    'a modal question about changing the setting',
  ],
  // "should i keep training", "can dropout be 0.5", "is it better to stop earlier"
  [
    new RegExp(
      `\\b(?:should|shall|would|could|can|will|must|do i need to|do we need to|is it (?:better|worth|good|ok|okay|wise|bad|normal) (?:to )?|better to|worth|debo|deberia|devrais|dois|faut il|soll|sollte|muss) (?:i |we |you |it |my |the |ich |wir |man |je |yo )?(?:die |den |das |der |el |la |le |les |los |las )?${S}`,
      'g',
    ),
    'a modal question whose subject or verb is the setting',
  ],
  // "add dropout or reduce units": the second choice of a question about changing settings
  [
    new RegExp(`${S}(?:${SEP}${V})? (?:or|and) ${CHANGE}${W}{0,2} ${S}`, 'g'),
    'another setting changed in the same choice',
  ],
  // "what happens if i train for 1000 epochs", "what if i use a bigger batch"
  [
    new RegExp(
      `\\bwhat (?:happens|if|would happen|will happen|changes)(?: if| when)?(?: i| we| you)?${W}{0,3} ${S}`,
      'g',
    ),
    'a what-if question about the setting',
  ],
  // "how long should i train", "how long to train": the number of epochs in other words
  [
    /\bhow (?:long|much longer|many more) (?:should|do|to|can|must|would|shall)(?: i| we| you)?(?: keep)? (?:train|training|run|fit)\b/g,
    'how long to train',
    'epochs',
  ],
  // "bigger batch size makes my val loss worse", "does a smaller lr help", "a higher dropout gives worse results"
  [
    new RegExp(`\\b${LEVEL}${W}? ${S}(?:${SEP}${V})?${W}{0,3} ${EFFECT}\\b`, 'g'),
    'a different value of the setting and what it does',
  ],
  // "effect of batch size", "the impact of the lr on", "does dropout matter", "patience effect"
  [
    new RegExp(
      `\\b(?:effects?|impacts?|influences?|role|importance|trade ?off) (?:of|from) (?:the |a |my |changing |increasing |decreasing )?(?:(?!zs)\\w+ )?${S}|${S} (?:effects?|impact|matters?|makes? a difference)\\b|\\bdoes (?:the |a |my )?${S} (?:matter|affect|change|help|hurt|influence|make)`,
      'g',
    ),
    'the effect of the setting',
  ],
  // "when i increase the batch size ...", "if i add dropout ...": an experiment on the setting
  [
    new RegExp(
      `\\b(?:when|if|after|once|i|we|so i|then i|i have|i just|we have) (?:i |we |you )?(?:increas\\w*|decreas\\w*|reduc\\w*|lower\\w*|rais\\w*|chang\\w*|doubl\\w*|halv\\w*|add\\w*|remov\\w*|switch\\w*|bump\\w*|cut|tun\\w*)(?: (?:the|my|a|an|to))?${W}? ${S}`,
      'g',
    ),
    'an experiment on the setting',
  ],
  // choices: "dropout 0.3 or 0.5", "0.3 or 0.5 dropout", "2 or 3 layers", "adam or sgd", "64 units vs 128",
  // "train 500 epochs or stop earlier?"
  [
    new RegExp(
      `${S}(?: =)? ${V} (?:or|vs|versus) ${V}|\\b${V} (?:or|vs|versus|and) ${V} ${S}|${S} (?:or|vs|versus) ${S}|${V} ${S} (?:or|vs|versus) (?:${V}|just|stop\\w*|keep\\w*|continu\\w*|use|go|train\\w*|zs[a-z]+)`,
      'g',
    ),
    'a choice between values of the setting',
  ],
  // "monitor val_loss or val_accuracy for early stopping?", "mae or mse as the loss for the lr finder": two
  // options to use for the setting
  [
    new RegExp(
      `\\b(?:or|vs|versus|o|ou|oder)${W}{1,3} (?:for|in|with|as|on|para|pour|fur) (?:the |my |an? )?${S}`,
      'g',
    ),
    'a choice of what to use for the setting',
  ],
  // "more data or more dropout?", "add dropout or get more data": a choice between changes, one on the setting
  [
    new RegExp(
      `\\b${CHANGE}${W}{0,2} (?:or|vs|versus) ${CHANGE}${W}{0,2} ${S}|\\b${CHANGE}(?: (?:the|my|a|an|some))? ${S} (?:or|vs|versus) ${CHANGE}\\b`,
      'g',
    ),
    'a choice between changing the setting and something else',
  ],
  // "not sure if patience=3 is good", "is dropout 0.5 ok?": a doubt about the setting's value
  [
    new RegExp(
      `\\b(?:not sure|unsure|wonder\\w*|whether|if|is|doubt\\w*)(?: (?:the|my|a|this|that|using|of))? ${S}(?: ?= ?${V}| ${V})? (?:is |was |are )?(?:good|ok|okay|fine|right|correct|reasonable|sensible|enough|a good (?:value|choice|idea)|too \\w+)\\b`,
      'g',
    ),
    "a doubt about the setting's value",
  ],
  // "how to use early stopping", "when should i lower the lr", "use early stopping", "how do i tune dropout"
  [
    new RegExp(
      `(?:\\bhow (?:to|do i|should i|can i|do you|would you|could i)|\\bwhen (?:to|should i|do i|should we)|\\bwhere (?:to|do i|should i)|^ *(?:use|add|try|tune|pick|choose|setup|set up|configure|implement)|\\bhelp (?:me )?(?:pick|choose|tune|set))${W}{0,3} ${S}`,
      'g',
    ),
    'how to set or use the setting',
  ],
];

/** Keras' LSTM(64), GRU(units=32), Dense(16): the argument is the number of units */
const LAYER_CALL = /\b(?:lstm|gru|rnn|simplernn|dense) ?\( ?(?:units ?= ?)?(\d{1,5})\b[^)]{0,80}\)?/g;

/** The question with each setting's name replaced by its token (zsepochs, zsbatch, ...). */
export function markSettings(plain: string): string {
  return plain
    .replace(NAME, (n) => {
      const key = KEY_OF.get(n.replace(/ +/g, ' '));
      return key ? ` zs${key.replace(/_/g, '')} ` : n;
    })
    .replace(/\s+/g, ' ');
}

const SIZE_ASKED = /^how (big|large|wide|small)\b/;

const KEY_OF_TOKEN = new Map<string, SettingKey>(
  (Object.keys(SETTINGS) as SettingKey[]).map((k) => [`zs${k.replace(/_/g, '')}`, k]),
);

/** The settings a question asks ABOUT (a frame's object), by the concept that speaks for them. */
export function askedSettings(plain: string): Concept[] {
  // clause punctuation stays a token the frames do not cross (a word is \w+); other signs are spaces
  const marked = markSettings(
    plain
      .replace(LAYER_CALL, ' $1 units ')
      .replace(/[,;:!?]|\.(?!\d)/g, ' , ')
      // "bigger window = better forecast?": an equals sign between words says what a value does
      .replace(/ = (?=[a-z])/g, ' makes ')
      // "dois-je", "faut-il": a hyphen between words is a space
      .replace(/(?<=[a-z])-(?=[a-z])/g, ' ')
      .replace(/[^a-z0-9.%,=\s-]/g, ' '),
  );
  const found = new Set<Concept>();
  for (const [re, , fixed] of SETTING_FRAMES)
    for (const m of marked.matchAll(re)) {
      if (fixed) found.add(SETTINGS[fixed].concept);
      for (const tok of m.slice(1))
        if (tok) {
          const key = KEY_OF_TOKEN.get(tok);
          // "how big should the layer be": the size of a layer is its units
          if (key === 'layers' && SIZE_ASKED.test(m[0])) found.add(SETTINGS.units.concept);
          else if (key) found.add(SETTINGS[key].concept);
        }
    }
  return [...found];
}

/** "dropout 0.2", "lr=1e-3", "batch size 64": a setting said with a value, where it starts in the text */
const NAME_VALUE = new RegExp(`${NAME.source} ?(?:=|:|of)? ?(${V})(?![\\d.])`, 'g');

export function settingValues(plain: string): { key: SettingKey; value: string; index: number }[] {
  const out: { key: SettingKey; value: string; index: number }[] = [];
  for (const m of plain.matchAll(NAME_VALUE)) {
    const key = KEY_OF.get(m[1].replace(/ +/g, ' '));
    if (key) out.push({ key, value: m[2], index: m.index });
  }
  return out;
}
