/**
 * No Docker engine runs here, so the image is checked by parts: the entrypoint script runs and
 * dispatches, the Dockerfile has the shape the issue asks for, and its apt packages exist (Debian
 * bookworm, like the base image) when this machine has apt lists.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const ENTRY = join(ROOT, 'docker/entrypoint.sh');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

function fakeApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-'));
  mkdirSync(join(dir, 'build/src/bot'), { recursive: true });
  const stub =
    'console.log(JSON.stringify({ file: process.argv[1].split("/build/")[1], args: process.argv.slice(2) }));';
  writeFileSync(join(dir, 'build/src/bot/index.js'), stub);
  writeFileSync(join(dir, 'build/src/bot/deploy.js'), stub);
  mkdirSync(join(dir, 'build/src/worker'), { recursive: true });
  writeFileSync(join(dir, 'build/src/worker/index.js'), stub);
  return dir;
}

function run(args: string[], env: Record<string, string>) {
  return spawnSync('sh', [ENTRY, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
}

describe('entrypoint', () => {
  test('is valid sh', () => {
    execFileSync('sh', ['-n', ENTRY]);
  });
  test('refuses to start without the required env, naming what is missing', () => {
    const r = run([], { APP_DIR: fakeApp() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/DISCORD_TOKEN DISCORD_APPLICATION_ID/);
  });
  test('runs the bot by default, deploy-commands with its arguments, anything else as given; never prints the token', () => {
    const env = { APP_DIR: fakeApp(), DISCORD_TOKEN: 'secret-token-value', DISCORD_APPLICATION_ID: '1' };
    const bot = run([], env);
    expect(bot.status).toBe(0);
    expect(JSON.parse(bot.stdout)).toEqual({ file: 'src/bot/index.js', args: [] });
    const dep = run(['deploy-commands', '--guild', '123'], env);
    expect(JSON.parse(dep.stdout)).toEqual({ file: 'src/bot/deploy.js', args: ['--guild', '123'] });
    expect(run(['echo', 'hi'], env).stdout.trim()).toBe('hi');
    // a worker needs Redis, not the Discord token
    const app = fakeApp();
    const noRedis = run(['worker'], { APP_DIR: app });
    expect(noRedis.status).toBe(2);
    expect(noRedis.stderr).toMatch(/REDIS_URL/);
    const worker = run(['worker'], { APP_DIR: app, REDIS_URL: 'redis://redis:6379' });
    expect(JSON.parse(worker.stdout)).toEqual({ file: 'src/worker/index.js', args: [] });
    expect(bot.stdout + bot.stderr + dep.stdout + dep.stderr).not.toContain('secret-token-value');
  });
});

describe('Dockerfile', () => {
  const BUILD = [
    'libcairo2-dev',
    'libpango1.0-dev',
    'libjpeg-dev',
    'libgif-dev',
    'librsvg2-dev',
    'build-essential',
    'python3',
  ];
  const RUNTIME = ['libcairo2', 'libpango-1.0-0', 'libpangocairo-1.0-0', 'libjpeg62-turbo', 'libgif7', 'librsvg2-2'];
  const [buildStage, runtimeStage] = dockerfile.split(/^FROM .*AS runtime$/m);

  test('multi-stage on Debian Node 20, production deps only, non-root, the bot as the command', () => {
    expect(dockerfile).toMatch(/^FROM node:20-bookworm AS build$/m);
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS runtime$/m);
    expect(buildStage).toMatch(/npm ci/);
    expect(buildStage).toMatch(/npm prune --omit=dev/);
    expect(runtimeStage).toMatch(/^USER node$/m);
    expect(runtimeStage).toMatch(/^CMD \["bot"\]$/m);
    expect(runtimeStage).not.toMatch(/-dev\b/);
    for (const p of BUILD) expect(buildStage).toContain(p);
    for (const p of RUNTIME) expect(runtimeStage).toContain(p);
  });

  test('the training presets find their temperature series in the image (build/fixtures/train)', () => {
    expect(dockerfile).toMatch(/^COPY fixtures\/train \.\/fixtures\/train$/m);
    expect(dockerfile).toMatch(/\/app\/fixtures\/train \.\/build\/fixtures\/train$/m);
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignore).toContain('!fixtures/train');
  });

  test('the build context excludes secrets', () => {
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignore).toContain('.env');
    expect(ignore).toContain('node_modules');
  });

  const aptPackages = [
    ...new Set(
      [...dockerfile.matchAll(/install -y --no-install-recommends\s*\\\n([\s\S]*?)&&/g)].flatMap((m) =>
        m[1].replace(/\\/g, ' ').split(/\s+/).filter(Boolean),
      ),
    ),
  ];
  const haveLists = spawnSync('apt-cache', ['show', 'bash'], { encoding: 'utf8' }).status === 0;
  test.skipIf(!haveLists)('every apt package named exists (apt-cache show; needs apt lists)', () => {
    expect(aptPackages.length).toBeGreaterThanOrEqual(BUILD.length + RUNTIME.length);
    // one call for all (apt-cache exits 0 if any one exists, so read which records came back)
    const out = spawnSync('apt-cache', ['show', '--no-all-versions', ...aptPackages], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }).stdout;
    const found = new Set([...out.matchAll(/^Package: (\S+)$/gm)].map((m) => m[1]));
    expect(aptPackages.filter((p) => !found.has(p))).toEqual([]);
  });
});

describe('production dependencies', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const prod = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]);

  test('everything the bot imports at run time is a production dependency', () => {
    const files = execFileSync(
      'git',
      [
        'ls-files',
        'src/bot',
        'commands',
        'src/pipeline.ts',
        'src/ingest',
        'src/diagnose',
        'src/advise',
        'src/render',
        'src/cli/report.ts',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    )
      .split('\n')
      .filter((f) => /\.ts$/.test(f));
    const bare = new Set<string>();
    for (const f of files) {
      const src = readFileSync(join(ROOT, f), 'utf8');
      for (const m of src.matchAll(/^\s*import\s+(?!type\b)[^'"]*?['"]([^'"]+)['"]/gm)) {
        const s = m[1];
        if (s.startsWith('.') || s.startsWith('node:')) continue;
        bare.add(s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]);
      }
    }
    expect([...bare].filter((b) => !prod.has(b))).toEqual([]);
  });

  const online = spawnSync('npm', ['ping'], { encoding: 'utf8', timeout: 20_000 }).status === 0;
  test.skipIf(!online)(
    'npm ci --omit=dev works on a copy and leaves the dev tools out',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'ci-'));
      writeFileSync(join(dir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
      writeFileSync(join(dir, 'package-lock.json'), readFileSync(join(ROOT, 'package-lock.json')));
      // --ignore-scripts: the native builds happen in the image; here we check the dependency set
      execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: dir,
        stdio: 'pipe',
        timeout: 240_000,
      });
      const has = (p: string) => spawnSync('test', ['-d', join(dir, 'node_modules', p)]).status === 0;
      for (const p of ['discord.js', 'pino', 'piscina', 'zod', 'canvas', 'sharp']) expect(has(p), p).toBe(true);
      for (const p of ['tsx', 'vitest', 'typescript', 'fast-check']) expect(has(p), p).toBe(false);
    },
    300_000,
  );
});
