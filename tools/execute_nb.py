#!/usr/bin/env python
"""Run one notebook's tests the way `nbdev_test` does, and save the executed notebook with its outputs.

usage: execute_nb.py NOTEBOOK OUT [--flags "slow"] [--record]

The cells run in one execnb `CaptureShell` with nbdev's rules: cells flagged with a test flag from settings.ini
(`slow`, `notest`) are skipped unless named in `--flags`, `#| eval: false` cells never run. On the first
failing cell it prints the traceback and exits 1 (the executed notebook is still saved up to that cell).
The docs build (`tools/build_docs.py`) shows these outputs, so every page shows what the current code
produced in the same run that tested it. With `--record`, the outputs of the flagged cells that ran are kept in
`nbs/_recorded/NOTEBOOK.json` with the date and the machine, for the docs of runs that skip them."""
import argparse, hashlib, json, os, sys, time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

def source_sha(nb_path:Path) -> str:
    "What an executed copy was made from: the docs build re-executes a notebook whose source changed since."
    return hashlib.sha256(Path(nb_path).read_bytes()).hexdigest()[:16]

def cell_sha(source:str) -> str:
    "What a recorded output was made from: a cell's code (its `#|` directive lines left out)."
    code = "\n".join(l for l in source.splitlines() if not l.lstrip().startswith("#|")).strip()
    return hashlib.sha256(code.encode()).hexdigest()[:16]

def current_recordings(nb_path:Path) -> dict:
    "The recorded outputs (`nbs/_recorded/`) made from each cell's current code: cell id -> {date, machine, sha, outputs}."
    f = Path(nb_path).parent/"_recorded"/f"{Path(nb_path).stem}.json"
    if not f.exists(): return {}
    rec, cells = json.loads(f.read_text()), json.loads(Path(nb_path).read_text())["cells"]
    return {c["id"]: {"date": rec["date"], "machine": rec["machine"], **rec["cells"][c["id"]]} for c in cells
            if c.get("id") in rec["cells"] and rec["cells"][c["id"]]["sha"] == cell_sha("".join(c["source"]))}

def record(nb, nb_path:Path, flags:set):
    "Keep the outputs of the cells flagged with `flags` (that ran), labelled with the date and the machine."
    from sftkit.llm import cpu_summary
    cells = {c.id: {"sha": cell_sha(c.source), "outputs": c.outputs} for c in nb.cells
             if c.cell_type == "code" and flags & set(getattr(c, "directives_", {}) or {}) and c.get("outputs")}
    if not cells: return
    out = nb_path.parent/"_recorded"/f"{nb_path.stem}.json"; out.parent.mkdir(exist_ok=True)
    rec = {"date": time.strftime("%Y-%m-%d"), "machine": cpu_summary(), "cells": cells}
    out.write_text(json.dumps(rec, indent=1, ensure_ascii=False) + "\n")
    print(f"recorded {len(cells)} cell(s) in {out.relative_to(nb_path.parent.parent)}")

def execute(nb_path:Path, out:Path, force_flags=(), save_record:bool=False) -> bool:
    from execnb.nbio import write_nb
    from execnb.shell import CaptureShell
    from fastcore.basics import str2bool
    from fastcore.foundation import working_directory
    from nbdev.config import get_config
    from nbdev.frontmatter import FrontmatterProc
    from nbdev.process import NBProcessor
    os.environ["IN_TEST"] = "1"
    flags = set(get_config().tst_flags.split()) - set(force_flags)
    nb = NBProcessor(nb_path, procs=FrontmatterProc, process=True).nb
    if str2bool(getattr(nb, "frontmatter_", {}).get("skip_exec", False)): return True
    def skip(cell):  # nbdev.test.test_nb's rule
        if cell.cell_type != "code" or "nbdev_export(" in cell.source: return True
        direc = getattr(cell, "directives_", {}) or {}
        if direc.get("eval:", [""])[0].lower() == "false": return True
        return bool(flags & direc.keys())
    shell, ok = CaptureShell(nb_path), True
    t0 = time.time()
    try:
        with working_directory(nb_path.parent): shell.run_all(nb, exc_stop=True, preproc=skip)
    except Exception:
        sys.stderr.write(shell.prettytb(fname=nb_path) + "\n"); ok = False
    nb.metadata["sftkit_executed"] = {"seconds": round(time.time() - t0, 1), "ok": ok,
                                      "flags_run": sorted(force_flags), "skipped_flags": sorted(flags),
                                      "source_sha": source_sha(nb_path)}
    if ok and save_record: record(nb, nb_path, set(force_flags))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp"); write_nb(nb, tmp); tmp.replace(out)
    return ok

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebook", type=Path); ap.add_argument("out", type=Path)
    ap.add_argument("--flags", default="", help="space-separated test flags to run (e.g. slow)")
    ap.add_argument("--record", action="store_true", help="keep the outputs of the flagged cells in nbs/_recorded/")
    a = ap.parse_args()
    sys.exit(0 if execute(a.notebook.resolve(), a.out.resolve(), a.flags.split(), a.record) else 1)
