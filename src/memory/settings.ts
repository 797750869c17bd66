/** Consent per scope: read and write the settings row (history on/off, retention, who turned it on, when). */
import type { Kysely } from 'kysely';
import type { DB, SettingsTable } from './schema.js';
import {
  DEFAULT_RETENTION_DAYS,
  MAX_RETENTION_DAYS,
  MemoryError,
  MIN_RETENTION_DAYS,
  type Scope,
  type ScopeSettings,
  type SettingsChange,
} from './types.js';
import { checkId } from './rows.js';

function toSettings(scope: Scope, r: SettingsTable): ScopeSettings {
  return {
    scope,
    enabled: Number(r.enabled) === 1,
    retentionDays: Number(r.retention_days),
    enabledBy: r.enabled_by,
    enabledAt: r.enabled_at === null ? null : Number(r.enabled_at),
    updatedBy: r.updated_by,
    updatedAt: Number(r.updated_at),
  };
}

export async function settingsOf(db: Kysely<DB>, scope: Scope, key: string): Promise<ScopeSettings | undefined> {
  const r = await db.selectFrom('settings').selectAll().where('scope_key', '=', key).executeTakeFirst();
  return r ? toSettings(scope, r) : undefined;
}

/** Validate and upsert; the first time history goes on records who and when. */
export async function writeSettings(
  db: Kysely<DB>,
  scope: Scope,
  key: string,
  change: SettingsChange,
): Promise<ScopeSettings> {
  checkId('the user changing the settings', change?.by);
  if (typeof change.enabled !== 'boolean') throw new MemoryError('bad_input', 'enabled must be true or false');
  const current = await settingsOf(db, scope, key);
  const days = change.retentionDays ?? current?.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS)
    throw new MemoryError(
      'bad_input',
      `retention must be a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`,
    );
  const at = change.at ?? Date.now();
  const turnedOn = change.enabled && !current?.enabled;
  const row: SettingsTable = {
    scope_key: key,
    enabled: change.enabled ? 1 : 0,
    retention_days: days,
    enabled_by: turnedOn ? change.by : (current?.enabledBy ?? null),
    enabled_at: turnedOn ? at : (current?.enabledAt ?? null),
    updated_by: change.by,
    updated_at: at,
  };
  const { scope_key: _k, ...update } = row;
  void _k;
  await db
    .insertInto('settings')
    .values(row)
    .onConflict((oc) => oc.column('scope_key').doUpdateSet(update))
    .execute();
  return toSettings(scope, row);
}
