#!/usr/bin/env python
"""Build the HTML docs offline, without Quarto: nbdev_proc_nbs -> mkdocs-material + mkdocs-jupyter -> _site/.

nbdev_proc_nbs drops `#| hide` cells and adds a `show_doc` cell (signature and docments table) after each
export. Cells marked `#| echo: false` (the show_doc cells) keep their output and lose their source here.

Every page shows what the current code produces: the outputs come from `_executed/`, the notebooks as the test
run (`tools/run_tests.py`) executed them, merged in by cell id. A notebook with no executed copy, or one made
from an older version of it, is executed here first. Cells the test run skips (`#| slow`) show the output
recorded by the last full run (`make test ARGS="--slow --record"`, kept in `nbs/_recorded/`), labelled with
its date and machine, or say that none was recorded for the current code.
`--check` verifies the site has one page per notebook."""
import json, re, shutil, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PROC, SITE, EXECUTED = ROOT/"_proc", ROOT/"_site", ROOT/"_executed"
sys.path.insert(0, str(Path(__file__).parent))
from execute_nb import source_sha, current_recordings  # noqa: E402

def notebooks():
    "The notebooks in reading order: the README page first, then by number (the dependency order)."
    return sorted((p for p in (ROOT/"nbs").glob("*.ipynb") if not p.name.startswith("_")), key=lambda p: (p.stem != "index", p.name))

def page_name(nb:Path) -> str: return "index" if nb.stem == "index" else nb.stem

def title(nb:Path) -> str:
    for c in json.loads(nb.read_text())["cells"]:
        src = "".join(c["source"])
        if c["cell_type"] == "markdown" and src.startswith("# "): return src.splitlines()[0][2:].strip()
    return nb.stem

# nbdev's show_doc writes Quarto link attributes, `[source](URL){target="_blank" style="..."}`, that Markdown
# renderers other than Quarto print as text: turn them into plain HTML links
_QUARTO_LINK = re.compile(r'\[([^\]]+)\]\(([^)\s]+)\)\{target="_blank"\s*(?:style="([^"]*)")?[^}]*\}')

def unquarto(text:str) -> str:
    "Markdown with Quarto link attributes made HTML links."
    return _QUARTO_LINK.sub(lambda m: f'<a href="{m[2]}" target="_blank" style="{m[3] or ""}">{m[1]}</a>', text)

def _clean_outputs(cell:dict):
    for o in cell.get("outputs", []):
        for mime, v in o.get("data", {}).items():
            if mime.startswith("text/"): o["data"][mime] = unquarto("".join(v) if isinstance(v, list) else v)

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

def tidy_stream(text:str) -> str:
    "Printed text as a terminal would leave it: progress-bar redraws (`\\r`) keep their last state, no ANSI codes."
    return "\n".join(l.rsplit("\r", 1)[-1] if "\r" in l.rstrip("\r") else l.rstrip("\r") for l in _ANSI.sub("", text).split("\n"))

def executed(nb:Path) -> dict:
    "The executed copy of `nb` made from its current source (executing it now if there is none)."
    out = EXECUTED/nb.name
    meta = json.loads(out.read_text())["metadata"].get("sftkit_executed", {}) if out.exists() else {}
    if meta.get("source_sha") != source_sha(nb) or not meta.get("ok"):
        print(f"executing {nb.name} (no executed copy of its current version)", flush=True)
        # a process per notebook, as in the test run: one notebook's models and threads do not pile onto the next
        if subprocess.run([sys.executable, str(ROOT/"tools"/"execute_nb.py"), str(nb), str(out)]).returncode:
            raise SystemExit(f"{nb.name} failed while executing for the docs; see above")
    return json.loads(out.read_text())

def _recorded_note(rec:dict|None) -> dict:
    if rec is None: text = ("> **Not run for this page**: this cell is slow (`#| slow`) and no output is recorded for its "
                            "current code. Record one with `make test ARGS=\"--slow --record\"`.")
    else: text = (f"> **Recorded output**: this cell is slow (`#| slow`) and was not run for this build. The output below "
                  f"is from the last full run, recorded {rec['date']} on {rec['machine']}.")
    return {"cell_type": "markdown", "metadata": {}, "source": text}

def merge_outputs(cells:list, nb:Path) -> list:
    "The processed cells with the executed outputs; skipped slow cells get their recorded output and a label."
    ran = {c.get("id"): c for c in executed(nb)["cells"] if c["cell_type"] == "code"}
    source = {c.get("id"): "".join(c["source"]) for c in json.loads(nb.read_text())["cells"]}  # nbdev_proc_nbs drops `#|` lines
    recorded = current_recordings(nb)
    res = []
    for c in cells:
        e = ran.get(c.get("id"))
        if c["cell_type"] == "code" and e is not None:
            if e.get("outputs"): c["outputs"] = e["outputs"]
            elif re.search(r"^#\|\s*(slow|notest)\b", source.get(c.get("id"), ""), re.M):
                r = recorded.get(c["id"])
                res.append(_recorded_note(r))
                if r: c["outputs"] = r["outputs"]
        for o in c.get("outputs", []):
            if o.get("output_type") == "stream": o["text"] = tidy_stream("".join(o["text"]))
        res.append(c)
    return res

def prepare():
    if PROC.exists(): shutil.rmtree(PROC)
    subprocess.run([str(BIN/"nbdev_proc_nbs")], cwd=ROOT, check=True, capture_output=True)
    docs = PROC/"docs"; docs.mkdir()
    for nb in notebooks():
        d = json.loads((PROC/nb.name).read_text())
        cells = []
        for c in merge_outputs(d["cells"], nb):
            src = "".join(c["source"])
            if c["cell_type"] == "raw": continue  # quarto front matter
            if c["cell_type"] == "code" and "#| echo: false" in src:
                c.setdefault("metadata", {})["tags"] = ["remove_input"]
            if c["cell_type"] == "code":
                c["source"] = "\n".join(l for l in src.splitlines() if not l.startswith("#|"))
                _clean_outputs(c)
            else: c["source"] = unquarto(src)
            cells.append(c)
        if not any(c["cell_type"] == "markdown" and "".join(c["source"]).startswith("# ") for c in cells):
            cells.insert(0, {"cell_type": "markdown", "metadata": {}, "source": f"# {title(nb)}"})
        d["cells"] = cells
        (docs/f"{page_name(nb)}.ipynb").write_text(json.dumps(d))
    nav = [{title(nb): f"{page_name(nb)}.ipynb"} for nb in notebooks()]
    cfg = {"site_name": "sftkit", "docs_dir": "docs", "site_dir": str(SITE), "use_directory_urls": False,
           "theme": {"name": "material", "font": False, "features": ["navigation.sections", "search.highlight"]},
           "plugins": [{"search": {}}, {"mkdocs-jupyter": {"include_source": True, "execute": False, "no_prompt": True,
                        "remove_tag_config": {"remove_input_tags": ["remove_input"]}}}],
           "nav": nav}
    (PROC/"mkdocs.yml").write_text(json.dumps(cfg, indent=1))  # YAML is a superset of JSON

def build():
    prepare()
    subprocess.run([str(BIN/"mkdocs"), "build", "-q", "-f", str(PROC/"mkdocs.yml")], cwd=PROC, check=True)
    print(f"built {SITE}/index.html")

def check() -> list[str]:
    "The notebooks whose page is missing from the site."
    return [nb.name for nb in notebooks() if not (SITE/f"{page_name(nb)}.html").exists()]

if __name__ == "__main__":
    build()
    if "--check" in sys.argv:
        missing = check()
        print("a page per notebook" if not missing else f"pages missing for: {missing}")
        sys.exit(1 if missing else 0)
