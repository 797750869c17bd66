#!/usr/bin/python3
"""matplotlib side of bench/render/render-bench.ts.

Reads a JSON file (argv[1]) with the series to draw and the image size, draws the same chart as
curve-triage's render (two stacked panels: loss and accuracy, raw thin and faded + EMA-smoothed bold,
best-epoch line, shaded overfitting region, title + subtitle, legends) with the Agg backend into an
in-memory PNG, and times a warm loop. Prints JSON: {"median_ms", "min_ms", "runs", "bytes",
"times_ms"}.
"""
import io
import json
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def ema(y, w):
    out = np.empty_like(y)
    last, debias = 0.0, 1.0
    for i, v in enumerate(y):
        last = last * w + (1 - w) * v
        debias *= w
        out[i] = last / (1 - debias)
    return out


def draw(d):
    x = np.asarray(d["x"], dtype=float)
    fig, (a, b) = plt.subplots(
        2, 1, figsize=(d["width"] / 100, d["height"] / 100), dpi=100,
        gridspec_kw={"height_ratios": [d["loss_height"], d["metric_height"]]}, facecolor="#313338",
    )
    panels = [(a, ("loss", "val_loss"), "loss"), (b, ("accuracy", "val_accuracy"), "accuracy")]
    for ax, keys, ylabel in panels:
        ax.set_facecolor("#313338")
        for key, color in zip(keys, ("#56B4E9", "#E69F00")):
            y = np.asarray(d[key], dtype=float)
            ax.plot(x, y, color=color, alpha=0.38, lw=1.2)
            ax.plot(x, ema(y, d["smoothing"]), color=color, lw=2.6, label=key)
        ax.axvline(d["best_x"], color="#009E73", lw=2.5)
        ax.axvspan(d["overfit_from_x"], x[-1], color="#D55E00", alpha=0.2, lw=0)
        ax.set_ylabel(ylabel, color="#b5bac1", fontsize=15)
        ax.tick_params(colors="#dbdee1", labelsize=15)
        ax.grid(color="#dbdee1", alpha=0.13)
        ax.legend(loc="upper right", fontsize=15, facecolor="#313338", labelcolor="#dbdee1", frameon=False)
        ax.set_xlim(x[0], x[-1])
    a.annotate(d["best_label"], (d["best_x"], 1), xycoords=("data", "axes fraction"), color="white",
               fontsize=14, fontweight="bold", ha="center", va="top", bbox=dict(fc="#009E73", ec="none"))
    b.set_xlabel("epoch", color="#b5bac1", fontsize=15)
    fig.suptitle(d["title"], x=0.01, ha="left", color="#dbdee1", fontsize=24, fontweight="bold")
    a.set_title(d["subtitle"], loc="left", color="#b5bac1", fontsize=16)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", facecolor=fig.get_facecolor())
    plt.close(fig)
    return buf.getvalue()


def main():
    with open(sys.argv[1]) as f:
        d = json.load(f)
    warmup, runs = d.get("warmup", 3), d.get("runs", 30)
    for _ in range(warmup):
        png = draw(d)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        png = draw(d)
        times.append((time.perf_counter() - t) * 1000)
    if d.get("out"):
        with open(d["out"], "wb") as f:
            f.write(png)
    print(json.dumps({"median_ms": statistics.median(times), "min_ms": min(times), "runs": runs, "bytes": len(png), "times_ms": times}))


if __name__ == "__main__":
    main()
