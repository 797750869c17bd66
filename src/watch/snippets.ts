/**
 * The ready-to-paste snippets /watch start answers with: Keras, Lightning, Hugging Face Trainer, the
 * plain `watch.report(...)` loop and curl. The Python client ships its own templates in
 * clients/python/snippets.json (keys keras, lightning, huggingface, plain, curl; `{token}` and
 * `{url}` placeholders); when that file is next to the code (the repository, or a build that copied
 * it) it wins, else the built-in templates below, written to the same client API, are used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SNIPPET_KEYS = ['keras', 'lightning', 'huggingface', 'plain', 'curl'] as const;
export type SnippetKey = (typeof SNIPPET_KEYS)[number];
export type Snippets = Record<SnippetKey, string>;

const BUILT_IN: Snippets = {
  keras: [
    'from curve_triage_watch import CurveTriageWatch',
    '',
    'model.fit(x, y, validation_data=(xv, yv), epochs=50,',
    '          callbacks=[CurveTriageWatch(token="{token}", url="{url}")])',
  ].join('\n'),
  lightning: [
    'from curve_triage_watch import CurveTriageWatch',
    '',
    'trainer = Trainer(max_epochs=50, callbacks=[CurveTriageWatch(token="{token}", url="{url}")])',
    'trainer.fit(model, train_loader, val_loader)',
  ].join('\n'),
  huggingface: [
    'from curve_triage_watch import CurveTriageWatch',
    '',
    'trainer = Trainer(model=model, args=args, train_dataset=train, eval_dataset=val,',
    '                  callbacks=[CurveTriageWatch(token="{token}", url="{url}")])',
    'trainer.train()',
  ].join('\n'),
  plain: [
    'from curve_triage_watch import CurveTriageWatch',
    '',
    'watch = CurveTriageWatch(token="{token}", url="{url}", epochs=50)',
    'for epoch in range(50):',
    '    loss, val_loss = train_one_epoch(), evaluate()',
    '    watch.report(epoch, loss=loss, val_loss=val_loss)',
    '    if watch.should_stop:',
    '        break',
    'watch.close(final=True)',
  ].join('\n'),
  curl: [
    'curl -X POST {url}/v1/watch/epochs \\',
    '  -H "Authorization: Bearer {token}" -H "Content-Type: application/json" \\',
    `  -d '{"run": "my-run", "epoch": 0, "metrics": {"loss": 0.9, "val_loss": 1.0}}'`,
  ].join('\n'),
};

/** clients/python/snippets.json from src/watch (tsx) or build/src/watch (compiled) */
const CANDIDATES = ['../../clients/python/snippets.json', '../../../clients/python/snippets.json'].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

let cached: Snippets | undefined;

/** The templates: the client's file when present and complete, else the built-in ones. */
export function snippetTemplates(): Snippets {
  if (cached) return cached;
  cached = { ...BUILT_IN };
  for (const path of CANDIDATES) {
    if (!existsSync(path)) continue;
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      for (const k of SNIPPET_KEYS) if (typeof data[k] === 'string' && data[k]) cached[k] = data[k] as string;
    } catch {
      // a broken file: keep the built-in templates
    }
    break;
  }
  return cached;
}

/** Every snippet with the token and URL filled in. */
export function snippets(token: string, url: string): Snippets {
  const t = snippetTemplates();
  const fill = (s: string) => s.split('{token}').join(token).split('{url}').join(url);
  return Object.fromEntries(SNIPPET_KEYS.map((k) => [k, fill(t[k])])) as Snippets;
}
