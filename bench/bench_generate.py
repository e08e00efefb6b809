#!/usr/bin/env python
"""Generation throughput on the bundled model, baseline and sftkit side by side in one run.

1. One prompt at a time (n=1) vs a batch of prompts x n samples (sftkit's LocalGenerator). Target >= 5x.
2. transformers' generate(num_return_sequences=n) (the prompt processed n times) vs sftkit's shared prompt
   cache, on a long few-shot prompt, for n = 8 and 15. Target >= 1.5x.
3. The same batched job in bf16 and in f32, the fact behind `pick_dtype` (bf16 only where the CPU has it natively).
4. One sampling step for 128 rows over the 49,152-token vocabulary: Gumbel-max (a random number per vocabulary
   entry, sftkit's earlier sampler) vs sftkit's inverse-CDF sampler (one per row), both with per-row generators.
Prints generated tokens/s and the ratios. Usage: python bench/bench_generate.py [--quick] [--sampler (only 4)]"""
import os, sys, time
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import torch
from sftkit.llm import load_model
from sftkit.local import LocalGenerator

EXAMPLES = [("How many gram are there per 6 kg?", "1 kg = 1000 g, so 6 kg = 6 * 1000 = <answer>6000</answer>"),
            ("Convert 5 quart to pint?", "1 quart = 2 pint, so 5 quart = 5 * 2 = <answer>10</answer>"),
            ("Express 4 centuries as a quantity of week.", "1 century = 100 years = 5217.857 weeks, so 4 * 5217.857 = <answer>20871.43</answer>"),
            ("What is the measurement of 3 kg when converted into pound?", "1 kg = 2.20462 lb, so 3 * 2.20462 = <answer>6.61387</answer>"),
            ("How many MB are there in 3 G?", "1 G = 1000 MB, so 3 G = 3 * 1000 = <answer>3000</answer>")]
QUESTIONS = ["How many meter are there in 7 km?", "Convert 3 hour to minute?", "How many ml are in 2 liter?",
             "Express 5 week as a quantity of day.", "How many inch are there per 4 foot?", "Convert 6 decade to year?",
             "How many second are there in 2 hour?", "What is 9 yard in foot?"]

def chat(q):
    msgs = [{"role": "system", "content": "Be concise. Put the final number in <answer></answer>."}]
    for eq, ea in EXAMPLES: msgs += [{"role": "user", "content": eq}, {"role": "assistant", "content": ea}]
    return msgs + [{"role": "user", "content": q}]

def ntok(tok, outs): return sum(len(tok(o, add_special_tokens=False)["input_ids"]) for row in outs for o in row)

def timed(f):
    t0 = time.perf_counter(); r = f(); return r, time.perf_counter() - t0

def main():
    quick = "--quick" in sys.argv
    model, tok = load_model()
    print(f"model: bundled SmolLM2-135M-Instruct, {model.dtype}, {torch.get_num_threads()} threads")
    gen = LocalGenerator(model, tok)
    prompts = [chat(q) for q in QUESTIONS]
    print(f"prompt length: {len(gen.encode(prompts[0]))} tokens")
    mnt = 48
    # 1. single vs batched
    qs = prompts[:4] if quick else prompts
    single, ts = timed(lambda: [gen.generate([p], temperature=0.7, max_new_tokens=mnt, seed=0)[0] for p in qs])
    n = 8
    batched, tb = timed(lambda: gen.generate(qs, n=n, temperature=0.7, max_new_tokens=mnt, seed=0))
    s_tps, b_tps = ntok(tok, single) / ts, ntok(tok, batched) / tb
    print(f"\n1) one prompt at a time: {s_tps:7.1f} tok/s   batch of {len(qs)} prompts x n={n}: {b_tps:7.1f} tok/s   "
          f"ratio {b_tps/s_tps:.2f}x (target >= 5x)")
    # 2. shared prefix vs plain num_return_sequences
    for n in ([8] if quick else [8, 15]):
        p = prompts[0]
        ids = tok.apply_chat_template(p, add_generation_prompt=True, return_tensors="pt", return_dict=True)
        def plain():
            torch.manual_seed(0)
            out = model.generate(**ids, do_sample=True, temperature=0.7, top_p=1.0, top_k=0, max_new_tokens=mnt, num_return_sequences=n)
            return [[tok.decode(o[ids["input_ids"].shape[1]:], skip_special_tokens=True) for o in out]]
        with torch.random.fork_rng(): po, tp = timed(plain)
        so, tsh = timed(lambda: gen.generate([p], n=n, temperature=0.7, max_new_tokens=mnt, seed=0))
        p_tps, s_tps2 = ntok(tok, po) / tp, ntok(tok, so) / tsh
        print(f"2) n={n:2d}: generate(num_return_sequences) {p_tps:7.1f} tok/s   shared prefix {s_tps2:7.1f} tok/s   "
              f"ratio {s_tps2/p_tps:.2f}x (target >= 1.5x)")

    # 3. bf16 vs f32 on this CPU
    res = {}
    for dt in ("float32", "bfloat16"):
        m, t = load_model(dtype=dt)
        g = LocalGenerator(m, t)
        o, secs = timed(lambda: g.generate(qs, n=4, temperature=0.7, max_new_tokens=24, seed=0))
        res[dt] = ntok(t, o) / secs
    print(f"3) batch of {len(qs)} prompts x n=4: f32 {res['float32']:7.1f} tok/s   bf16 {res['bfloat16']:7.1f} tok/s   "
          f"bf16/f32 {res['bfloat16']/res['float32']:.2f}x (pick_dtype chose {model.dtype})")

def gumbel_baseline(logits, gens, temperature):
    "sftkit's earlier sampler: Gumbel-max with a uniform number per vocabulary entry per row."
    u = torch.stack([torch.rand(logits.shape[-1], generator=g) for g in gens]).clamp_(1e-10, 1 - 1e-10)
    return (logits / temperature - torch.log(-torch.log(u))).argmax(-1)

def bench_sampler(rows:int=128, vocab:int=49152, reps:int=10):
    from sftkit.local import sample_tokens
    logits = torch.randn(rows, vocab)
    gens = [torch.Generator().manual_seed(i) for i in range(rows)]
    _, tg = timed(lambda: [gumbel_baseline(logits, gens, 0.7) for _ in range(reps)])
    _, ti = timed(lambda: [sample_tokens(logits, gens, 0.7, 1.0) for _ in range(reps)])
    print(f"4) one sampling step, {rows} rows x {vocab} tokens: Gumbel-max {tg/reps*1000:6.1f} ms   inverse CDF {ti/reps*1000:6.1f} ms   "
          f"ratio {tg/ti:.1f}x")

if __name__ == "__main__":
    if "--sampler" in sys.argv: bench_sampler()
    else: main(); bench_sampler()
