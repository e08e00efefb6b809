#!/usr/bin/env python
"""Build the HTML docs offline, without Quarto: nbdev_proc_nbs -> mkdocs-material + mkdocs-jupyter -> _site/.

nbdev_proc_nbs drops `#| hide` cells and adds a `show_doc` cell (signature and docments table) after each
export. Cells marked `#| echo: false` (the show_doc cells) keep their output and lose their source here.
`--check` verifies the site has one page per notebook."""
import json, re, shutil, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PROC, SITE = ROOT/"_proc", ROOT/"_site"

def notebooks(): return sorted(p for p in (ROOT/"nbs").glob("*.ipynb") if not p.name.startswith("_"))

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

def prepare():
    if PROC.exists(): shutil.rmtree(PROC)
    subprocess.run([str(BIN/"nbdev_proc_nbs")], cwd=ROOT, check=True, capture_output=True)
    docs = PROC/"docs"; docs.mkdir()
    for nb in notebooks():
        d = json.loads((PROC/nb.name).read_text())
        cells = []
        for c in d["cells"]:
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
           "theme": {"name": "material", "font": False, "features": ["navigation.sections"]},
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
