/**
 * Two runs described in one question, and the question about one of them: "run1 ... run2 ... explain
 * run2?", "dropout 0 -> val climbs; dropout 0.2 -> both come down ... second one is fine now right?".
 * The curves of the other run are not what is asked about, so the readings take the asked run's part
 * of the question (and the question itself), and the runs are no "several runs in one log".
 *
 * Linear time: flat alternations, one pass each.
 */
import { settingValues } from './settings.js';

/** the question names one run: by its label (run 2, run b) or its place (the second one, the latter) */
const ASKS_ABOUT =
  /\b(?:explain|about|what about|how about|why(?: does| is| did)?|look at|is|was|with|in) (?:run ?(1|2|a|b|one|two)|the (first|second|former|latter|last)(?: one| run)?)\b|\b(?:the )?(first|second|1st|2nd|former|latter|last) (?:one|run) (?:is|looks|seems|was|ok|fine|good|better|right|now|still)\b|\brun ?(1|2|a|b) (?:is|looks|seems|was|ok|fine|good|better|now)\b/;
/** where a run's description starts: "run1", "run b", "the first run", "second model" */
const OPENER = /\brun ?(1|2|3|a|b|c|one|two|three)\b|\b(first|second|third) (?:run|model|try|training|attempt)\b/g;

const SECOND = new Set(['2', 'b', 'two', 'second', '2nd', 'latter']);

/** The asked run's part of the question, with the question itself; undefined when no one run is asked about. */
export function focusedRun(plain: string): string | undefined {
  const m = ASKS_ABOUT.exec(plain);
  if (!m) return undefined;
  const label = m[1] ?? m[2] ?? m[3] ?? m[4];
  // the first opener of each run label, in order
  const starts: number[] = [];
  const seen = new Set<string>();
  for (const o of plain.matchAll(OPENER)) {
    const name = (o[1] ?? o[2]).replace(/^(one|first|a)$/, '1').replace(/^(two|second|b)$/, '2');
    if (!seen.has(name) && o.index < m.index) {
      seen.add(name);
      starts.push(o.index);
    }
  }
  // no labels: a setting said twice with two values opens two runs ("dropout 0 -> ...; dropout 0.2 -> ...")
  if (starts.length < 2) {
    starts.length = 0;
    const byKey = new Map<string, { value: string; index: number }[]>();
    for (const v of settingValues(plain.slice(0, m.index))) {
      const vs = byKey.get(v.key);
      if (vs) vs.push(v);
      else byKey.set(v.key, [v]);
    }
    for (const vs of byKey.values())
      if (new Set(vs.map((v) => v.value)).size >= 2 && starts.length === 0) starts.push(...vs.map((v) => v.index));
  }
  if (starts.length < 2) return undefined;
  const k = label === 'last' ? starts.length - 1 : SECOND.has(label) ? 1 : 0;
  const end = k + 1 < starts.length ? starts[k + 1] : plain.length;
  const part = plain.slice(starts[k], end);
  return end <= m.index ? `${part} . ${plain.slice(m.index)}` : part;
}

/** Keras' "Epoch 12/50" progress lines */
const EPOCH_OF = /\bepoch ?(\d{1,6}) ?\/ ?(\d{1,6})\b/g;
/**
 * the epoch count starting over, in words: "begins at epoch 1 a second time", "Epoch 1/20 again",
 * "the epochs go 1..100 twice", "why does it start over in my log"
 */
const RESTART_WORDS =
  /\b((starts?|started|begins?|began|restarts?|restarted|resets?|goes back|went back|jumps back) (again |over )?(at|from|to) epoch (1|0|one|zero)\b|epoch (1|0|one)( ?\/ ?\d+)? (again|a second time|once more|another time)\b|(two|2|three|3|multiple|several|many) "?epoch (1|0)( ?\/ ?\d+)?"? (lines|entries|rows|times)\b|epoch (1|0)( ?\/ ?\d+)?"? (appears|shows up|is printed|occurs|is there|comes) (twice|two times|several times|more than once|again)\b|epochs? (go|goes|went|run|ran|count|counts|counted) (from )?(0|1) ?(\.\.+|to|-|through) ?\d+ (twice|two times|2 times|again|three times|3 times))/;
/** "starts over", "begins again": the count starting over, when the question is about a log */
const OVER_AGAIN = /\b(starts? over|started over|begins? again|began again|restarts|restarted|starts? again from)\b/;
const LOG_WORDS = /\b(log|logs|output|printout|print|console|terminal|history|csv|epochs?)\b/;

/**
 * Several trainings in one log, read from the epoch count: a Keras progress line whose epoch is lower
 * than an earlier one's ("Epoch 20/20 ... Epoch 1/20"), or the count said to start over.
 * Linear time: one pass over the progress lines, flat alternations.
 */
export function epochRestarts(plain: string): boolean {
  let last = 0;
  for (const m of plain.matchAll(EPOCH_OF)) {
    const k = Number(m[1]);
    if (k < last && k <= 1) return true;
    last = k;
  }
  if (RESTART_WORDS.test(plain) || (OVER_AGAIN.test(plain) && LOG_WORDS.test(plain))) return true;
  // "epochs 1-30 and then 1-30 again", "0..99, then 0..99": the same range of epochs said twice
  if (!LOG_WORDS.test(plain)) return false;
  const ranges = new Set<string>();
  for (const m of plain.matchAll(EPOCH_RANGE)) {
    const key = `${m[1]}-${m[2]}`;
    if (ranges.has(key)) return true;
    ranges.add(key);
  }
  return false;
}
/** a range of epochs from the start: "1-30", "0..99", "1 to 50" */
const EPOCH_RANGE = /\b([01]) ?(?:\.\.+|-|to|through) ?(\d{1,5})\b/g;

/** the epochs planned: "epochs=200", "epochs was 80", "100 epochs", "asked for 150" */
const PLANNED =
  /\b(?:epochs ?(?:=|:|was|is|were|of|to|set to) ?(\d{1,5})|(\d{1,5}) epochs|(?:asked for|set it to|wanted|expected|passed|specified|planned|requested|configured) (?:epochs ?=? ?)?(\d{1,5}))\b(?![.%])/g;
/** what is not a count of epochs after a number ("the csv has 2 columns") */
const NOT_EPOCHS = String.raw`(?![\d.%]| ?(?:columns?|cols|keys?|metrics?|features?|layers?|units|classes|gb|mb|kb|seconds|minutes|hours|percent)\b)`;
/**
 * the epochs the log holds: "only has 23 entries", "len(history.history[loss]) is 41", "but got 18",
 * "only 12 rows"
 */
const HELD = [
  /\b(?:only|just) (?:has |have |had |contains? |got |shows? |see |get |gets |gave |gives |were |was )?(\d{1,5}) (?:entries|entry|rows?|lines?|values|points|items|records|elements|epochs?)\b/g,
  new RegExp(
    String.raw`\b(?:history|log|csv|file|list|len|length|output)\b[^\d!?;]{0,40}?\b(?:is|has|have|contains?|shows?|gives?|returns?|=) (?:only |just )?(\d{1,5})` +
      NOT_EPOCHS,
    'g',
  ),
  new RegExp(
    String.raw`\b(?:got|get|gets|getting|see|seeing|saw) (?:only |just )?(\d{1,5})` +
      NOT_EPOCHS +
      String.raw`(?= *(?:$|[,.;!?)]|entries|rows|lines|values|points|epochs))`,
    'g',
  ),
];

/**
 * A history shorter than the epochs planned ("trained for 100 epochs but history only has 23 entries",
 * "set epochs=200 but len(history.history['loss']) is 41"): the run stopped early.
 * Linear time: flat alternations, one bounded gap.
 */
export function fewerThanPlanned(plain: string): boolean {
  let planned = 0;
  for (const m of plain.matchAll(PLANNED)) planned = Math.max(planned, Number(m[1] ?? m[2] ?? m[3]));
  if (planned < 2) return false;
  for (const re of HELD)
    for (const m of plain.matchAll(re)) if (Number(m[1]) < planned && Number(m[1]) > 0) return true;
  return false;
}

/** a history's lists of values per key, JSON or Python ("{'loss': [0.48], 'val_loss': [0.51]}") */
const HISTORY_LIST = /\b(?:loss|acc|accuracy|mae|mse|rmse)"? ?[:=]? ?\[([^[\]]{0,300})\]/g;
/** OURS: a history of this many epochs or fewer is too short to judge (the cue's 1-4 epochs) */
const SHORT_HISTORY = 4;

/** A history pasted as lists, every list of 1-4 values: too short to judge. */
export function shortHistoryLists(plain: string): boolean {
  let lists = 0;
  for (const m of plain.matchAll(HISTORY_LIST)) {
    const n = (m[1].match(/\d*\.?\d+(?:e[+-]?\d+)?/g) ?? []).length;
    if (n === 0 || n > SHORT_HISTORY) return false;
    lists++;
  }
  return lists > 0;
}
