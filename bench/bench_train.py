#!/usr/bin/env python
"""Training throughput: the classic padded loop against sftkit's trainer, same model, data and LoRA settings, in one run.

classic: transformers' Trainer, every example (question + reasoning through the chat template) padded and
         truncated to a fixed 128 tokens, loss on the reasoning (the homework's sft.py).
sftkit : sftkit.train.train: the same examples, exact assistant-only labels, padding-free batches (trl).
Both: the bundled model in float32, LoRA r=8/alpha=16 on all projections, batch 4, no accumulation, one epoch.
Tokens/s counts real (non-padding) tokens per second of training. Target: sftkit >= 1.5x.

Data: RFT rows [question, answer, reasoning] from --data (e.g. runs/main/rft.json), else reasoning written
in the CoT examples' style for the bundled unit-conversion questions.
Usage: python bench/bench_train.py [--examples 64] [--data rft.json]"""
import argparse, json, os, tempfile, time
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
from pathlib import Path
from sftkit.llm import load_model
from sftkit.units import load_questions
from sftkit.train import train, PROJECTIONS
from sftkit.sftdata import encode_conversation

def rows(n, data):
    if data: return json.loads(Path(data).read_text())[:n]
    return [[q.question, q.answer, f"Look up the factor and multiply, so the result is {q.answer:g} = <answer>{q.answer:g}</answer>"]
            for q in load_questions(limit=n)]

def classic(rs, steps_dir, lr):
    from datasets import Dataset
    from peft import LoraConfig, get_peft_model
    from transformers import Trainer, TrainingArguments, default_data_collator
    model, tok = load_model(dtype="float32")
    model = get_peft_model(model.train(), LoraConfig(r=8, lora_alpha=16, lora_dropout=0.05, target_modules=PROJECTIONS, task_type="CAUSAL_LM"))
    feats, real = [], 0
    for q, a, r in rs:
        ex = encode_conversation(tok, [{"role": "user", "content": q}, {"role": "assistant", "content": r}])
        ids, lab = ex["input_ids"][:128], ex["labels"][:128]
        real += len(ids); pad = 128 - len(ids)
        feats.append({"input_ids": ids + [tok.pad_token_id] * pad, "attention_mask": [1] * len(ids) + [0] * pad, "labels": lab + [-100] * pad})
    args = TrainingArguments(output_dir=steps_dir, per_device_train_batch_size=4, num_train_epochs=1, learning_rate=lr,
                             optim="adamw_torch", report_to=[], save_strategy="no", use_cpu=True, disable_tqdm=True, logging_steps=1000)
    tr = Trainer(model=model, args=args, train_dataset=Dataset.from_list(feats), data_collator=default_data_collator)
    t = time.perf_counter(); res = tr.train(); sec = time.perf_counter() - t
    return real, sec, res.training_loss

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=64); ap.add_argument("--data", default="")
    a = ap.parse_args()
    rs, tmp, lr = rows(a.examples, a.data), Path(tempfile.mkdtemp()), 1e-4
    (tmp/"rft.json").write_text(json.dumps(rs))
    c_tok, c_sec, c_loss = classic(rs, str(tmp/"classic"), lr)
    rep = train(tmp/"rft.json", tmp/"sftkit", batch_size=4, grad_accum=1, epochs=1, learning_rate=lr, report_to="none",
                save_strategy="no", merge=False, bf16=False, progress=False)
    s_tok, s_sec = rep["tokens"], rep["train_seconds"]
    print(f"{len(rs)} examples, mean {s_tok / len(rs):.1f} tokens (classic pads each to 128)")
    print(f"classic padded loop : {c_tok / c_sec:8.1f} tokens/s  ({c_sec:.1f} s, loss {c_loss:.3f})")
    print(f"sftkit padding-free : {s_tok / s_sec:8.1f} tokens/s  ({s_sec:.1f} s, loss {rep['train_loss']:.3f})")
    print(f"ratio sftkit/classic: {(s_tok / s_sec) / (c_tok / c_sec):.2f}x  (target >= 1.5x)")

if __name__ == "__main__": main()
