/** The command modules: the loader's zod check, and Discord's registration rules for every definition. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCommands, CommandLoadError } from '../../src/bot/loader.js';

describe('loader', () => {
  test('loads one module per command, all of them', async () => {
    const cmds = await loadCommands();
    expect([...cmds.keys()].sort()).toEqual([
      'Diagnose training log',
      'best',
      'compare',
      'diagnose',
      'explain',
      'export',
      'forget',
      'help',
      'history',
      'paste',
      'settings',
      'show',
      'sweep',
      'train',
      'watch',
      'why',
    ]);
  });
  test('a module that is not a command is reported by file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmds-'));
    writeFileSync(join(dir, 'broken.mjs'), 'export default { data: { name: "x" } };');
    await expect(loadCommands(dir)).rejects.toThrow(CommandLoadError);
    await expect(loadCommands(dir)).rejects.toThrow(/broken\.mjs.*execute/);
  });
});

describe('definitions follow Discord rules', async () => {
  const cmds = [...(await loadCommands()).values()];
  test.each(cmds.map((c) => [c.data.name, c] as const))('%s', (_n, c) => {
    const d = c.data as any;
    expect(d.integration_types).toEqual([0, 1]);
    expect(d.contexts).toEqual([0, 1, 2]);
    if ((d.type ?? 1) === 1) {
      expect(d.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.description.length).toBeLessThanOrEqual(100);
      const opts = d.options ?? [];
      expect(opts.length).toBeLessThanOrEqual(25);
      let seenOptional = false;
      for (const o of opts) {
        expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(o.description.length).toBeLessThanOrEqual(100);
        if (o.required)
          expect(seenOptional).toBe(false); // required options first
        else seenOptional = true;
        for (const ch of o.choices ?? []) expect(ch.name.length).toBeLessThanOrEqual(100);
        expect((o.choices ?? []).length).toBeLessThanOrEqual(25);
        if (o.max_length !== undefined) expect(o.max_length).toBeLessThanOrEqual(6000);
      }
    } else {
      expect(d.type).toBe(3);
      expect(d.description).toBeUndefined();
      expect(d.name.length).toBeLessThanOrEqual(32);
    }
    expect(JSON.stringify(d).length).toBeLessThan(8000); // Discord caps a command's combined text at 8,000
  });
});
