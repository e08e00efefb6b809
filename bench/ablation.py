#!/usr/bin/env python
"""The RFT flow's levers on and off: `sftkit main` runs per configuration and seed, and one table of what each got.

Each run is the whole main job (`sftkit main --minutes M --seed S` plus the configuration's flags): the RFT flow and
plain SFT at equal cost trained and evaluated in the same run, on the same held-out questions, so each row's sign
test compares the flow's final model with the baseline a user would have run instead. Finished runs (their
report.json) are read, not run again; each run writes its log beside its report.
Printed: one row per run (CPU and dtype named; verified paths per sampling second overall, of the base model's rounds and
of the trained models' rounds), then per configuration the seeds where the final model beat plain SFT with p < 0.05,
and the ratio of the trained samplers' paths per second to the base model's.
Usage: python bench/ablation.py OUT [--configs keep4,rounds] [--seeds 0,1,2] [--minutes 10] [--vote K] [--table-only]"""
import argparse, json, os, subprocess, sys
from pathlib import Path

CONFIGS = {   # name -> the flags it adds to `sftkit main`
    "rounds": ["--keep", "1", "--no_dpo"],   # the flow before the levers: one path per question, no DPO
    "keep4": ["--keep", "4", "--no_dpo"],   # distinct paths: sftkit main as it ships
    "dpo": ["--keep", "4", "--dpo"],   # distinct paths and the DPO stage on the rounds' pairs
    "warm": ["--keep", "4", "--no_dpo", "--warm_start", "40"],   # distinct paths, and a warm start sampling round 0
}

def run(out:Path, name:str, seed:int, minutes:float, vote:int=0):
    d = out/name/f"seed{seed}"
    if (d/"report.json").exists(): return
    d.parent.mkdir(parents=True, exist_ok=True)
    cmd = ["sftkit", "main", "-o", str(d), "--minutes", str(minutes), "--seed", str(seed), *CONFIGS[name], *(["--vote", str(vote)] if vote else [])]
    print(" ".join(cmd), flush=True)
    with open(out/name/f"seed{seed}.log", "w") as log:
        subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, check=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})

def row(name:str, seed:int, s:dict) -> dict:
    from sftkit.pipeline import _pair
    final = s.get("final_model") or "rft"
    sample = sum(r["sample_seconds"] for r in s["rounds"]) or 1e-9
    got = lambda k: f"{sum(s[k]['correct'])}/{len(s[k]['correct'])}" if k in s else "-"
    p = _pair(s[final], s["plain_sft"])[4] if final in s else None
    def rate(base:bool):   # verified paths per sampling second of the rounds the base model (or a trained one) sampled
        rs = [r for r in s["rounds"] if (r.get("sampler", "base") == "base") == base]
        secs = sum(r["sample_seconds"] for r in rs)
        return sum(r["new_paths"] for r in rs) / secs if rs and secs else "-"
    return {"config": name, "seed": seed, "cpu": s["cpu"], "dtype": s["dtype"], "rounds": len(s["rounds"]),
            "paths": s["rft_qa_pairs"], "solved": s.get("rft_solved", "-"), "pairs": s.get("dpo_pairs", "-"),
            "paths/s": s["rft_qa_pairs"] / sample, "base paths/s": rate(True), "trained paths/s": rate(False), "pairs/s": s["dpo_pairs"] / sample if "dpo_pairs" in s else "-",
            "flow s": round(s["costs"]["rft_flow"]), "steps": f"{s['train_steps']} / {s['plain_sft_steps']}",
            "plain SFT": got("plain_sft"), "RFT": got("rft"), "RFT+DPO": got("rft_dpo"), "RFT+answers": got("rft_mixed"),
            "vote": f"{s['vote']['greedy_right']} / {s['vote']['vote_right']} of {s['vote']['questions']}" if "vote" in s else "-",
            "final": final, "p": p, "won": p is not None and p < 0.05 and sum(s[final]["correct"]) > sum(s["plain_sft"]["correct"])}

def table(out:Path, names, seeds):
    rows = [row(n, sd, json.loads((out/n/f"seed{sd}"/"report.json").read_text()))
            for n in names for sd in seeds if (out/n/f"seed{sd}"/"report.json").exists()]
    cols = ["config", "seed", "rounds", "solved", "paths", "pairs", "paths/s", "base paths/s", "trained paths/s", "pairs/s", "flow s", "steps", "plain SFT",
            "RFT", "RFT+DPO", "RFT+answers", "p", "vote", "dtype"]
    fmt = lambda v: f"{v:.3f}" if isinstance(v, float) else str(v)
    print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for r in rows: print("| " + " | ".join(fmt(r[c]) for c in cols) + " |")
    print(f"CPU: {', '.join(sorted({r['cpu'] for r in rows}))}; steps: the final RFT model's / plain SFT's; p: the sign "
          "test of the flow's final model against plain SFT at equal cost; vote: the final model's greedy / majority-vote "
          "right answers on the base model's questions")
    for n in names:
        rs = [r for r in rows if r["config"] == n]
        if not rs: continue
        print(f"{n}: the final model beat plain SFT at equal cost with p < 0.05 in {sum(r['won'] for r in rs)} of {len(rs)} seeds")
        both = [r for r in rs if "-" not in (r["base paths/s"], r["trained paths/s"])]   # runs where both kinds sampled
        if both: print(f"{n}: a trained model sampled {sum(r['trained paths/s'] for r in both) / sum(r['base paths/s'] for r in both):.1f}x "
                       f"the base model's verified paths per sampling second (mean rates over the {len(both)} runs where both sampled)")

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out"); ap.add_argument("--configs", default="keep4,rounds"); ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--minutes", type=float, default=10); ap.add_argument("--table-only", action="store_true")
    ap.add_argument("--vote", type=int, default=0, help="also score the final model by majority vote over this many samples")
    a = ap.parse_args()
    out, names, seeds = Path(a.out), a.configs.split(","), [int(s) for s in a.seeds.split(",")]
    unknown = [n for n in names if n not in CONFIGS]
    if unknown: sys.exit(f"ablation.py: unknown configuration {unknown[0]!r}; one of {', '.join(CONFIGS)}")
    if not a.table_only:
        for sd in seeds:
            for n in names: run(out, n, sd, a.minutes, a.vote)
    table(out, names, seeds)

if __name__ == "__main__":
    main()
