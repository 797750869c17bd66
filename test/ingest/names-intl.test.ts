/**
 * Metric names in Spanish, Portuguese, French and German, whole, as a CSV header or a JSON key writes them
 * (bench/wild23: `epoca,perdida`; `train_acuracia`, `validate_loss`), English's `validate_` prefix, and German's
 * compounds (`Trainingsverlust`).
 */
import { describe, expect, it } from 'vitest';
import { canonicalName } from '../../src/ingest/names.js';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const train = Array.from({ length: 40 }, (_, i) => 2.3 * Math.exp(-i / 9) + 0.3);
const val = Array.from({ length: 40 }, (_, i) => 2.0 * Math.exp(-i / 8) + 0.004 * Math.max(0, i - 15) ** 1.7 + 0.45);

describe('metric names written in other languages', () => {
  it('reads loss, accuracy and the splits in Spanish and Portuguese, prefixed or suffixed', () => {
    const seen = (n: string) => {
      const c = canonicalName(n);
      return `${c.key}:${c.kind}`;
    };
    expect(['perdida', 'pérdida', 'perda', 'perte', 'verlust'].map(seen)).toEqual(Array(5).fill('loss:loss'));
    expect(['val_perdida', 'perdida_validacion', 'validação_perda', 'validate_loss'].map(seen)).toEqual(
      Array(4).fill('val_loss:loss'),
    );
    expect(seen('pérdida_entrenamiento')).toBe('loss:loss');
    // an accent stored apart from its letter (NFD) is the same name
    expect(seen('validação_perda'.normalize('NFD'))).toBe('val_loss:loss');
    expect(seen('treino_acuracia')).toBe('accuracy:accuracy');
    expect(seen('acurácia_teste')).toBe('test_accuracy:accuracy');
    expect(seen('exactitud_prueba')).toBe('test_accuracy:accuracy');
    // English names that merely start like a split word keep their meaning
    expect(seen('tree_depth')).toBe('tree_depth:other');
    expect(seen('testosterone')).toBe('testosterone:other');
  });

  it('reads a Spanish history with the epoch counter as bookkeeping, and a Portuguese one with both splits', () => {
    const es = ingest(['epoca,perdida', ...train.map((t, i) => `${i + 1},${t}`)].join('\n'), {
      fileName: 'historial.csv',
    });
    expect(checkLog(es)).toEqual([]);
    expect(es.runs[0].series.map((s) => `${s.key}:${s.kind}`)).toEqual(['loss:loss']);
    expect(diagnose(es).pattern).toBe('good_fit');
    const pt = ingest(
      [
        'epoca,train_loss,train_acuracia,validate_loss,validate_acuracia',
        ...train.map((t, i) => `${i + 1},${t},${60 + i / 2},${val[i]},${55 + i / 3}`),
      ].join('\n'),
      { fileName: 'historico_treinamento.csv' },
    );
    expect(pt.runs[0].series.map((s) => s.key)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
    expect(diagnose(pt).pattern).toBe('overfitting');
  });

  it('reads German compounds (a split and its metric in one word) in a header and in printed lines', () => {
    const seen = (n: string) => canonicalName(n).key;
    expect(['Trainingsverlust', 'Validierungsverlust', 'Testverlust', 'Trainings-Verlust'].map(seen)).toEqual([
      'loss',
      'val_loss',
      'test_loss',
      'loss',
    ]);
    expect(['Trainingsgenauigkeit', 'Validierungsgenauigkeit'].map(seen)).toEqual(['accuracy', 'val_accuracy']);
    // a word that only starts like a split keeps its name
    expect(seen('Testlauf')).toBe('testlauf');
    const printed = train.map(
      (t, i) => `Epoche ${i + 1}, Trainingsverlust: ${t.toFixed(4)}, Validierungsverlust: ${val[i].toFixed(4)}`,
    );
    const de = ingest(printed.join('\n'), { fileName: 'training.log' });
    expect(de.runs[0].series.map((s) => s.key)).toEqual(['loss', 'val_loss']);
    expect(diagnose(de).pattern).toBe('overfitting');
  });
});
