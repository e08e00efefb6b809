#!/usr/bin/env python
"""The first sampler: the base model with worked examples in its prompt (the classic RFT round 0) against a model
fine-tuned briefly on the task's worked examples that samples with the question alone, on the same questions, N
and seed, in one run.

few-shot : the base model, the task's prompt (the unit task: 5 worked examples chosen per question).
warm     : LoRA on the task's worked examples for --steps steps (the unit task's pool: 271), then the question alone.
Printed: questions solved, verified paths, sampling seconds, training seconds, and verified paths per second, the warm
start's counted with and without its training (which a run pays once, and later rounds reuse).
Usage: python bench/bench_first_sampler.py [--questions 32] [--n 8] [--steps 40]"""
import argparse, json, os, tempfile, time
from pathlib import Path
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import torch
from sftkit.llm import make_generator, cpu_summary
from sftkit.rft import generate_dataset, question_only
from sftkit.pipeline import warm_start_data, trained_model
from sftkit.train import train
from sftkit.units import load_questions, UNITS_TASK

def sample(gen, qs, out, n, prompt=None) -> dict:
    t = time.perf_counter()
    rep = generate_dataset(out, questions=qs, generator=gen, n=n, prompt=prompt, progress=False)
    return {**rep, "wall": time.perf_counter() - t}

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", type=int, default=32); ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--steps", type=int, default=40)
    a = ap.parse_args()
    gen, qs = make_generator("bundled"), load_questions(limit=a.questions)
    gen.generate([[{"role": "user", "content": "Hi"}]], max_new_tokens=2)   # the cold start is not either run's cost
    bf16 = gen.model.dtype == torch.bfloat16
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        few = sample(gen, qs, tmp/"few"/"rft.json", a.n)
        t = time.perf_counter()
        rep = train(warm_start_data(UNITS_TASK, tmp/"warm.json"), tmp/"warm_model", max_steps=a.steps, batch_size=4,
                    grad_accum=1, learning_rate=1e-3, save_strategy="no", merge=False, bf16=bf16, progress=False)
        train_secs = time.perf_counter() - t
        warm = sample(make_generator(trained_model(rep), dtype=str(gen.model.dtype).replace("torch.", "")), qs,
                      tmp/"warm"/"rft.json", a.n, prompt=question_only)
    print(f"\n{a.questions} training questions, up to {a.n} samples each, answer + every step verified; "
          f"{gen.model.dtype} on {cpu_summary()}, {torch.get_num_threads()} threads")
    print(f"{'':9s} {'solved':>7s} {'paths':>6s} {'samples':>8s} {'sample s':>9s} {'train s':>8s} {'paths/s':>8s} {'with training':>14s}")
    for name, r, ts in (("few-shot", few, 0.0), ("warm", warm, train_secs)):
        print(f"{name:9s} {r['questions'] - r['rejected']:7d} {r['qa_pairs']:6d} {r['samples_drawn']:8d} {r['wall']:9.1f} "
              f"{ts:8.1f} {r['qa_pairs'] / r['wall']:8.3f} {r['qa_pairs'] / (r['wall'] + ts):14.3f}")
    rate = lambda r, s=0.0: r["qa_pairs"] / (r["wall"] + s)
    print(f"warm vs few-shot: {rate(warm) / max(rate(few), 1e-9):.2f}x verified paths per sampling second; "
          f"{rate(warm, train_secs) / max(rate(few), 1e-9):.2f}x counting the warm start's {a.steps} training steps")

if __name__ == "__main__":
    main()
