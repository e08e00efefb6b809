#!/usr/bin/env python
"""Fixed or chosen worked examples, and STaR rationalization: which gives more verified RFT data, on the same questions in one run.

fixed     : the five fixed worked examples of CoTPrompt (sftkit's default before).
chosen    : ChosenCoTPrompt: per question, the 5 closest examples of the pool (unit_pool + the fixed five), closest last;
            verified paths join the pool as the run goes (sftkit's default now).
+ STaR    : in the chosen run, the questions still unsolved are then sampled again with the answer as a hint
            (RFTConfig.rationalize), keeping only hinted paths whose every step is verified and that state at least one
            step. Rationalization only adds to a run, so the chosen figures are those of a run without it.
Every run: generate_dataset with the same questions, seed, n and verifiers (answer + every step).
Usage: python bench/bench_prompts.py [--questions 64] [--n 8] [--no-star]"""
import argparse, os, tempfile, time
from pathlib import Path
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import torch
from sftkit.local import LocalGenerator
from sftkit.llm import cpu_summary
from sftkit.rft import generate_dataset
from sftkit.units import UnitsTask

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", type=int, default=64); ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--no-star", dest="star", action="store_false", help="skip the rationalization run")
    a = ap.parse_args()
    gen = LocalGenerator.from_spec()
    runs = [("fixed", dict(task=UnitsTask(example_choice="fixed"))), ("chosen", dict(task=UnitsTask(), rationalize=a.star))]
    reps = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, kw in runs:
            t = time.perf_counter()
            reps[name] = generate_dataset(Path(tmp)/name/"rft.json", generator=gen, limit=a.questions,
                                          n=a.n, progress=False, **kw)
            reps[name]["wall"] = time.perf_counter() - t
    print(f"\n{a.questions} training questions, up to {a.n} samples each, answer + every step verified; "
          f"{gen.model.dtype} on {cpu_summary()}, {torch.get_num_threads()} threads")
    print(f"{'':14s} {'solved':>7s} {'success':>8s} {'pairs':>6s} {'samples':>8s} {'seconds':>8s} {'samples/s':>10s}  rejected")
    for name, r in reps.items():
        extra = (f"\n{'':14s} STaR: {r['rationalized_questions']} of {r['rejected']} unsolved questions rationalized, "
                 f"{r['rationalized_pairs']} paths from {r['hinted_samples']} hinted samples (included in seconds)") if "rationalized_questions" in r else ""
        print(f"{name:14s} {r['questions'] - r['rejected']:7d} {r['success_rate']:8.1%} {r['qa_pairs']:6d} {r['samples_drawn']:8d} "
              f"{r['wall']:8.1f} {r['samples_drawn'] / r['wall']:10.2f}  {dict(r['samples_rejected'])}{extra}")
    f, c = reps["fixed"], reps["chosen"]
    print(f"chosen vs fixed: {c['questions'] - c['rejected']} vs {f['questions'] - f['rejected']} questions solved of {a.questions}; "
          f"{'chosen' if c['success_rate'] > f['success_rate'] else 'fixed'} examples win")

if __name__ == "__main__":
    main()
