/** Run tokens: shape, only the hash kept, scope, expiry, revocation, and refusals with the right status. */
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { TokenStore } from '../../src/watch/tokens.js';

const owner = { userId: 'u1', channelId: 'c1', guildId: 'g1', name: 'resnet', notify: true };

describe('TokenStore', () => {
  test('a token is ctw_ + 22 base64url chars (128 bits), and only its hash is kept', () => {
    const s = new TokenStore();
    const { token, record } = s.create(owner);
    expect(token).toMatch(/^ctw_[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(16);
    expect(record.id).toBe(createHash('sha256').update(token).digest('hex').slice(0, 6));
    expect(
      JSON.stringify((s as any).byHash.get(createHash('sha256').update(token).digest('hex')).record),
    ).not.toContain(token.slice(4));
    const v = s.verify(token);
    expect(v.ok && v.record).toMatchObject({
      userId: 'u1',
      channelId: 'c1',
      guildId: 'g1',
      name: 'resnet',
      notify: true,
    });
    expect(s.create(owner).token).not.toBe(token);
  });

  test('missing, malformed and forged tokens are 401; revoked and expired are 403', () => {
    let now = 1_000_000;
    const s = new TokenStore(60_000, () => now);
    const { token } = s.create(owner);
    expect(s.verify(undefined)).toMatchObject({ ok: false, status: 401 });
    expect(s.verify('hello')).toMatchObject({ ok: false, status: 401 });
    const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(s.verify(forged)).toMatchObject({ ok: false, status: 401, error: expect.stringMatching(/unknown token/) });
    now += 59_999;
    expect(s.verify(token).ok).toBe(true);
    now += 1;
    expect(s.verify(token)).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/expired/) });
    const b = s.create(owner);
    expect(s.revoke('someone-else', b.record.id)).toEqual([]);
    expect(s.verify(b.token).ok).toBe(true);
    expect(s.revoke('u1', b.record.id)).toHaveLength(1);
    expect(s.verify(b.token)).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/revoked/) });
  });

  test('list is per user and hides revoked tokens; revoke by name; revokeAll', () => {
    const s = new TokenStore();
    s.create(owner);
    s.create({ ...owner, name: 'other' });
    s.create({ ...owner, userId: 'u2' });
    expect(s.list('u1').map((r) => r.name)).toEqual(['resnet', 'other']);
    expect(s.revoke('u1', 'other')).toHaveLength(1);
    expect(s.list('u1').map((r) => r.name)).toEqual(['resnet']);
    expect(s.revokeAll('u1')).toHaveLength(1);
    expect(s.list('u1')).toEqual([]);
    expect(s.list('u2')).toHaveLength(1);
  });

  test('a user keeps at most 20 tokens: the oldest goes', () => {
    const s = new TokenStore();
    const first = s.create(owner).token;
    for (let i = 0; i < 20; i++) s.create(owner);
    expect(s.list('u1', true)).toHaveLength(20);
    expect(s.verify(first).ok).toBe(false);
  });
});
