/**
 * The reader registry is the one list of formats: every format of the JSON contract (schema FORMATS)
 * has exactly one reader, every name and alias resolves to one format, and `--format` accepts exactly
 * the names and aliases the registry declares.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_ALIASES, IngestError, ingest, resolveFormat } from '../../src/ingest/index.js';
import { READERS, tableDialect } from '../../src/ingest/registry.js';
import { FORMATS } from '../../src/ingest/schema.js';

describe('reader registry', () => {
  it('has one reader per format of the contract, and no other', () => {
    const names = READERS.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...FORMATS].sort());
  });

  it('gives every alias to one reader, and no alias shadows a format name', () => {
    const aliases = READERS.flatMap((r) => r.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const a of aliases) expect((FORMATS as readonly string[]).includes(a)).toBe(false);
    expect(Object.keys(FORMAT_ALIASES).sort()).toEqual([...aliases].sort());
  });

  it('resolves names and aliases case-insensitively, and refuses others with the accepted list', () => {
    for (const r of READERS) {
      expect(resolveFormat(` ${r.name.toUpperCase()} `)).toBe(r.name);
      for (const a of r.aliases) expect(resolveFormat(a)).toBe(r.name);
    }
    expect(() => resolveFormat('excel')).toThrow(IngestError);
    expect(() => resolveFormat('excel')).toThrow(/Use one of: keras-history-json, .* \(aliases: json, /);
  });

  it('lists the aliases in the contract order (format by format)', () => {
    const order = Object.values(FORMAT_ALIASES).map((f) => FORMATS.indexOf(f));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('asks table headers against the dialects in registry order, csv taking the rest', () => {
    expect(tableDialect(['Wall time', 'Step', 'Value'], 'Wall time,Step,Value')).toBe('tensorboard-csv');
    expect(tableDialect(['epoch', 'train_loss', 'valid_loss', 'accuracy', 'time'], '')).toBe('fastai-csv');
    expect(tableDialect(['epoch', 'step', 'train_loss'], '')).toBe('lightning-csv');
    // a pandas index column with Lightning's columns: Lightning is asked first
    expect(tableDialect(['', 'epoch', 'step', 'loss'], '')).toBe('lightning-csv');
    expect(tableDialect(['', 'loss', 'val_loss'], '')).toBe('keras-history-json');
    expect(tableDialect(['loss', 'val_loss'], '')).toBe('keras-history-json');
    expect(tableDialect(['epoch', 'accuracy', 'loss'], '')).toBe('keras-csv');
    expect(tableDialect(['epoch', 'Loss'], '')).toBe('csv');
    expect(tableDialect(['iter', 'score'], '')).toBe('csv');
  });

  it('reads with the named reader when --format names it, whatever detection would say', () => {
    const keras = 'epoch,loss,val_loss\n0,0.9,0.95\n1,0.7,0.8\n2,0.5,0.7\n';
    expect(ingest(keras).format).toBe('keras-csv');
    expect(ingest(keras, { format: 'csv' }).format).toBe('csv');
    expect(ingest(keras, { format: 'fastai' }).format).toBe('fastai-csv');
    expect(ingest(keras, { format: 'csv' }).detectedBy).toBe('override');
  });
});
