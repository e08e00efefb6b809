#!/usr/bin/env python
"""The same RFT sampling job on the local engine and on Ray, side by side in one run.

The job: the bundled model, 32 unit questions x 8 samples (`generate_dataset`, chunks of 4 questions, the example
pool fixed so every engine runs the same work). Runs it here (`engine=None`), then on a local Ray cluster with 1 and
2 actors (one CPU and one torch thread each), and prints samples/s, the ratio to local, and Ray's start-up cost
(the cluster's start; the actors' start and model load are inside the Ray rows).
On a 2-core machine expect little or no gain: the local engine already uses both cores; the point of Ray is that
the same command runs on a cluster. Usage: python bench/bench_engine.py [--quick] (8 questions)"""
import os, sys, tempfile, time
from pathlib import Path
os.environ.setdefault("HF_HUB_OFFLINE", "1")
from sftkit.engine import RayEngine
from sftkit.llm import GeneratorSpec
from sftkit.llm import cpu_summary
from sftkit.rft import generate_dataset

def run(out:Path, engine, limit:int) -> tuple[float, int]:
    "(seconds, samples drawn)"
    t0 = time.time()
    rep = generate_dataset(out, generator=GeneratorSpec(), limit=limit, n=8, chunk_size=4, grow_pool=False,
                           progress=False, engine=engine)
    return time.time() - t0, rep["samples_drawn"]

def main():
    limit = 8 if "--quick" in sys.argv else 32
    tmp = Path(tempfile.mkdtemp())
    print(f"machine: {cpu_summary()}; job: {limit} questions x 8 samples, chunks of 4")
    import ray
    t0 = time.time()
    RayEngine().start()
    start = time.time() - t0
    print(f"Ray: a local cluster started in {start:.1f} s")
    rows = []
    for name, engine in [("local", None), ("ray, 1 actor", RayEngine(actors=1)), ("ray, 2 actors", RayEngine(actors=2))]:
        secs, samples = run(tmp / f"{name.replace(' ', '_').replace(',', '')}.jsonl", engine, limit)
        rows.append((name, secs, samples))
    ray.shutdown()
    base = rows[0][2] / rows[0][1]
    print(f"\n{'engine':16s} {'seconds':>8s} {'samples':>8s} {'samples/s':>10s} {'vs local':>9s}")
    for name, secs, samples in rows:
        print(f"{name:16s} {secs:8.1f} {samples:8d} {samples / secs:10.2f} {samples / secs / base:8.2f}x")
    print("(ray rows include the actors' start and model load, about as long as a chunk here; the cluster "
          f"start, {start:.1f} s, is not in them)")

if __name__ == "__main__":
    main()
