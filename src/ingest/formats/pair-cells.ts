/**
 * A line of comma-separated cells that alternate a name and its value, as `csv.writer().writerow(['Epoch', '1/20',
 * 'train loss', loss, 'train acc', f'{acc:.2f}%', ...])` writes them (unquoted; QUOTE_NONNUMERIC's quotes are not read):
 *
 *   Epoch, 1/20, train loss, 1.1140, train acc, 41.71%, test acc, 52.75%, eta, 23.66s
 *
 * The comma after a name is its colon. Read as `Epoch: 1/20, train loss: 1.1140, ...`; any other line as it is.
 */

/** A name: words, not a number. */
const NAME_CELL = /^[A-Za-z_][\w .\-/@]{0,60}$/;
/** A value: a number, a count out of a total, a percentage, a duration in seconds; or NaN / inf (a diverged
 * epoch's loss, which must stay in the run). */
const VALUE_CELL = /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?:%|s|\/\d+)?|[-+]?(?:nan|inf(?:inity)?))$/i;
/** Fewer pairs than this are a table's row, not a printed line of names and values. */
const MIN_PAIRS = 3;
/** A printed line of names and values is short; a longer one (a table's wide row, a dump) is left as it is. */
const MAX_LINE = 2000;

export function pairCells(line: string): string {
  if (line.length > MAX_LINE || !line.includes(',')) return line;
  const cells = line.split(',').map((c) => c.trim());
  if (cells.at(-1) === '') cells.pop();
  if (cells.length < 2 * MIN_PAIRS || cells.length % 2 !== 0) return line;
  for (let i = 0; i < cells.length; i += 2)
    if (!NAME_CELL.test(cells[i]) || !VALUE_CELL.test(cells[i + 1])) return line;
  const pairs: string[] = [];
  for (let i = 0; i < cells.length; i += 2) pairs.push(`${cells[i]}: ${cells[i + 1]}`);
  return pairs.join(', ');
}
