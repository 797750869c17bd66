/**
 * Discord's own contract for what a bot sends, as the fake Discord enforces it: every request body is
 * validated against the request schema of its route in Discord's OpenAPI 3.1 spec for API v10
 * (test/e2e/discord-api/openapi.json, vendored unchanged from discord/discord-api-spec, MIT), with
 * ajv's JSON Schema 2020-12 validator. An invalid body gets what Discord answers: HTTP 400,
 * `{ code: 50035, message: 'Invalid Form Body', errors }`, `errors` nested by the body's JSON path
 * with `_errors: [{ code, message }]` at the leaves (Discord's codes for lengths, required fields,
 * choices and numbers; other failures are named after their JSON Schema keyword).
 * The spec's shared schemas are added to ajv once, as the $defs of one document that the route
 * schemas' `$ref`s are rewritten to point into; a route's validator is compiled on first use and
 * cached (the bot's routes at start, `warm`). OpenAPI-isms are taught, not switched off: the
 * `x-discord-union` annotation is a known keyword, and every format the spec uses is checked.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

export const SPEC_PATH = new URL('./discord-api/openapi.json', import.meta.url);

/** The routes the bot (and deploy-commands) sends, as spec path templates; the pin test checks each is in the spec. */
export const BOT_ROUTES: readonly { method: string; path: string; body: boolean }[] = [
  { method: 'get', path: '/gateway/bot', body: false },
  { method: 'get', path: '/users/@me', body: false },
  { method: 'put', path: '/applications/{application_id}/commands', body: true },
  { method: 'put', path: '/applications/{application_id}/guilds/{guild_id}/commands', body: true },
  { method: 'post', path: '/interactions/{interaction_id}/{interaction_token}/callback', body: true },
  { method: 'patch', path: '/webhooks/{webhook_id}/{webhook_token}/messages/@original', body: true },
  { method: 'delete', path: '/webhooks/{webhook_id}/{webhook_token}/messages/@original', body: false },
  { method: 'post', path: '/webhooks/{webhook_id}/{webhook_token}', body: true },
  { method: 'patch', path: '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}', body: true },
  { method: 'post', path: '/channels/{channel_id}/messages', body: true },
];

/** Discord's answer to a body that breaks the contract. */
export interface DiscordFormError {
  code: 50035;
  message: 'Invalid Form Body';
  errors: Record<string, unknown>;
}

export type Verdict =
  | { ok: true; route: string }
  /** no such route (or method) in the spec: Discord would answer 404/405 */
  | { ok: false; kind: 'route'; route: undefined; problems: string[] }
  | { ok: false; kind: 'body'; route: string; problems: string[]; error: DiscordFormError };

interface Spec {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, any>>;
  components: Record<string, unknown>;
}

/** OpenAPI formats used by the spec; each is checked, none waved through (double/int64 are the JSON number's own range). */
const FORMATS = {
  snowflake: /^(0|[1-9][0-9]*)$/,
  nonce: /^[\s\S]{0,25}$/,
  uri: (s: string) => URL.canParse(s),
  'date-time': (s: string) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)),
};
const NUMBER_FORMATS = {
  int32: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  int64: (n: number) => Number.isSafeInteger(n),
  double: (n: number) => Number.isFinite(n),
};

export class DiscordContract {
  readonly spec: Spec;
  readonly sha256: string;
  /** decides valid or not, stopping at the first failure (a valid reply with components: ~0.1 ms) */
  private readonly fast: Ajv2020;
  /** explains a refusal: every failure, with the data and schema behind it (compiled only when needed) */
  private readonly report: Ajv2020;
  private readonly templates: { path: string; re: RegExp; literals: number }[];
  private readonly compiled = new Map<string, ValidateFunction | null>();
  private readonly reporters = new WeakMap<ValidateFunction, ValidateFunction>();

  constructor(path: URL | string = SPEC_PATH) {
    const raw = readFileSync(path);
    this.sha256 = createHash('sha256').update(raw).digest('hex');
    this.spec = JSON.parse(raw.toString('utf8')) as Spec;
    const defs = { $id: DEFS_ID, $defs: rewriteRefs(this.spec.components.schemas) };
    this.fast = makeAjv(defs, false);
    this.report = makeAjv(defs, true);
    this.templates = Object.keys(this.spec.paths)
      .map((p) => ({
        path: p,
        re: new RegExp(`^${p.split('/').map(segment).join('/')}$`),
        literals: p.split('/').filter((s) => s && !s.startsWith('{')).length,
      }))
      // a literal segment wins over a parameter: /messages/@original before /messages/{message_id}
      .sort((a, b) => b.literals - a.literals);
  }

  /**
   * Compile the validators of every route the bot uses now (~1-2 s, once per process), so no request
   * pays for a compile: a fake that stalls its first callback would eat into timed budgets (the 3 s
   * to answer, a short interaction-token lifetime in a test).
   */
  warm(): this {
    for (const r of BOT_ROUTES)
      if (r.body) for (const multipart of [false, true]) this.validator(r.method, r.path, multipart);
    return this;
  }

  /** The spec's path template for a request path under /api/v10 (query string excluded). */
  template(path: string): string | undefined {
    return this.templates.find((t) => t.re.test(path))?.path;
  }

  /** Has the spec this route, and (when `body`) a JSON request body for it? */
  has(method: string, template: string, body = false): boolean {
    const op = this.spec.paths[template]?.[method.toLowerCase()];
    return !!op && (!body || !!op.requestBody?.content?.['application/json']);
  }

  /**
   * Check one request. `body` is the parsed JSON body, or the parsed `payload_json` part of a
   * multipart request (`multipart: true`); undefined when the request had none.
   */
  check(method: string, path: string, body: unknown, multipart = false): Verdict {
    const route = this.template(path);
    if (!route || !this.has(method, route))
      return { ok: false, kind: 'route', route: undefined, problems: [`${method} ${path}: no such route in the spec`] };
    const validate = this.validator(method.toLowerCase(), route, multipart);
    if (!validate) {
      if (body === undefined) return { ok: true, route };
      return { ok: false, kind: 'route', route: undefined, problems: [`${method} ${route} takes no body`] };
    }
    // a route with a required body answers a missing one like an empty one
    const data = body === undefined ? {} : body;
    if (validate(data)) return { ok: true, route };
    const reporter = this.reporter(validate);
    reporter(data);
    const errors = this.explain(reporter);
    return { ok: false, kind: 'body', route, problems: errors.map(describe), error: formError(errors) };
  }

  /**
   * ajv reports the failures of every branch of a failed union (anyOf/oneOf). Discord reports the
   * branch the body is: its unions are told apart by a `type` field (x-discord-union: oneOf) or by
   * null versus an object. So each failed union, outermost first, is explained by the branch the
   * data picks (by `type`, by null-ness; among several, the one with the fewest failures), validated
   * on its own; when the `type` picks no branch, the error is that `type`, listing every allowed value.
   */
  private explain(validate: ValidateFunction): ErrorObject[] {
    let errors = [...(validate.errors ?? [])];
    const unions = errors.filter(isUnion).sort((a, b) => a.instancePath.length - b.instancePath.length);
    const done: string[] = [];
    for (const u of unions) {
      if (done.some((p) => within(u.instancePath, p))) continue;
      // a oneOf that failed because several branches fit: that ambiguity is the error itself
      if (u.params.passingSchemas) continue;
      const branch = this.branchErrors(u.schema as unknown[], u.data);
      errors = [
        ...errors.filter((e) => !within(e.instancePath, u.instancePath)),
        ...branch.map((e) => ({ ...e, instancePath: u.instancePath + e.instancePath })),
      ];
      done.push(u.instancePath);
    }
    if (!errors.length) errors = [...(validate.errors ?? [])];
    const seen = new Set<string>();
    return errors.filter((e) => {
      const k = `${leafPath(e).join('.')}|${e.keyword}|${e.message}`;
      return !seen.has(k) && !!seen.add(k);
    });
  }

  private branchErrors(branches: unknown[], data: unknown): ErrorObject[] {
    const resolved = branches.map((b) => this.resolve(b));
    const picked = branches.filter((_, i) => admits(resolved[i], data));
    if (!picked.length && data && typeof data === 'object' && 'type' in data) {
      const allowed = [...new Set(resolved.flatMap((r) => typeValues(r) ?? []))];
      return [
        {
          instancePath: '/type',
          schemaPath: '#/properties/type/enum',
          keyword: 'enum',
          params: { allowedValues: allowed },
          message: 'must be equal to one of the allowed values',
        },
      ];
    }
    let best: ErrorObject[] | undefined;
    for (const b of picked.length ? picked : branches) {
      const v = this.branchValidator(b);
      if (v(data)) return [];
      const errs = this.explain(v);
      if (!best || errs.length < best.length) best = errs;
    }
    return best ?? [];
  }

  private resolve(schema: unknown): unknown {
    const ref = (schema as { $ref?: unknown })?.$ref;
    return typeof ref === 'string' ? this.report.getSchema(ref)?.schema : schema;
  }

  private readonly branches = new WeakMap<object, ValidateFunction>();
  private branchValidator(schema: unknown): ValidateFunction {
    const key = schema as object;
    let v = this.branches.get(key);
    if (!v) this.branches.set(key, (v = this.report.compile(key)));
    return v;
  }

  private validator(method: string, route: string, multipart: boolean): ValidateFunction | null {
    const key = `${method} ${route} ${multipart ? 'multipart' : 'json'}`;
    let v = this.compiled.get(key);
    if (v === undefined) {
      const content = this.spec.paths[route][method].requestBody?.content;
      const type = multipart && content?.['multipart/form-data'] ? 'multipart/form-data' : 'application/json';
      v = content?.[type] ? this.fast.compile(rewriteRefs(content[type].schema) as object) : null;
      this.compiled.set(key, v);
    }
    return v;
  }

  /** The explaining twin of a route's fast validator (same schema, compiled by `report`). */
  private reporter(fast: ValidateFunction): ValidateFunction {
    let v = this.reporters.get(fast);
    if (!v) this.reporters.set(fast, (v = this.report.compile(fast.schema as object)));
    return v;
  }
}

/** An ajv for the spec: Discord's keywords and formats known, its shared schemas added. */
function makeAjv(defs: object, explain: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: explain,
    verbose: explain,
    strict: true,
    strictTypes: false,
    validateSchema: false,
  });
  // Discord's note that an anyOf is meant as a discriminated oneOf: an annotation, validated as the anyOf it annotates
  ajv.addKeyword({ keyword: 'x-discord-union', schemaType: 'string' });
  for (const [name, test] of Object.entries(FORMATS)) ajv.addFormat(name, test);
  for (const [name, validate] of Object.entries(NUMBER_FORMATS)) ajv.addFormat(name, { type: 'number', validate });
  // the spec's shared schemas, as one JSON Schema document whose $defs the route schemas point into
  ajv.addSchema(defs);
  return ajv;
}

function segment(s: string): string {
  return s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const DEFS_ID = 'https://discord.com/openapi/v10/schemas';

/** `#/components/schemas/X` (a pointer into the OpenAPI document) -> X in the shared $defs document. */
function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema))
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
        ? `${DEFS_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`
        : rewriteRefs(v);
  return out;
}

const isUnion = (e: ErrorObject) => e.keyword === 'anyOf' || e.keyword === 'oneOf';
const within = (path: string, parent: string) => path === parent || path.startsWith(`${parent}/`);

/** Values a schema's `type` property admits (undefined: not a discriminated branch). */
function typeValues(schema: any): unknown[] | undefined {
  const t = schema?.properties?.type;
  if (!t || typeof t !== 'object') return undefined;
  if ('const' in t) return [t.const];
  return Array.isArray(t.enum) ? t.enum : undefined;
}

/** Could `data` be of this union branch, judged by null-ness and the `type` discriminator only? */
function admits(schema: any, data: unknown): boolean {
  const types = schema?.type === undefined ? undefined : [schema.type].flat();
  if (data === null) return !types || types.includes('null');
  if (types && types.length === 1 && types[0] === 'null') return false;
  const values = typeValues(schema);
  if (values && typeof data === 'object' && !Array.isArray(data)) return values.includes((data as any).type);
  return true;
}

function leafPath(e: ErrorObject): string[] {
  const p = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') p.push(String(e.params.missingProperty));
  return p;
}

/** Discord's code and wording for each JSON Schema failure. */
function discordError(e: ErrorObject): { code: string; message: string } {
  const limit = e.params.limit as number;
  switch (e.keyword) {
    case 'required':
      return { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
    case 'maxLength':
    case 'maxItems':
    case 'maxProperties':
      return { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` };
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return { code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${limit} or more in length.` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${limit}.` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { code: 'NUMBER_TYPE_MIN', message: `int value should be greater than or equal to ${limit}.` };
    case 'enum':
    case 'const': {
      const allowed = (e.params.allowedValues ?? [e.params.allowedValue]) as unknown[];
      return { code: 'BASE_TYPE_CHOICES', message: `Value must be one of (${allowed.map(String).join(', ')}).` };
    }
    case 'pattern':
    case 'format':
      return { code: 'STRING_TYPE_REGEX', message: `String value did not match validation regex (${e.message}).` };
    case 'anyOf':
    case 'oneOf':
      return { code: 'UNION_TYPE_CHOICES', message: 'Value does not match any of the allowed types.' };
    default:
      return { code: `BASE_TYPE_${e.keyword.toUpperCase()}`, message: `Invalid value: ${e.message ?? e.keyword}.` };
  }
}

function formError(errors: ErrorObject[]): DiscordFormError {
  const root: Record<string, any> = {};
  for (const e of errors) {
    let node = root;
    for (const key of leafPath(e)) node = node[key] ??= {};
    (node._errors ??= []).push(discordError(e));
  }
  return { code: 50035, message: 'Invalid Form Body', errors: root };
}

function describe(e: ErrorObject): string {
  const { code, message } = discordError(e);
  return `${leafPath(e).join('.') || '(body)'}: ${code} ${message}`;
}

let shared: DiscordContract | undefined;
/** One contract per process: the spec is parsed once and validators are shared by every fake. */
export function discordContract(): DiscordContract {
  return (shared ??= new DiscordContract().warm());
}
