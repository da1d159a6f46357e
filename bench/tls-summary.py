#!/usr/bin/env python3
"""Medians of bench/tls-compare's runs: bench/tls-summary.py [DIR] (default bench/target/tls-compare)."""
import glob, json, os, statistics, sys
d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "target/tls-compare")
runs = {}
for f in sorted(glob.glob(os.path.join(d, "*.json"))):
    name = os.path.basename(f).rsplit("-", 1)[0]          # idle-plain, idle-openssl, direct-plain...
    for r in json.load(open(f))["results"]:
        for m, v in r["metrics"].items():
            runs.setdefault(name, {}).setdefault(m, []).append((v["value"], v["unit"]))
for name, metrics in runs.items():
    print(f"== {name} ({len(next(iter(metrics.values())))} runs)")
    for m, vs in metrics.items():
        vals = [v for v, _ in vs]
        print(f"  {m:32s} {statistics.median(vals):12.2f} {vs[0][1]:10s} runs: {', '.join(f'{v:.2f}' for v in vals)}")
