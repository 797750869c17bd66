/** A small argv parser: `--flag`, `--key value`, `--key=value`, positionals. No library needed for this. */

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

export function parseArgs(argv: string[], spec: { boolean: string[]; value: string[] }): Parsed {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (spec.boolean.includes(name)) {
        if (eq !== -1) throw new UsageError(`--${name} takes no value`);
        flags.set(name, true);
      } else if (spec.value.includes(name)) {
        const v = eq !== -1 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined || v === '') throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else if (a === '-h') {
      flags.set('help', true);
    } else {
      positionals.push(a);
    }
  }
  return { positionals, flags };
}
