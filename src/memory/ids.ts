/**
 * Run ids and scope keys: the short hex id people type (`#a3f9`) and the one text key a scope is
 * stored under ('g:<guild>', 'u:<user>' for DMs, 'local' for the CLI).
 */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import type { Scope } from './types.js';

/** OURS: ids start at 4 hex characters (65,536 per scope) and grow when a scope's ids get crowded. */
export const MIN_ID_LENGTH = 4;
export const MAX_ID_LENGTH = 12;

/** 'a3f9', '#A3F9', ' #a3f9 ' -> 'a3f9'; undefined when it is not an id (hex, 1..12 characters). */
export function parseRunId(text: string): string | undefined {
  const t = text.trim().replace(/^#/, '').toLowerCase();
  return t.length >= 1 && t.length <= MAX_ID_LENGTH && /^[0-9a-f]+$/.test(t) ? t : undefined;
}

/** How an id is shown: '#a3f9'. */
export const formatRunId = (id: string): string => `#${id}`;

/** The text key a scope is stored under. */
export function scopeKey(scope: Scope): string {
  if (scope.kind === 'guild') return `g:${scope.guildId}`;
  if (scope.kind === 'dm') return `u:${scope.userId}`;
  return 'local';
}

export function scopeFromKey(key: string): Scope {
  if (key.startsWith('g:')) return { kind: 'guild', guildId: key.slice(2) };
  if (key.startsWith('u:')) return { kind: 'dm', userId: key.slice(2) };
  return { kind: 'local' };
}

/**
 * The CLI's default data folder, per user: $XDG_DATA_HOME/curve-triage (default ~/.local/share) on
 * Linux, ~/Library/Application Support/curve-triage on macOS, %LOCALAPPDATA%\curve-triage on Windows.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const os = platform();
  if (os === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'curve-triage');
  if (os === 'darwin') return join(homedir(), 'Library', 'Application Support', 'curve-triage');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'curve-triage');
}
