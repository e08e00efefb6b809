#!/usr/bin/env python
"""Chat shard preparation speed and memory, in one run.

Speed: the limit is the tokenizer's own `encode_batch` over the serialized texts of the same conversations, all in
one call (no JSON, no validation, no masks, no files; the texts are made before the clock starts). sftkit's
`prepare_chat` reads the JSONL, validates, renders ids and masks, splits, and writes and checksums the shards.
Target: >= 70% of the limit's tokens/s. Each side runs in a fresh process, three times alternating; the best time
counts. Memory: `prepare_chat`'s peak RSS at 1x and 4x the input should stay flat.
Usage: python bench/bench_shards.py [--conversations 20000] [--dir /tmp/sftkit-bench-shards]"""
import argparse, json, random, subprocess, sys
from pathlib import Path

def make_file(path:Path, n:int, seed:int=0):
    "n conversations made from the sample set, with numbers varied so that the texts differ."
    from sftkit.chat import sample_conversations
    base = [json.loads(l) for l in sample_conversations().read_text().splitlines()]
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            c = json.loads(json.dumps(base[i % len(base)]))
            c["messages"][0]["content"] = f"({i}) " + c["messages"][0]["content"]
            c["messages"][-1]["content"] += f" (ref {rng.randint(0, 10**6)})"
            f.write(json.dumps(c, ensure_ascii=False) + "\n")

CHILD = r'''
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
which, src, out = sys.argv[1:4]
if which == "limit":
    from sftkit.chat import chat_tokenizer, serialize, read_conversations
    tok = chat_tokenizer("bundled"); texts = [serialize(c) for c in read_conversations(src)]
    t = time.perf_counter(); n = sum(len(x) for x in tok.encode_batch(texts)); dt = time.perf_counter() - t
else:
    from sftkit.shards import prepare_chat
    t = time.perf_counter(); n = prepare_chat(src, out, overwrite=True, progress=False)["tokens"]; dt = time.perf_counter() - t
print(json.dumps({"tokens": n, "seconds": dt, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
'''

def child(which, src, out) -> dict:
    r = subprocess.run([sys.executable, "-c", CHILD, which, str(src), str(out)], capture_output=True, text=True)
    if r.returncode: raise SystemExit(r.stderr)
    return json.loads(r.stdout.strip().splitlines()[-1])

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conversations", type=int, default=20000); ap.add_argument("--dir", default="/tmp/sftkit-bench-shards")
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    d = Path(a.dir); d.mkdir(parents=True, exist_ok=True)
    src, big = d/"conv.jsonl", d/"conv4x.jsonl"
    make_file(src, a.conversations); make_file(big, 4 * a.conversations, seed=1)
    print(f"input: {a.conversations} conversations, {src.stat().st_size/2**20:.1f} MiB")
    runs = {"limit": [], "sftkit": []}
    for _ in range(a.repeats):
        for k in runs: runs[k].append(child(k, src, d/"out"))
    lim, ours = (min(runs[k], key=lambda r: r["seconds"]) for k in ("limit", "sftkit"))
    assert lim["tokens"] == ours["tokens"], (lim, ours)  # the same tokens, or the comparison means nothing
    for name, r in (("limit: encode_batch of serialized texts", lim), ("sftkit prepare_chat (JSONL -> shards)", ours)):
        print(f"{name:42s} {r['tokens']/r['seconds']:12,.0f} tokens/s (best {r['seconds']:.2f} s of {[round(x['seconds'], 2) for x in runs['limit' if r is lim else 'sftkit']]})")
    print(f"ratio: {lim['seconds']/ours['seconds']:.0%} of the limit (target >= 70%)")
    m4 = child("sftkit", big, d/"out4")
    print(f"peak RSS of prepare_chat: {ours['peak_mib']:.0f} MiB at {a.conversations} conversations, "
          f"{m4['peak_mib']:.0f} MiB at {4*a.conversations} ({m4['peak_mib']/ours['peak_mib']:.2f}x for 4x the input)")

if __name__ == "__main__": main()
