#!/usr/bin/env python
"""Splitting a large JSONL file: the seed's split_dataset.py approach (readlines, random.shuffle, write), GNU shuf,
and sftkit's split_jsonl, on the same generated file, in one run. Each runs in its own process; peak memory is
that process's max RSS (os.wait4). Target: sftkit at most 1.2x the seed's time with at most 10% of its peak memory.
Usage: python bench/bench_split.py [--mb 600] [--dir /tmp/sftkit-bench-split]"""
import argparse, json, os, random, shutil, subprocess, sys, time
from pathlib import Path

SEED = r'''
import random, sys
src, o1, o2 = sys.argv[1:4]
with open(src, encoding="utf-8") as f: lines = f.readlines()
random.seed(42); random.shuffle(lines)
k = int(len(lines) * 0.5)
with open(o1, "w", encoding="utf-8") as f: f.writelines(lines[:k])
with open(o2, "w", encoding="utf-8") as f: f.writelines(lines[k:])
'''
OURS = "import sys; from sftkit.split import split_jsonl; split_jsonl(sys.argv[1], sys.argv[2], sys.argv[3], progress=False, verbose=False)"

def make_file(path:Path, mb:int):
    if path.exists() and path.stat().st_size >= mb * 2**20: return
    rng, words = random.Random(0), "the model answers every question with a short reasoning and a final answer".split()
    with open(path, "w", encoding="utf-8") as f:
        size, i = 0, 0
        while size < mb * 2**20:
            rec = {"prompt": f"Question {i}: " + " ".join(rng.choices(words, k=rng.randint(20, 80))),
                   "response": "Reasoning: " + " ".join(rng.choices(words, k=rng.randint(40, 120))) + "\n\nAnswer: C"}
            line = json.dumps(rec) + "\n"; f.write(line); size += len(line); i += 1

def run(cmd) -> tuple[float, float]:
    "Wall seconds and peak RSS (MiB) of a child process."
    t = time.perf_counter(); p = subprocess.Popen(cmd)
    _, status, ru = os.wait4(p.pid, 0)
    if status: raise SystemExit(f"{cmd[:3]} failed with status {status}")
    return time.perf_counter() - t, ru.ru_maxrss / 1024

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=600); ap.add_argument("--dir", default="/tmp/sftkit-bench-split")
    a = ap.parse_args()
    d = Path(a.dir); d.mkdir(parents=True, exist_ok=True)
    src = d/"data.jsonl"; make_file(src, a.mb)
    n = sum(1 for _ in open(src, "rb"))
    print(f"input: {src.stat().st_size/2**20:.0f} MiB, {n} lines")
    subprocess.run(["cat", str(src)], stdout=subprocess.DEVNULL)  # warm the page cache for everyone alike
    res = {}
    res["seed (readlines+shuffle)"] = run([sys.executable, "-c", SEED, str(src), str(d/"s1.jsonl"), str(d/"s2.jsonl")])
    if shutil.which("shuf"):
        res["GNU shuf (shuffle only)"] = run(["shuf", str(src), "-o", str(d/"shuf.jsonl")])
    for f in ("o1.jsonl", "o2.jsonl"): (d/f).unlink(missing_ok=True)
    res["sftkit split_jsonl"] = run([sys.executable, "-c", OURS, str(src), str(d/"o1.jsonl"), str(d/"o2.jsonl")])
    print(f"{'':26s} {'seconds':>8s} {'peak MiB':>9s}")
    for k, (t, m) in res.items(): print(f"{k:26s} {t:8.2f} {m:9.0f}")
    (ts, ms), (to, mo) = res["seed (readlines+shuffle)"], res["sftkit split_jsonl"]
    print(f"sftkit / seed: time {to/ts:.2f}x (target <= 1.2x), peak memory {mo/ms:.1%} (target <= 10%)")
    c1 = sum(1 for _ in open(d/"o1.jsonl", "rb")); c2 = sum(1 for _ in open(d/"o2.jsonl", "rb"))
    assert c1 + c2 == n, (c1, c2, n)

if __name__ == "__main__":
    main()
