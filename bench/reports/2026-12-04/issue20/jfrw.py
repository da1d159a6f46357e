#!/usr/bin/env python3
# jfrw.py FILE.jfr: the sqlite-writer's execution + native samples, attributed to the first
# org.chapar frame below the JDBC driver (which statement / repository method), and top frames.
import subprocess, sys, re, collections
f = sys.argv[1]
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample", "--stack-depth", "64", f],
                     capture_output=True, text=True).stdout
events = out.split("\njdk.")
by_repo = collections.Counter(); top = collections.Counter(); kinds = collections.Counter()
n = 0
for ev in events:
    if 'sqlite-writer' not in ev:
        continue
    kind = 'native' if ev.startswith('NativeMethodSample') or 'NativeMethodSample' in ev[:40] else 'exec'
    frames = re.findall(r'^\s+([\w$.<>/]+)\(', ev, re.M)
    if not frames:
        continue
    n += 1
    kinds[kind] += 1
    top[(kind, frames[0])] += 1
    repo = next((fr for fr in frames if fr.startswith('org.chapar') and 'JdbcStatements' not in fr and 'store.sqlite.SqliteSession' not in fr), '?')
    by_repo[(kind, repo)] += 1
print("writer samples", n, dict(kinds))
print("-- by first chapar frame")
for (k, r), c in by_repo.most_common(25): print(f"{c:5} {k:6} {r}")
print("-- top frames")
for (k, r), c in top.most_common(15): print(f"{c:5} {k:6} {r}")
