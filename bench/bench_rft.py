#!/usr/bin/env python
"""Rejection sampling: the classic loop against sftkit's path, on the same questions, model and N, in one run.

classic: one question at a time, model.generate(num_return_sequences=N, do_sample=True), float32, keep the first
         correct completion (the seed's datagen.py).
sftkit : generate_dataset's sampler: questions batched in chunks, each prompt processed once for its N samples;
         (a) always drawing N (round_size = N), (b) adaptive rounds that stop a question once it is solved.
Prints samples/s, success rate and ratios. Usage: python bench/bench_rft.py [--questions 32] [--n 8]"""
import argparse, os, time
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import torch
from sftkit.llm import load_model, LocalGenerator
from sftkit.prompts import CoTPrompt
from sftkit.rft import load_questions, parse_answer, is_answer_valid, sample_chunk, RFTConfig, _close_answer

def classic(model, tok, qs, n, temperature, max_new_tokens):
    prompt, solved, drawn = CoTPrompt(), 0, 0
    for q in qs:
        ids = tok.apply_chat_template(prompt(q.question), add_generation_prompt=True, return_tensors="pt", return_dict=True)
        out = model.generate(**ids, do_sample=True, temperature=temperature, top_k=0, max_new_tokens=max_new_tokens,
                             num_return_sequences=n, pad_token_id=tok.pad_token_id)
        texts = [tok.decode(o[ids["input_ids"].shape[1]:], skip_special_tokens=True) for o in out]
        drawn += len(texts)
        solved += any(is_answer_valid(parse_answer(t), q.answer) for t in texts)
    return solved / len(qs), drawn

def ours(gen, qs, cfg):
    recs = [r for i in range(0, len(qs), cfg.chunk_size) for r in sample_chunk(gen, qs[i:i + cfg.chunk_size], cfg, CoTPrompt())]
    return sum(r["first_correct"] is not None for r in recs) / len(qs), sum(r["drawn"] for r in recs)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", type=int, default=32); ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--max_new_tokens", type=int, default=96); ap.add_argument("--temperature", type=float, default=0.7)
    a = ap.parse_args()
    qs = load_questions(limit=a.questions)
    m32, tok = load_model(dtype="float32")
    torch.manual_seed(0)
    t = time.perf_counter(); c_rate, c_drawn = classic(m32, tok, qs, a.n, a.temperature, a.max_new_tokens); c_t = time.perf_counter() - t
    model, tok = load_model()
    gen = LocalGenerator(model, tok)
    full = RFTConfig(oversample=a.n, round_size=a.n, temperature=a.temperature, max_new_tokens=a.max_new_tokens)
    t = time.perf_counter(); f_rate, f_drawn = ours(gen, qs, full); f_t = time.perf_counter() - t
    adapt = RFTConfig(oversample=a.n, round_size=max(1, a.n // 2), temperature=a.temperature, max_new_tokens=a.max_new_tokens)
    t = time.perf_counter(); a_rate, a_drawn = ours(gen, qs, adapt); a_t = time.perf_counter() - t
    print(f"{len(qs)} questions, N={a.n}, temperature {a.temperature}, max_new_tokens {a.max_new_tokens}; sftkit dtype {model.dtype}")
    print(f"{'':28s} {'samples':>8s} {'seconds':>8s} {'samples/s':>10s} {'success':>8s}")
    for name, d, s, r in [("classic (1 q at a time, f32)", c_drawn, c_t, c_rate), ("sftkit, always N", f_drawn, f_t, f_rate),
                          (f"sftkit, adaptive (rounds of {adapt.round_size})", a_drawn, a_t, a_rate)]:
        print(f"{name:28s} {d:8d} {s:8.1f} {d/s:10.2f} {r:8.1%}")
    print(f"throughput ratio (sftkit always-N vs classic samples/s): {(f_drawn/f_t)/(c_drawn/c_t):.2f}x (target >= 4x)")
    print(f"time ratio (classic vs sftkit adaptive, same questions): {c_t/a_t:.2f}x")
    print(f"adaptive vs always-N: {1 - a_drawn/f_drawn:.0%} fewer samples, {1 - a_t/f_t:.0%} less time, success {a_rate:.1%} vs {f_rate:.1%}")

if __name__ == "__main__":
    main()
