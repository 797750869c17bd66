/**
 * Series grouped into panels, top to bottom: the loss pair, the metric pair, else (nothing
 * recognisable) up to four other finite series, and the learning-rate strip; each member with its
 * colour and legend label.
 */
import type { Diagnosis } from '../../diagnose/schema.js';
import type { Run, Series } from '../../ingest/schema.js';
import type { PanelSpec } from '../chart.js';
import type { Theme } from '../theme.js';
import { hasFinite, keysOf, pickLossPair, pickLr, pickMetricPair, type SeriesPair } from './pick.js';

export interface Member {
  s: Series;
  color: string;
  label: string;
}

export interface Group {
  kind: PanelSpec['kind'];
  yTitle: string;
  members: Member[];
}

function pairGroup(kind: 'loss' | 'metric', p: SeriesPair, theme: Theme): Group | undefined {
  const members = [
    p.train && { s: p.train, color: theme.train, label: p.train.name },
    p.val && { s: p.val, color: theme.val, label: p.val.name },
  ].filter((m): m is Member => !!m);
  if (members.length === 0) return undefined;
  return { kind, yTitle: (p.train ?? p.val)!.base, members };
}

/** Nothing recognisable: plot up to four other finite series. */
function otherGroup(run: Run, theme: Theme): Group | undefined {
  const others = run.series.filter((x) => x.kind !== 'lr' && hasFinite(x)).slice(0, 4);
  const palette = [theme.train, theme.val, theme.runs[2], theme.runs[4]];
  if (others.length === 0) return undefined;
  return {
    kind: 'other',
    yTitle: others.length === 1 ? others[0].base : 'value',
    members: others.map((x, i) => ({ s: x, color: palette[i], label: x.name })),
  };
}

/**
 * The panels of a diagnosed run. `loss` is the plotted loss pair (for the subtitle's names) and
 * `hasLoss` says whether groups[0] is its panel.
 */
export function panelGroups(
  run: Run,
  diagnosis: Diagnosis,
  theme: Theme,
): { groups: Group[]; loss: SeriesPair; hasLoss: boolean } {
  const loss = pickLossPair(run, diagnosis);
  const metric = pickMetricPair(run, diagnosis, keysOf(loss));
  const lr = pickLr(run);
  const groups: Group[] = [];
  const lossGroup = pairGroup('loss', loss, theme);
  const metricGroup = pairGroup('metric', metric, theme);
  if (lossGroup) groups.push(lossGroup);
  if (metricGroup) groups.push(metricGroup);
  if (groups.length === 0) {
    const other = otherGroup(run, theme);
    if (other) groups.push(other);
  }
  if (lr) groups.push({ kind: 'lr', yTitle: 'lr', members: [{ s: lr, color: theme.lr, label: lr.name }] });
  return { groups, loss, hasLoss: !!lossGroup };
}
