#!/usr/bin/env python
"""Distinct paths: rejection sampling keeping up to K distinct verified paths per question, against keeping 1, on
the same questions, model, N and seed, in one run.

keep 1 : the classic recipe, the first verified path of a question and the sampling of that question stops.
keep K : up to K paths per question that state different equations (the task's `equations`), sampling goes on
         until K are kept or N are drawn.
Printed: questions solved, rows kept, sampling seconds, rows per sampling second, and the ratio of the two rates
(what each sampling second buys), and the preference pairs each run's rejected samples give.
Usage: python bench/bench_keep.py [--questions 32] [--n 8] [--keep 4]"""
import argparse, os, tempfile, time
from pathlib import Path
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import torch
from sftkit.llm import make_generator, cpu_summary
from sftkit.rft import generate_dataset
from sftkit.units import load_questions

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", type=int, default=32); ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--keep", type=int, default=4)
    a = ap.parse_args()
    gen, qs = make_generator("bundled"), load_questions(limit=a.questions)
    gen.generate([[{"role": "user", "content": "Hi"}]], max_new_tokens=2)   # the cold start is not either run's cost
    reps = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k in (1, a.keep):
            t = time.perf_counter()
            rep = generate_dataset(Path(tmp)/f"keep{k}"/"rft.json", questions=qs, generator=gen, n=a.n, keep=k,
                                   pairs=Path(tmp)/f"keep{k}"/"pairs.jsonl", progress=False)
            reps[k] = {**rep, "wall": time.perf_counter() - t}
    print(f"\n{a.questions} training questions, up to {a.n} samples each, answer + every step verified; "
          f"{gen.model.dtype} on {cpu_summary()}, {torch.get_num_threads()} threads")
    print(f"{'':8s} {'solved':>7s} {'rows':>5s} {'pairs':>6s} {'samples':>8s} {'seconds':>8s} {'rows/s':>8s}")
    for k, r in reps.items():
        print(f"keep {k:<3d} {r['questions'] - r['rejected']:7d} {r['qa_pairs']:5d} {r['pairs']:6d} {r['samples_drawn']:8d} "
              f"{r['wall']:8.1f} {r['qa_pairs'] / r['wall']:8.3f}")
    one, many = reps[1], reps[a.keep]
    print(f"keep {a.keep} vs keep 1: {many['qa_pairs'] / max(one['qa_pairs'], 1):.2f}x rows for "
          f"{many['wall'] / one['wall']:.2f}x the sampling time: {(many['qa_pairs'] / many['wall']) / max(one['qa_pairs'] / one['wall'], 1e-9):.2f}x rows per sampling second")

if __name__ == "__main__":
    main()
