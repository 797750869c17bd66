"""Contact sheets of the curve zoo: a grid of base-run curves for a random sample per label.

  /usr/bin/python3 scripts/zoo/sheets.py [bench/zoo/zoo.jsonl.gz] [out_dir] [per_label] [seed]

Each panel: loss (blue) and val_loss (orange) of the base run on a log axis (NaN epochs marked red at the
top); the title gives id, intended pattern, label (* = borderline, acceptable labels after /) and the
help of each remedy (U unstable, F underfitting, O overfitting, V high variance) and the threshold.
"""
import gzip
import json
import math
import random
import sys
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LABELS = ["good_fit", "overfitting", "underfitting", "high_variance", "unstable"]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "bench/zoo/zoo.jsonl.gz"
    out = sys.argv[2] if len(sys.argv) > 2 else "/work/notes/zoo-sheets"
    per = int(sys.argv[3]) if len(sys.argv) > 3 else 24
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    by = sys.argv[5] if len(sys.argv) > 5 else "label"  # or "intended": sheets per intended pattern
    os.makedirs(out, exist_ok=True)
    recs = [json.loads(l) for l in gzip.open(path, "rt") if l.strip()]
    rnd = random.Random(seed)
    for lab in LABELS:
        rs = [r for r in recs if r[by] == lab]
        rnd.shuffle(rs)
        rs = rs[:per]
        if not rs:
            continue
        cols = 6
        rows = math.ceil(len(rs) / cols)
        fig, axes = plt.subplots(rows, cols, figsize=(cols * 3.2, rows * 2.5), squeeze=False)
        for ax in axes.flat:
            ax.set_visible(False)
        for i, r in enumerate(rs):
            ax = axes.flat[i]
            ax.set_visible(True)
            h = r["history"]
            for key, col in (("loss", "tab:blue"), ("val_loss", "tab:orange")):
                ys = h[key]
                xs = [j + 1 for j, v in enumerate(ys) if v is not None and v > 0]
                vs = [v for v in ys if v is not None and v > 0]
                ax.plot(xs, vs, color=col, lw=1.1)
                bad = [j + 1 for j, v in enumerate(ys) if v is None]
                if bad:
                    ax.scatter(bad, [max(vs) if vs else 1] * len(bad), color="red", marker="x", s=14)
            ax.set_yscale("log")
            rem = r["remedies"]
            hs = " ".join(f"{k[0].upper() if k != 'underfitting' else 'F'}{rem[k]['help']:+.2f}" for k in ("unstable", "underfitting", "overfitting", "high_variance"))
            hs = hs.replace("H", "V")
            acc = "/".join(a for a in r["acceptable"] if a != r["label"])
            title = f"{r['id']} int:{r['intended'][:5]} {r['task'][:3]}\n{r['label']}{'*' if r['borderline'] else ''}{'/' + acc if acc else ''} t{r['margins']['threshold']:.2f}\n{hs}"
            ax.set_title(title, fontsize=6.5)
            ax.tick_params(labelsize=6)
        fig.suptitle(f"{by} {lab}: {len(rs)} of {sum(1 for r in recs if r[by] == lab)} (blue loss, orange val_loss)", fontsize=10)
        fig.tight_layout()
        name = f"{lab}.png" if by == "label" else f"{by}-{lab}.png"
        fig.savefig(os.path.join(out, name), dpi=80)
        plt.close(fig)
        print(os.path.join(out, name), len(rs))


if __name__ == "__main__":
    main()
