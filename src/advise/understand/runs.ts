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
