"""Watch a training run live from anywhere: the curve-triage client (issue 17).

One file, standard library only, Python 3.8+. Copy it next to your training script.

    from curve_triage_watch import CurveTriageWatch
    watch = CurveTriageWatch(token="ctw_...", url="https://...")   # or env CURVE_TRIAGE_TOKEN / _URL
    for epoch in range(epochs):
        ...
        if watch.report(epoch, loss=loss, val_loss=val_loss):        # True once someone pressed Stop
            break
    watch.close()

The same object is a duck-typed Keras callback (``model.fit(callbacks=[watch])``), a Hugging Face
``TrainerCallback`` (``Trainer(callbacks=[watch])``), and carries the Lightning hooks (Lightning >= 2
wants a subclass of its Callback: use ``lightning_callback(watch)``). Nothing here imports a framework
unless you call one of the ``*_callback`` helpers.

Guarantees: ``report()`` only converts the metrics and puts them on a bounded queue (microseconds; it
never waits for the network); a daemon thread sends them in batches, retries with backoff, and on a
failure streak drops them with ONE warning. Nothing here raises into your training loop. The wire
format is docs/watch.md's (POST <url>/v1/watch/epochs).
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from typing import Any, Dict, List, Optional

__all__ = [
    "CurveTriageWatch",
    "CurveTriageWatchWarning",
    "keras_callback",
    "lightning_callback",
    "huggingface_callback",
]
__version__ = "1.0.0"

# -- limits, from the wire contract (docs/watch.md) --------------------------------------------------
PATH = "/v1/watch/epochs"
MAX_BODY_BYTES = 64 * 1024  # the server answers 413 above this
MAX_REPORTS_PER_REQUEST = 200
MAX_METRICS = 32  # per report
MAX_METRIC_NAME = 64
MAX_RUN_NAME = 100
MAX_EPOCH = 1000000
# -- client behaviour ----------------------------------------------------------------------------------
QUEUE_SIZE = 1000  # reports waiting to be sent; when full the oldest is dropped (bounded memory)
BACKOFF_S = (0.5, 1.0, 2.0, 4.0)  # waits between the 5 attempts of one request
MAX_RETRY_AFTER_S = 60.0  # a 429's Retry-After is honoured up to this
MIN_INTERVAL_S = 0.2  # at most 5 requests/s (the server allows 10/s, burst 20): reports queue and batch
REQUEST_TIMEOUT_S = 10.0
CLOSE_TIMEOUT_S = 10.0
ATEXIT_TIMEOUT_S = 3.0
# HF log keys that are bookkeeping, not curves
_HF_SKIP_KEYS = ("epoch", "step", "total_flos")
_HF_SKIP_SUFFIXES = ("_runtime", "_samples_per_second", "_steps_per_second")


class CurveTriageWatchWarning(RuntimeWarning):
    """The one warning a failure streak gives (filter it with warnings.simplefilter)."""


def _default(fn):
    # Keras 3 keeps its asynchronous batch dispatch only for hooks marked as not overridden
    fn._is_default = True
    return fn


@_default
def _noop(*_args, **_kwargs):
    return None


class _Close:
    """Queue marker: flush everything before it, mark the last report final, then stop the thread."""

    def __init__(self, final: bool):
        self.final = final
        self.done = threading.Event()


def _number(value: Any) -> Any:
    """A metric value as a float (NaN/inf kept), None for null, or _SKIP when it is not a number."""
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, (str, bytes)):
        return _SKIP
    if isinstance(value, (int, float)):
        return float(value)
    item = getattr(value, "item", None)  # torch / numpy / tf scalars
    if callable(item):
        try:
            value = item()
        except Exception:
            return _SKIP  # not a scalar
        if isinstance(value, bool) or isinstance(value, (str, bytes)):
            return _SKIP
    try:
        return float(value)
    except Exception:
        return _SKIP


_SKIP = object()


def _default_run_name() -> str:
    host = socket.gethostname().split(".")[0] or "host"
    host = "".join(c if c.isalnum() or c in "-_" else "-" for c in host)[:40]
    return time.strftime("%Y%m%d-%H%M%S") + "-" + host


def _warn(message: str) -> None:
    try:
        warnings.warn("curve-triage watch: " + message, CurveTriageWatchWarning, stacklevel=3)
    except Exception:
        pass  # a warnings filter set to "error" must not kill the sender or the training


class CurveTriageWatch:
    """Reports epochs to the curve-triage live watch; see the module docstring."""

    model = None  # Keras sets it through set_model
    params = None  # Keras sets it through set_params

    def __init__(
        self,
        token: Optional[str] = None,
        url: Optional[str] = None,
        run: Optional[str] = None,
        epochs: Optional[int] = None,
        queue_size: int = QUEUE_SIZE,
    ):
        self.token = token or os.environ.get("CURVE_TRIAGE_TOKEN") or ""
        base = (url or os.environ.get("CURVE_TRIAGE_URL") or "").strip().rstrip("/")
        self.endpoint = base if base.endswith(PATH) else base + PATH
        self.run = (str(run) if run else _default_run_name())[:MAX_RUN_NAME]
        self.epochs = epochs
        self.dropped = 0  # reports dropped (queue full or failed sends)
        self.sent = 0  # reports the server accepted
        self._stop = threading.Event()
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._count_lock = threading.Lock()
        self._queue = queue.Queue(maxsize=max(1, int(queue_size)))  # type: queue.Queue
        self._thread = None  # type: Optional[threading.Thread]
        self._failing = False  # inside a failure streak (one warning per streak)
        self._disabled = ""  # why sending is off for good (no token, token refused)
        self._last_sent = None  # type: Optional[Dict[str, Any]]
        self._next_send = 0.0
        self._deadline = 0.0
        self._warned = set()  # type: set
        self._hf_pending = {}  # type: Dict[str, Any]
        self._hf_waiting = None  # type: Optional[int]
        scheme = urllib.parse.urlsplit(self.endpoint).scheme
        if not self.token:
            self._disabled = "no token (pass token= or set CURVE_TRIAGE_TOKEN); live watch is off"
        elif scheme not in ("http", "https"):
            self._disabled = "no http(s) url (pass url= or set CURVE_TRIAGE_URL); live watch is off"
        if self._disabled:
            _warn(self._disabled)
        atexit.register(self._at_exit)

    # -- the plain API ----------------------------------------------------------------------------------
    @property
    def should_stop(self) -> bool:
        """True once the server answered stop (someone pressed "Stop training")."""
        return self._stop.is_set()

    def report(self, epoch: Any, metrics: Optional[Dict[str, Any]] = None, **kw: Any) -> bool:
        """Queue one epoch's metrics; returns should_stop. Never blocks on the network, never raises."""
        try:
            merged = dict(metrics) if metrics else {}
            merged.update(kw)
            self._enqueue(epoch, merged)
        except Exception:
            pass
        return self._stop.is_set()

    def close(self, final: bool = True, timeout: float = CLOSE_TIMEOUT_S) -> None:
        """Send what is queued (the last report marked final) and stop the sender, waiting <= timeout s."""
        try:
            thread = self._thread
            if thread is None or not thread.is_alive():
                return
            marker = _Close(final)
            self._deadline = time.monotonic() + max(0.0, timeout)
            self._put(marker)
            self._closing.set()
            marker.done.wait(max(0.0, timeout))
        except Exception:
            pass

    def __enter__(self) -> "CurveTriageWatch":
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.close(final=exc_type is None)
        return False

    def __getattr__(self, name: str) -> Any:
        # any other framework hook (on_*) is a no-op, so a new Keras / HF event never breaks training
        if name.startswith("on_"):
            return _noop
        raise AttributeError(name)

    # -- queueing (training thread) ---------------------------------------------------------------------
    def _enqueue(self, epoch: Any, metrics: Dict[str, Any]) -> None:
        if self._disabled:
            return
        try:
            e = int(epoch)
        except Exception:
            return self._once("epoch %r is not a whole number: report skipped" % (epoch,))
        if e < 0 or e > MAX_EPOCH:
            return self._once("epoch %d is outside 0..%d: report skipped" % (e, MAX_EPOCH))
        clean = {}  # type: Dict[str, Any]
        for key, value in metrics.items():
            name = str(key)[:MAX_METRIC_NAME]
            v = _number(value)
            if not name or v is _SKIP:
                continue
            if len(clean) >= MAX_METRICS and name not in clean:
                self._once("more than %d metrics: the rest are not sent" % MAX_METRICS)
                break
            clean[name] = v
        if not clean:
            return None
        self._ensure_thread()
        self._put({"epoch": e, "metrics": clean})
        return None

    def _put(self, item: Any) -> None:
        try:
            self._queue.put_nowait(item)
            return
        except queue.Full:
            pass
        try:
            self._queue.get_nowait()  # drop the oldest: the newest epochs matter most
            self._count(dropped=1)
        except queue.Empty:
            pass
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            self._count(dropped=1)

    def _count(self, sent: int = 0, dropped: int = 0) -> None:
        with self._count_lock:  # both threads count: keep sent + dropped exact
            self.sent += sent
            self.dropped += dropped

    def _ensure_thread(self) -> None:
        thread = self._thread
        if thread is not None and thread.is_alive() and not self._closing.is_set():
            return
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                if not self._closing.is_set():
                    return
                # a report after close(): a fresh sender (the old one ends after its close marker)
            self._closing.clear()
            self._thread = threading.Thread(target=self._run, name="curve-triage-watch", daemon=True)
            self._thread.start()

    def _once(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            _warn(message)

    def _at_exit(self) -> None:
        self.close(final=False, timeout=ATEXIT_TIMEOUT_S)

    # -- sending (daemon thread) ------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            try:
                first = self._queue.get()
                wait = self._next_send - time.monotonic()
                if wait > 0 and not self._closing.is_set():
                    self._closing.wait(wait)  # pace requests: what arrives meanwhile rides along
                items = [first]
                while len(items) < QUEUE_SIZE:
                    try:
                        items.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                if self._handle(items):
                    return
            except Exception:
                pass  # never die: the next report gets a fresh try

    def _handle(self, items: List[Any]) -> bool:
        """Send the reports in items; True when a close marker was among them (the thread ends)."""
        reports = [i for i in items if isinstance(i, dict)]
        closes = [i for i in items if isinstance(i, _Close)]
        resent = False
        try:
            if closes and closes[-1].final:
                if reports:
                    reports[-1]["final"] = True
                elif self._last_sent is not None and not self._last_sent.get("final"):
                    reports.append(dict(self._last_sent, final=True))  # the server keeps one row per epoch
                    resent = True
            if reports and not self._disabled:
                self._send(reports, resent)
            elif reports:
                self._count(dropped=len(reports))
        finally:
            for c in closes:
                c.done.set()  # close() never waits on a marker that went missing
        return bool(closes)

    def _send(self, reports: List[Dict[str, Any]], resent: bool = False) -> None:
        """Send in requests of <= 200 reports and <= 64 KB; resent: the last one was counted already."""
        start = 0
        while start < len(reports):
            n = min(MAX_REPORTS_PER_REQUEST, len(reports) - start)
            body = self._body(reports[start : start + n])
            while len(body) > MAX_BODY_BYTES and n > 1:
                n = max(1, n // 2)
                body = self._body(reports[start : start + n])
            chunk = reports[start : start + n]
            counted = n - 1 if resent and start + n == len(reports) else n
            if self._post_with_retries(body):
                self._count(sent=counted)
                self._last_sent = chunk[-1]
            else:
                self._count(dropped=counted)
            start += n

    def _body(self, reports: List[Dict[str, Any]]) -> bytes:
        payload = {"run": self.run, "reports": reports}  # type: Dict[str, Any]
        planned = self.epochs
        if isinstance(planned, int) and not isinstance(planned, bool) and 1 <= planned <= MAX_EPOCH:
            payload["epochs"] = planned
        return json.dumps(payload, separators=(",", ":")).encode("utf-8")  # NaN/Infinity: the server reads them

    def _post_with_retries(self, body: bytes) -> bool:
        attempt = 0
        while True:
            status, retry_after, detail = self._post(body)
            self._next_send = time.monotonic() + MIN_INTERVAL_S
            if status == 200:
                self._failing = False
                return True
            if status in (401, 403):
                self._disabled = "the server refused the token (HTTP %d%s); live watch is off" % (status, detail)
                _warn(self._disabled)
                return False
            if status in (400, 413):
                self._fail("the server rejected a report (HTTP %d%s); dropped" % (status, detail))
                return False
            closing = self._closing.is_set()
            if attempt >= len(BACKOFF_S) or (closing and status is None):
                what = "HTTP %d" % status if status else "unreachable"
                self._fail("could not send to %s (%s%s); dropped and carrying on" % (self.endpoint, what, detail))
                return False
            delay = retry_after if (status == 429 and retry_after is not None) else BACKOFF_S[attempt]
            attempt += 1
            if closing:
                left = self._deadline - time.monotonic()
                if delay > left:
                    self._fail("gave up at close (HTTP %s%s); dropped" % (status, detail))
                    return False
                time.sleep(delay)
            elif self._closing.wait(delay):
                continue  # close() was called: retry now, then give up quickly

    def _fail(self, message: str) -> None:
        if not self._failing:
            self._failing = True
            _warn(message)

    def _post(self, body: bytes):
        """One POST: (status or None when unreachable, Retry-After seconds or None, detail text)."""
        req = urllib.request.Request(self.endpoint, data=body, method="POST")
        req.add_header("Authorization", "Bearer " + self.token)
        req.add_header("Content-Type", "application/json")
        req.add_header("User-Agent", "curve-triage-watch/" + __version__)
        timeout = REQUEST_TIMEOUT_S
        if self._closing.is_set():
            timeout = max(0.5, min(timeout, self._deadline - time.monotonic()))
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                answer = resp.read(65536)
                status = resp.status
        except urllib.error.HTTPError as err:
            return err.code, _retry_after(err.headers), _detail(err)
        except Exception as err:  # refused, DNS, timeout, TLS...
            return None, None, ": %s" % (type(err).__name__,)
        try:
            if json.loads(answer.decode("utf-8")).get("stop") is True:
                self._stop.set()
        except Exception:
            pass
        return status, None, ""

    # -- Keras (model.fit(callbacks=[watch])) -----------------------------------------------------------
    def set_model(self, model: Any) -> None:
        self.model = model

    def set_params(self, params: Any) -> None:
        self.params = params
        try:
            planned = params.get("epochs") if params else None
            if self.epochs is None and isinstance(planned, int):
                self.epochs = planned
        except Exception:
            pass

    def _implements_train_batch_hooks(self) -> bool:  # tf.keras (Keras 2) asks every callback
        return False

    def _implements_test_batch_hooks(self) -> bool:
        return False

    def _implements_predict_batch_hooks(self) -> bool:
        return False

    def _keras_epoch_end(self, epoch: Any, logs: Any) -> None:
        self.report(epoch, dict(logs or {}))
        if self._stop.is_set() and self.model is not None:
            try:
                self.model.stop_training = True
            except Exception:
                pass

    # -- hooks shared by name: Keras (epoch, logs), HF (args, state, control, **kw), Lightning (trainer, module)
    def on_epoch_end(self, *args: Any, **kw: Any) -> Any:
        try:
            if len(args) >= 3 or "state" in kw:
                return self._hf_epoch_end(*args, **kw)
            self._keras_epoch_end(args[0] if args else kw.get("epoch"), args[1] if len(args) > 1 else kw.get("logs"))
        except Exception:
            pass
        return None

    def on_train_end(self, *args: Any, **kw: Any) -> Any:
        try:
            if len(args) >= 3 or "state" in kw:
                return self._hf_train_end(*args, **kw)
            self.close(final=True)
        except Exception:
            pass
        return None

    # Keras hooks it calls on every callback: no-ops marked default (keeps Keras 3's async dispatch)
    on_train_begin = on_epoch_begin = on_batch_begin = on_batch_end = _noop
    on_train_batch_begin = on_train_batch_end = on_test_begin = on_test_end = _noop
    on_test_batch_begin = on_test_batch_end = on_predict_begin = on_predict_end = _noop
    on_predict_batch_begin = on_predict_batch_end = _noop

    # -- PyTorch Lightning (wrap with lightning_callback(watch) on Lightning >= 2) ------------------------
    def on_train_epoch_end(self, trainer: Any, pl_module: Any = None) -> None:
        try:
            if getattr(trainer, "sanity_checking", False):
                return
            planned = getattr(trainer, "max_epochs", None)
            if self.epochs is None and isinstance(planned, int) and planned > 0:
                self.epochs = planned
            metrics = dict(getattr(trainer, "callback_metrics", None) or {})
            self.report(getattr(trainer, "current_epoch", 0), metrics)
            self._lightning_stop(trainer)
        except Exception:
            pass

    def on_validation_epoch_end(self, trainer: Any, pl_module: Any = None) -> None:
        # Lightning >= 2 runs the epoch's validation before on_train_epoch_end, whose callback_metrics
        # then hold both: the report goes there; here only a pending stop is applied
        self._lightning_stop(trainer)

    def on_fit_end(self, trainer: Any = None, pl_module: Any = None) -> None:
        self.close(final=True)

    def _lightning_stop(self, trainer: Any) -> None:
        if self._stop.is_set():
            try:
                trainer.should_stop = True
            except Exception:
                pass

    # -- Hugging Face transformers.Trainer(callbacks=[watch]) ---------------------------------------------
    def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **kw: Any) -> Any:
        try:
            logs = dict(logs or {})
            if logs and not any(k.endswith("train_runtime") for k in logs):  # skip the end-of-run summary
                self._hf_pending.update(_hf_metrics(logs))
                evaluated = any(str(k).startswith("eval_") for k in logs)
                if evaluated and self._hf_waiting is not None:
                    self._hf_flush()
        except Exception:
            pass
        return self._hf_control(control)

    def on_step_end(self, args: Any, state: Any, control: Any, **kw: Any) -> Any:
        return self._hf_control(control)

    def _hf_epoch_end(self, args: Any, state: Any, control: Any, **kw: Any) -> Any:
        planned = getattr(state, "num_train_epochs", None) or getattr(args, "num_train_epochs", None)
        if self.epochs is None and planned:
            self.epochs = int(planned)
        if self._hf_waiting is not None:
            self._hf_flush()  # the previous epoch's evaluation never came
        self._hf_waiting = max(0, int(round(float(getattr(state, "epoch", 0) or 0))) - 1)
        strategy = getattr(args, "eval_strategy", None) or getattr(args, "evaluation_strategy", None)
        if str(getattr(strategy, "value", strategy)).lower() != "epoch":
            self._hf_flush()  # no evaluation follows the epoch: report now
        return self._hf_control(control)

    def _hf_train_end(self, args: Any, state: Any, control: Any, **kw: Any) -> Any:
        if self._hf_waiting is not None:
            self._hf_flush()
        self.close(final=True)
        return self._hf_control(control)

    def _hf_flush(self) -> None:
        epoch, self._hf_waiting = self._hf_waiting, None
        metrics, self._hf_pending = self._hf_pending, {}
        if epoch is not None:
            self.report(epoch, metrics)

    def _hf_control(self, control: Any) -> Any:
        if control is not None and self._stop.is_set():
            try:
                control.should_training_stop = True
            except Exception:
                pass
        return control


def _hf_metrics(logs: Dict[str, Any]) -> Dict[str, Any]:
    """HF log keys as curve names: eval_loss -> val_loss; timings and counters left out."""
    out = {}
    for key, value in logs.items():
        k = str(key)
        if k in _HF_SKIP_KEYS or k.endswith(_HF_SKIP_SUFFIXES):
            continue
        out["val_" + k[5:] if k.startswith("eval_") else k] = value
    return out


def _retry_after(headers: Any) -> Optional[float]:
    try:
        value = float(headers.get("Retry-After"))
    except Exception:
        return None  # absent, or an HTTP date: use the backoff
    return min(max(0.0, value), MAX_RETRY_AFTER_S)


def _detail(err: Any) -> str:
    try:
        text = err.read(2048).decode("utf-8", "replace")
        message = json.loads(text).get("error")
        return ": " + str(message)[:200] if message else ""
    except Exception:
        return ""


# -- framework base classes, imported only when asked for --------------------------------------------------
def _import_base(*candidates):
    import importlib

    for module, name in candidates:
        try:
            return getattr(importlib.import_module(module), name)
        except Exception:
            continue
    return None


def keras_callback(watch: Optional[CurveTriageWatch] = None, **kw: Any) -> Any:
    """The watch as a real keras.callbacks.Callback subclass (Keras 3 or tf.keras); the duck-typed watch
    itself when neither is importable. Only needed if your Keras rejects plain objects."""
    watch = watch or CurveTriageWatch(**kw)
    base = _import_base(("keras.callbacks", "Callback"), ("tensorflow.keras.callbacks", "Callback"))
    if base is None:
        return watch

    class CurveTriageKeras(base):
        def on_epoch_end(self, epoch, logs=None):
            watch.set_model(self.model)
            watch.set_params(self.params)
            watch.on_epoch_end(epoch, logs)

        def on_train_end(self, logs=None):
            watch.on_train_end(logs)

    cb = CurveTriageKeras()
    cb.watch = watch
    return cb


def lightning_callback(watch: Optional[CurveTriageWatch] = None, **kw: Any) -> Any:
    """The watch as a lightning.pytorch.Callback (or pytorch_lightning.Callback) subclass: Lightning >= 2
    checks callbacks with isinstance. The duck-typed watch when neither package is importable."""
    watch = watch or CurveTriageWatch(**kw)
    base = _import_base(("lightning.pytorch", "Callback"), ("pytorch_lightning", "Callback"))
    if base is None:
        return watch

    class CurveTriageLightning(base):
        def on_train_epoch_end(self, trainer, pl_module):
            watch.on_train_epoch_end(trainer, pl_module)

        def on_validation_epoch_end(self, trainer, pl_module):
            watch.on_validation_epoch_end(trainer, pl_module)

        def on_fit_end(self, trainer, pl_module):
            watch.on_fit_end(trainer, pl_module)

    cb = CurveTriageLightning()
    cb.watch = watch
    return cb


def huggingface_callback(watch: Optional[CurveTriageWatch] = None, **kw: Any) -> Any:
    """The watch as a transformers.TrainerCallback subclass (recent transformers accept the watch
    itself); the duck-typed watch when transformers is not importable."""
    watch = watch or CurveTriageWatch(**kw)
    base = _import_base(("transformers", "TrainerCallback"))
    if base is None:
        return watch

    class CurveTriageHF(base):
        def on_log(self, args, state, control, logs=None, **k):
            return watch.on_log(args, state, control, logs=logs, **k)

        def on_step_end(self, args, state, control, **k):
            return watch.on_step_end(args, state, control, **k)

        def on_epoch_end(self, args, state, control, **k):
            return watch.on_epoch_end(args, state, control, **k)

        def on_train_end(self, args, state, control, **k):
            return watch.on_train_end(args, state, control, **k)

    cb = CurveTriageHF()
    cb.watch = watch
    return cb
