/**
 * The Python live-watch client (clients/python/curve_triage_watch.py, issue 17) run by the real
 * /usr/bin/python3 against a real HTTP server on 127.0.0.1 (test/clients/fake-watch.ts). The frameworks
 * are not installed: the Keras / Lightning / HF hooks are driven the way each framework calls them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLIENT_DIR,
  PYTHON,
  deadUrl,
  lastJson,
  runPython,
  startFakeWatch,
  type FakeWatch,
  type FakeWatchOptions,
} from './fake-watch.js';

const TOKEN = 'ctw_AAAAAAAAAAAAAAAAAAAAAA';
let server: FakeWatch | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(opts: FakeWatchOptions = {}): Promise<{ CURVE_TRIAGE_URL: string; CURVE_TRIAGE_TOKEN: string }> {
  server = await startFakeWatch(opts);
  return { CURVE_TRIAGE_URL: server.url, CURVE_TRIAGE_TOKEN: TOKEN };
}

const warnings = (stderr: string): number => stderr.split('curve-triage watch:').length - 1;

describe('the file itself', () => {
  it('compiles, and imports in isolated mode without any ML framework', async () => {
    const file = join(CLIENT_DIR, 'curve_triage_watch.py');
    expect(spawnSync(PYTHON, ['-m', 'py_compile', file], { encoding: 'utf8' }).status).toBe(0);
    const code = `import sys, json; sys.path.insert(0, ${JSON.stringify(CLIENT_DIR)})
import curve_triage_watch as c
heavy = [m for m in ('torch', 'keras', 'tensorflow', 'lightning', 'pytorch_lightning', 'transformers') if m in sys.modules]
print(json.dumps({'heavy': heavy, 'cls': c.CurveTriageWatch.__name__}))`;
    const r = await runPython(code, {}, ['-I']);
    expect(r.code).toBe(0);
    expect(lastJson(r)).toEqual({ heavy: [], cls: 'CurveTriageWatch' });
  });

  it('is Python 3.8 grammar', () => {
    const check = 'import ast,sys; ast.parse(open(sys.argv[1]).read(), feature_version=(3, 8))';
    const r = spawnSync(PYTHON, ['-c', check, join(CLIENT_DIR, 'curve_triage_watch.py')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

// stand-ins for the frameworks' base classes (none is installed here): the helpers must subclass them
const FAKE_PACKAGES: Record<string, string> = {
  'keras/__init__.py': '',
  'keras/callbacks.py':
    'class Callback:\n    def set_model(self, m): self.model = m\n    def set_params(self, p): self.params = p\n',
  'lightning/__init__.py': '',
  'lightning/pytorch/__init__.py': 'class Callback:\n    pass\n',
  'transformers/__init__.py': 'class TrainerCallback:\n    pass\n',
};

describe('keras_callback / lightning_callback / huggingface_callback', () => {
  it('subclass the framework base when it imports, and drive the same watch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctw-fake-'));
    for (const [file, text] of Object.entries(FAKE_PACKAGES)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const env = { ...(await serve({ stopAfter: 1 })), PYTHONPATH: `${CLIENT_DIR}:${dir}` };
    const r = await runPython(
      String.raw`
import json, time, keras.callbacks, lightning.pytorch, transformers
from types import SimpleNamespace as NS
from curve_triage_watch import CurveTriageWatch, keras_callback, lightning_callback, huggingface_callback
k = keras_callback(CurveTriageWatch(run="k"))
model = NS(stop_training=False)
k.set_model(model); k.set_params({"epochs": 9})
for e in range(50):
    time.sleep(0.02); k.on_epoch_end(e, {"loss": 1.0})
    if model.stop_training: break
k.on_train_end({})
l = lightning_callback(run="l")
h = huggingface_callback(run="h")
print(json.dumps({"keras": isinstance(k, keras.callbacks.Callback), "stopped": model.stop_training,
    "lightning": isinstance(l, lightning.pytorch.Callback), "hf": isinstance(h, transformers.TrainerCallback),
    "same": isinstance(l.watch, CurveTriageWatch) and l.watch.run == "l"}))`,
      env,
    );
    rmSync(dir, { recursive: true, force: true });
    expect(lastJson(r)).toEqual({ keras: true, stopped: true, lightning: true, hf: true, same: true });
    expect(server!.received[0].body).toMatchObject({ run: 'k', epochs: 9 });
    expect(server!.accepted().at(-1)?.final).toBe(true);
  });
});

describe('plain loop', () => {
  it('reports every epoch in batched bodies, marks the last final, and sends the token', async () => {
    const env = await serve();
    const r = await runPython(
      String.raw`
import time
from curve_triage_watch import CurveTriageWatch
with CurveTriageWatch(run="mlp-1", epochs=6) as watch:
    for epoch in range(6):
        time.sleep(0.05)
        watch.report(epoch, loss=1.0 / (epoch + 1), val_loss=1.5 / (epoch + 1))
print(watch.sent, watch.dropped)`,
      env,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('6 0');
    expect(warnings(r.stderr)).toBe(0);
    const got = server!.received;
    expect(got.length).toBeGreaterThan(1); // paced: later epochs ride together
    for (const q of got) {
      expect(q.auth).toBe(`Bearer ${TOKEN}`);
      expect(q.contentType).toBe('application/json');
      expect(Object.keys(q.body!).sort()).toEqual(['epochs', 'reports', 'run']);
      expect(q.body).toMatchObject({ run: 'mlp-1', epochs: 6 });
      expect(q.body!.reports.length).toBeGreaterThanOrEqual(1);
    }
    const reports = server!.accepted();
    expect(reports.map((x) => x.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(reports[2].metrics).toEqual({ loss: 1 / 3, val_loss: 0.5 });
    expect(reports.map((x) => x.final ?? false)).toEqual([false, false, false, false, false, true]);
  });

  it('closing after everything was delivered re-sends the last epoch as final (counted once)', async () => {
    const env = await serve();
    const r = await runPython(
      String.raw`
import time
from curve_triage_watch import CurveTriageWatch
w = CurveTriageWatch(run="late-close")
w.report(0, loss=1.0); w.report(1, loss=0.5)
t = time.monotonic()
while w.sent < 2 and time.monotonic() - t < 20:
    time.sleep(0.01)  # until both were delivered
w.close()
print(w.sent, w.dropped)`,
      env,
    );
    expect(r.stdout.trim()).toBe('2 0');
    const reports = server!.accepted();
    expect(reports.at(-1)).toEqual({ epoch: 1, metrics: { loss: 0.5 }, final: true });
    expect(reports.slice(0, -1).map((x) => x.final ?? false)).toEqual([false, false]);
  });

  it('sends NaN and infinities as the literals the server reads, and null for None', async () => {
    const env = await serve();
    const r = await runPython(
      String.raw`
from curve_triage_watch import CurveTriageWatch
w = CurveTriageWatch(run="nan")
w.report(0, {"loss": float("nan"), "val_loss": float("inf"), "lr": float("-inf"), "acc": None, "name": "x"})
w.close()`,
      env,
    );
    expect(r.code).toBe(0);
    expect(server!.received[0].raw).toContain('"loss":NaN');
    expect(server!.received[0].raw).toContain('"val_loss":Infinity');
    const [rep] = server!.accepted();
    expect(rep.metrics).toEqual({ loss: NaN, val_loss: Infinity, lr: -Infinity, acc: null });
  });

  it('stops when the server says stop, and report() returns it', async () => {
    const env = await serve({ stopAfter: 3 });
    const r = await runPython(
      String.raw`
import time
from curve_triage_watch import CurveTriageWatch
watch = CurveTriageWatch()
ran = 0
for epoch in range(1000):
    time.sleep(0.02)
    ran += 1
    if watch.report(epoch, loss=1.0):
        break
watch.close()
print(ran, watch.should_stop)`,
      env,
    );
    const [ran, stopped] = r.stdout.trim().split(' ');
    expect(stopped).toBe('True');
    expect(Number(ran)).toBeGreaterThanOrEqual(3);
    expect(Number(ran)).toBeLessThan(1000);
    expect(server!.accepted().at(-1)?.final).toBe(true);
  });
});

const FRAMEWORK_FAKES = String.raw`
import json, time
from types import SimpleNamespace as NS
from curve_triage_watch import CurveTriageWatch

class FakeTensor:
    def __init__(self, v): self.v = v
    def item(self): return self.v

def keras():
    watch, model = CurveTriageWatch(run="keras"), NS(stop_training=False)
    assert getattr(watch.on_train_batch_end, "_is_default", False)  # Keras 3 keeps async dispatch
    assert not watch._implements_train_batch_hooks()  # tf.keras asks every callback
    watch.set_model(model); watch.set_params({"epochs": 100, "steps": 5})
    watch.on_train_begin({})
    for epoch in range(100):
        watch.on_epoch_begin(epoch, {})
        for b in range(5):
            watch.on_train_batch_begin(b, {}); watch.on_train_batch_end(b, {"loss": 1.0})
        time.sleep(0.03)
        watch.on_epoch_end(epoch, {"loss": 1.0 / (epoch + 1), "val_loss": FakeTensor(2.0)})
        if model.stop_training:
            break
    watch.on_some_hook_keras_adds_later(epoch)
    watch.on_train_end({})
    return epoch

def lightning():
    watch = CurveTriageWatch(run="lightning")
    trainer = NS(callback_metrics={}, current_epoch=0, max_epochs=100, should_stop=False, sanity_checking=True)
    watch.on_validation_epoch_end(trainer, None)  # the sanity check is not an epoch
    trainer.sanity_checking = False
    for epoch in range(100):
        trainer.current_epoch = epoch
        time.sleep(0.03)
        trainer.callback_metrics = {"train_loss": FakeTensor(1.0 / (epoch + 1)), "val_loss": FakeTensor(0.5)}
        watch.on_validation_epoch_end(trainer, None)
        watch.on_train_epoch_end(trainer, None)
        if trainer.should_stop:
            break
    watch.on_train_end(trainer, None); watch.on_fit_end(trainer, None)
    return epoch

def huggingface():
    watch = CurveTriageWatch(run="hf")
    args = NS(eval_strategy=NS(value="epoch"), num_train_epochs=100)
    state, control = NS(epoch=0.0, num_train_epochs=100), NS(should_training_stop=False)
    for epoch in range(100):
        state.epoch = epoch + 0.5
        watch.on_step_end(args, state, control, model=None)
        watch.on_log(args, state, control, logs={"loss": 1.0 / (epoch + 1), "learning_rate": 0.001, "epoch": state.epoch})
        time.sleep(0.03)
        state.epoch = float(epoch + 1)
        control = watch.on_epoch_end(args, state, control, model=None) or control
        watch.on_log(args, state, control, logs={"eval_loss": 0.5, "eval_runtime": 1.0, "epoch": state.epoch})
        if control.should_training_stop:
            break
    watch.on_train_end(args, state, control)
    return epoch
`;

describe('framework hooks stop training the framework way', () => {
  for (const fw of ['keras', 'lightning', 'huggingface']) {
    it(`${fw}: reports each epoch and sets the stop flag`, async () => {
      const env = await serve({ stopAfter: 3 });
      const r = await runPython(`${FRAMEWORK_FAKES}\nprint(json.dumps({"last": ${fw}()}))`, env);
      expect(r.stderr).toBe('');
      const { last } = lastJson<{ last: number }>(r);
      expect(last).toBeGreaterThanOrEqual(2);
      expect(last).toBeLessThan(99);
      const reports = server!.accepted();
      expect(reports.map((x) => x.epoch)).toEqual([...Array(last + 1).keys()]);
      expect(reports.at(-1)?.final).toBe(true);
      expect(server!.received[0].body?.epochs).toBe(100);
      const names = { keras: ['loss', 'val_loss'], lightning: ['train_loss', 'val_loss'], huggingface: [] };
      const expected = fw === 'huggingface' ? ['learning_rate', 'loss', 'val_loss'] : names[fw as 'keras'];
      expect(Object.keys(reports[1].metrics).sort()).toEqual(expected);
      expect(reports[1].metrics.val_loss).toBe(fw === 'keras' ? 2 : 0.5);
    });
  }
});

const LOOP = (n: number) => String.raw`
import json, time
from curve_triage_watch import CurveTriageWatch
watch = CurveTriageWatch(run="r")
t0 = time.monotonic()
for epoch in range(${n}):
    time.sleep(0.01)
    watch.report(epoch, loss=1.0)
t1 = time.monotonic()
watch.close()
print(json.dumps({"loop": t1 - t0, "close": time.monotonic() - t1, "sent": watch.sent, "dropped": watch.dropped}))`;

describe('failures never reach the training loop', () => {
  it('server down: every epoch runs, one warning, close() returns promptly', async () => {
    const r = await runPython(LOOP(30), { CURVE_TRIAGE_URL: await deadUrl(), CURVE_TRIAGE_TOKEN: TOKEN });
    expect(r.code).toBe(0);
    const out = lastJson<{ loop: number; close: number; sent: number; dropped: number }>(r);
    expect(out.sent).toBe(0);
    expect(out.dropped).toBe(30);
    expect(warnings(r.stderr)).toBe(1);
    expect(r.stderr).toContain('unreachable');
    expect(r.stderr).not.toContain(TOKEN);
    expect(out.close).toBeLessThan(5); // the backoff alone would take 7.5 s
  });

  it('429: waits the Retry-After, then delivers without a warning', async () => {
    const env = await serve({ statuses: [429], retryAfter: '1' });
    const r = await runPython(LOOP(1), env);
    expect(lastJson<{ sent: number }>(r).sent).toBe(1);
    const [first, second] = server!.received;
    expect([first.status, second.status]).toEqual([429, 200]);
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    expect(warnings(r.stderr)).toBe(0);
  });

  it('500s are retried with backoff and delivered', async () => {
    const env = await serve({ statuses: [500, 503] });
    const r = await runPython(LOOP(3), env);
    expect(lastJson<{ sent: number }>(r).sent).toBe(3);
    expect(server!.accepted().map((x) => x.epoch)).toEqual([0, 1, 2]);
    expect(server!.received[2].at - server!.received[1].at).toBeGreaterThanOrEqual(950);
    expect(warnings(r.stderr)).toBe(0);
  });

  it('401: one warning, and nothing more is sent with a refused token', async () => {
    const env = await serve({ statuses: [401] });
    const r = await runPython(LOOP(10), env);
    expect(r.code).toBe(0);
    expect(server!.received).toHaveLength(1);
    expect(warnings(r.stderr)).toBe(1);
    expect(r.stderr).toContain('refused the token');
  });

  it('no token: one warning, reports are no-ops', async () => {
    const r = await runPython(LOOP(5), { CURVE_TRIAGE_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toBe(1);
    expect(r.stderr).toContain('no token');
  });

  it('a slow server: reports are never lost silently (sent + dropped = reported), overhead printed', async () => {
    const env = await serve({ delayMs: 50 });
    const r = await runPython(
      String.raw`
import json, time
from curve_triage_watch import CurveTriageWatch
watch = CurveTriageWatch(run="slow")
costs = []
for epoch in range(2000):
    t = time.perf_counter()
    watch.report(epoch, loss=0.5, val_loss=0.6, acc=0.9)
    costs.append(time.perf_counter() - t)
watch.close(timeout=30)
costs.sort()
print("report() p99 %.1f us" % (costs[int(len(costs) * 0.99)] * 1e6))
print(json.dumps({"sent": watch.sent, "dropped": watch.dropped}))`,
      env,
    );
    console.log(r.stdout.split('\n')[0]);
    const out = lastJson<{ sent: number; dropped: number }>(r);
    expect(out.sent + out.dropped).toBe(2000);
    expect(server!.accepted()).toHaveLength(out.sent);
    expect(server!.accepted().at(-1)?.epoch).toBe(1999); // the newest survive a full queue
    for (const q of server!.received) expect(q.raw.length).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('a real PyTorch loop', () => {
  it('trains an MLP, reports each epoch, and stops when told', async () => {
    const env = await serve({ stopAfter: 4 });
    const r = await runPython(
      String.raw`
import json, torch
from torch import nn
from curve_triage_watch import CurveTriageWatch
torch.manual_seed(0); torch.set_num_threads(1)
x = torch.randn(2048, 16); y = (x[:, :4].sum(1, keepdim=True) > 0).float()
model = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.BCEWithLogitsLoss()
watch = CurveTriageWatch(run="torch-mlp", epochs=300)
for epoch in range(300):
    for i in range(0, 1536, 32):
        opt.zero_grad(); loss = loss_fn(model(x[i:i + 32]), y[i:i + 32]); loss.backward(); opt.step()
    with torch.no_grad():
        val = loss_fn(model(x[1536:]), y[1536:])
    if watch.report(epoch, loss=loss.detach(), val_loss=val):
        break
watch.close()
print(json.dumps({"epoch": epoch}))`,
      env,
    );
    const { epoch } = lastJson<{ epoch: number }>(r);
    expect(epoch).toBeGreaterThanOrEqual(3);
    expect(epoch).toBeLessThan(299); // told to stop long before the planned 300
    const reports = server!.accepted();
    expect(reports.map((x) => x.epoch)).toEqual([...Array(epoch + 1).keys()]);
    expect(reports.at(-1)!.metrics.val_loss).toBeLessThan(reports[0].metrics.val_loss!);
  });
});

describe('snippets.json (what /watch start serves)', () => {
  const snippets = JSON.parse(readFileSync(join(CLIENT_DIR, 'snippets.json'), 'utf8')) as Record<string, string>;
  const fill = (s: string) => s.replaceAll('{token}', TOKEN).replaceAll('{url}', 'https://watch.example.org');

  it('has the five snippets, each with both placeholders', () => {
    expect(Object.keys(snippets).sort()).toEqual(['curl', 'huggingface', 'keras', 'lightning', 'plain']);
    for (const s of Object.values(snippets)) {
      expect(s).toContain('{token}');
      expect(s).toContain('{url}');
    }
  });

  for (const key of ['keras', 'lightning', 'huggingface', 'plain']) {
    it(`${key} parses as Python`, () => {
      const r = spawnSync(PYTHON, ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], {
        input: fill(snippets[key]),
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }

  it('curl is a valid shell line that posts the contract body', () => {
    const line = fill(snippets.curl);
    expect(spawnSync('bash', ['-n'], { input: line, encoding: 'utf8' }).status).toBe(0);
    expect(line).toContain('/v1/watch/epochs');
    expect(line).toContain(`Authorization: Bearer ${TOKEN}`);
  });
});
