# Benchmark child for the pandas baseline: /usr/bin/python3 pandas_child.py <file> <mode> [runs]
# mode "time": 1 warm-up + <runs> timed pandas.read_csv calls, median; "cold": one call; "baseline": import only.
import json, resource, statistics, sys, time

file, mode = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
t_import = time.perf_counter()
import pandas as pd
out = {"mode": mode, "import_ms": (time.perf_counter() - t_import) * 1000}
if mode == "cold":
    t0 = time.perf_counter()
    df = pd.read_csv(file)
    out["total_ms"] = (time.perf_counter() - t0) * 1000
    out["rows"] = len(df)
elif mode == "time":
    times = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        df = pd.read_csv(file)
        if i > 0:
            times.append((time.perf_counter() - t0) * 1000)
        del df
    out["total_ms"] = statistics.median(times)
    out["runs"] = runs
out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
