/**
 * argv for the CLI's commands: `--flag`, `--key value`, `--key=value`, positionals, `--` and `-h`.
 * Node's own `util.parseArgs` splits the words; this file only checks them against the command's
 * options and words each mistake the way the CLI always has (its usage errors are part of its contract).
 */
import { parseArgs as tokenize } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Parsed {
  positionals: string[];
  flags: Map<string, string | true>;
}

export interface ArgSpec {
  /** options that take no value */
  boolean: string[];
  /** options that take one (`--key value` or `--key=value`) */
  value: string[];
}

type Token = NonNullable<ReturnType<typeof tokenize>['tokens']>[number];

export function parseArgs(argv: string[], spec: ArgSpec): Parsed {
  const options = Object.fromEntries([
    ...spec.boolean.map((n) => [n, { type: 'boolean' as const }]),
    ...spec.value.map((n) => [n, { type: 'string' as const }]),
  ]);
  // single-dash words (-h, -5, -abc) are never short options here: hide them from the tokenizer,
  // which would expand their letters, and read them back from argv by index
  const args = argv.map((a) => (isSingleDash(a) ? 'x' : a));
  const { tokens } = tokenize({ args, options, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  let ended = false;
  for (const t of tokens) {
    if (t.kind === 'option-terminator') ended = true;
    else if (t.kind === 'option') readLong(t, argv, spec, flags);
    else if (!ended && argv[t.index] === '-h') flags.set('help', true);
    else positionals.push(argv[t.index]);
  }
  return { positionals, flags };
}

const isSingleDash = (a: string) => a.length > 1 && a[0] === '-' && a[1] !== '-';

/** One `--name[=value]` (its value already taken from the next word when the option has one). */
function readLong(
  t: Extract<Token, { kind: 'option' }>,
  argv: string[],
  spec: ArgSpec,
  flags: Map<string, string | true>,
): void {
  const word = argv[t.index];
  const eq = word.indexOf('=');
  const name = eq === -1 ? word.slice(2) : word.slice(2, eq);
  if (spec.boolean.includes(name)) {
    if (t.inlineValue) throw new UsageError(`--${name} takes no value`);
    flags.set(name, true);
  } else if (spec.value.includes(name)) {
    const value = t.inlineValue ? t.value : t.value === undefined ? undefined : argv[t.index + 1];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  } else {
    throw new UsageError(`unknown option --${name}`);
  }
}
