// ESLint: what keeps the layers and the sizes honest (formatting is Prettier's job). Layers point down:
//   util <- ingest <- diagnose <- advise <- render / train <- pipeline (the core); diagnose <- memory (storage)
//   surfaces on top: src/cli, src/bot + commands, src/jobs, src/worker; core never imports a surface and surfaces
//   never import each other (the bot, the worker and the request layer may use the job queue, which knows nothing
//   of them; the worker process hands the request layer's TRAIN_WORK to the queue's Redis worker).
import tseslint from 'typescript-eslint';

const SURFACES = ['cli', 'bot', 'jobs', 'worker'];
const forbid = (names, why) => ({
  patterns: names.map((n) => ({ group: [`**/${n}/*`, `**/${n}`], message: why })),
});
const rule = (names, why) => ({ 'no-restricted-imports': ['error', forbid(names, why)] });

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'src/train/engine/kernels/*.wasm.ts', 'coverage/**'] },
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  {
    files: ['src/util/**/*.ts'],
    rules: rule(
      ['ingest', 'diagnose', 'advise', 'render', 'train', ...SURFACES, 'commands'],
      'util is the bottom layer',
    ),
  },
  {
    files: ['src/ingest/**/*.ts'],
    rules: rule(['diagnose', 'advise', 'render', 'train', ...SURFACES, 'commands'], 'ingest only uses util'),
  },
  {
    files: ['src/diagnose/**/*.ts'],
    rules: rule(['advise', 'render', 'train', ...SURFACES, 'commands'], 'diagnose only uses ingest and util'),
  },
  {
    files: ['src/advise/**/*.ts'],
    rules: rule(['render', 'train', ...SURFACES, 'commands'], 'advise sits under the surfaces and beside render'),
  },
  {
    files: ['src/render/**/*.ts'],
    rules: rule(['train', ...SURFACES, 'commands'], 'render never imports a surface or training'),
  },
  {
    files: ['src/train/**/*.ts'],
    rules: rule([...SURFACES, 'commands'], 'training is core: surfaces call it, never the other way'),
  },
  {
    // team memory is core storage: the surfaces record and read runs through it; it knows runs and diagnoses only
    files: ['src/memory/**/*.ts'],
    rules: rule(
      ['advise', 'render', 'train', 'requests', ...SURFACES, 'commands'],
      'memory is core: it uses ingest and diagnose types, surfaces call it',
    ),
  },
  {
    // the request layer may hand work to the generic job queue (which never imports it back)
    files: ['src/pipeline.ts', 'src/requests/**/*.ts'],
    rules: rule(['cli', 'bot', 'commands', 'worker'], 'the request layer is under every surface'),
  },
  {
    files: ['src/jobs/**/*.ts'],
    rules: rule(
      ['cli', 'bot', 'commands', 'train', 'requests', 'worker'],
      'the job queue is generic: the bot hands it the work',
    ),
  },
  {
    // `npm run worker`: the job queue's Redis worker running the request layer's work
    // (and the bot's work tasks, pure functions of plain data, for TRIAGE_REMOTE)
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/*', '**/cli', '**/commands/*', '**/commands'],
              message: 'surfaces never import each other',
            },
            {
              regex: '(^|/)bot(/(?!work/)|$)',
              message: 'surfaces never import each other (the worker may run the bot work pool tasks: bot/work)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: rule(['bot', 'jobs', 'commands', 'worker'], 'surfaces never import each other'),
  },
  {
    files: ['src/bot/**/*.ts', 'commands/**/*.ts'],
    rules: rule(['cli', 'worker'], 'surfaces never import each other'),
  },
  // the code-layout issue's bar: functions of at most ~80 lines, files of at most ~400, in the product
  // (knowledge kept as reviewable data tables and the fused engine's numeric kernels are exempt)
  {
    files: ['src/**/*.ts', 'commands/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  { files: ['src/advise/knowledge/*.ts', 'src/diagnose/weights.ts'], rules: { 'max-lines': 'off' } },
  { files: ['src/train/engine/fused.ts'], rules: { 'max-lines-per-function': 'off', 'max-lines': 'off' } },
);
