#!/usr/bin/env python
"""Rejection sampling: the baselines against sftkit's sampler, on the same questions, model, N and seed, in one run.

classic      : one question at a time, model.generate(num_return_sequences=N, do_sample=True) (the seed's datagen.py).
cache decoder: LocalGenerator(decoder="cache"), sftkit's previous sampler and the baseline of the 2x target:
               questions batched, each prompt's DynamicCache copied for its N samples, grown by torch.cat each step.
shared       : LocalGenerator() as sftkit runs it now: the few-shot block computed once per batch, each question's
               tail once for its N samples, each sample's tokens in a preallocated buffer (nbs/01_llm.ipynb).
The two sftkit decoders draw with the same per-sample seeds, so the bench also counts how many samples are identical.
Cold start: the shared decoder's first call in this fresh process, then the same call again (warm).
Success is printed two ways: the answer check alone, and answer + every stated step (sftkit's default).
Usage: python bench/bench_rft.py [--questions 16] [--n 8] [--no-classic]"""
import argparse, os, time
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import torch
from sftkit.llm import load_model, cpu_summary
from sftkit.local import LocalGenerator
from sftkit.prompts import CoTPrompt
from sftkit.units import load_questions, answer_verifier, step_verifier, UNITS_TASK
from sftkit.tasks import verify

def classic(model, tok, qs, n, temperature, max_new_tokens):
    prompt, texts = CoTPrompt(), []
    for q in qs:
        ids = tok.apply_chat_template(prompt(q.question), add_generation_prompt=True, return_tensors="pt", return_dict=True)
        out = model.generate(**ids, do_sample=True, temperature=temperature, top_k=0, max_new_tokens=max_new_tokens,
                             num_return_sequences=n, pad_token_id=tok.pad_token_id)
        texts.append([tok.decode(o[ids["input_ids"].shape[1]:], skip_special_tokens=True) for o in out])
    return texts

def success(qs, outs, steps: bool) -> float:
    "Share of questions with at least one sample that passes the answer check (and, with `steps`, the step check)."
    checks = [answer_verifier()] + ([step_verifier()] if steps else [])
    return sum(any(verify(q.question, q.answer, UNITS_TASK.close(s), checks)[0] for s in row) for q, row in zip(qs, outs)) / len(qs)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", type=int, default=16); ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--max_new_tokens", type=int, default=96); ap.add_argument("--temperature", type=float, default=0.7)
    ap.add_argument("--no-classic", dest="classic", action="store_false", help="skip the slow model.generate baseline")
    a = ap.parse_args()
    qs = load_questions(limit=a.questions)
    model, tok = load_model()
    prompts = [CoTPrompt()(q.question) for q in qs]
    kw = dict(n=a.n, temperature=a.temperature, max_new_tokens=a.max_new_tokens, stop=["</answer>"], seed=1)
    rows = []
    # the cold start: the first call of a fresh process (every CLI run, and the main job's round 0), against the
    # same call once warm; the shared decoder as sftkit runs it, on the first 4 questions
    first, cold_kw = LocalGenerator(model, tok), dict(kw, seed=2)
    t = time.perf_counter(); first.generate(prompts[:4], **cold_kw); cold = time.perf_counter() - t
    t = time.perf_counter(); first.generate(prompts[:4], **cold_kw); warm = time.perf_counter() - t
    if a.classic:
        torch.manual_seed(0)
        t = time.perf_counter(); c = classic(model, tok, qs, a.n, a.temperature, a.max_new_tokens)
        rows.append(("classic model.generate", c, time.perf_counter() - t))
    runs = {}
    for name, gen in [("sftkit cache decoder (before)", LocalGenerator(model, tok, decoder="cache")),
                      ("sftkit shared decoder (now)", LocalGenerator(model, tok))]:
        gen.shared  # the one-time architecture check is not part of the timing
        t = time.perf_counter(); runs[name] = gen.generate(prompts, **kw); rows.append((name, runs[name], time.perf_counter() - t))
    print(f"{len(qs)} questions x {a.n} samples, CoT prompt ({len(LocalGenerator(model, tok).encode(prompts[0]))} tokens), "
          f"temperature {a.temperature}, up to {a.max_new_tokens} new tokens; {model.dtype} on {cpu_summary()}, "
          f"{torch.get_num_threads()} threads")
    print(f"{'':30s} {'samples':>8s} {'seconds':>8s} {'samples/s':>10s} {'success (answer)':>17s} {'success (answer+steps)':>23s}")
    for name, outs, s in rows:
        d = sum(len(r) for r in outs)
        print(f"{name:30s} {d:8d} {s:8.1f} {d/s:10.2f} {success(qs, outs, False):17.1%} {success(qs, outs, True):23.1%}")
    (_, before, tb), (_, now, tn) = rows[-2], rows[-1]
    same = sum(x == y for rb, rn in zip(before, now) for x, y in zip(rb, rn))
    print(f"shared vs cache decoder: {tb/tn:.2f}x samples/s (target >= 2x); identical samples {same}/{sum(map(len, now))} (same seeds)")
    if a.classic: print(f"shared decoder vs classic model.generate: {rows[0][2]/tn:.2f}x samples/s")
    print(f"cold start: the first call of this process {4 * a.n / cold:.2f} samples/s, the same call warm "
          f"{4 * a.n / warm:.2f} samples/s ({cold / warm:.1f}x slower cold; 4 questions x {a.n} samples)")

if __name__ == "__main__":
    main()
