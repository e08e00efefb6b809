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
import json, re, shutil, subprocess, sys, tempfile
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

def _setting(key:str) -> str:
    m = re.search(rf"^{key}\s*=\s*(.*)$", (ROOT/"settings.ini").read_text(), re.M)
    return m[1].strip() if m else ""

def link_fixer():
    """A function that makes nbdev's links resolve in this site: symbol links (`{doc_host}{doc_baseurl}/train.html#x`,
    named after the module) become relative links to the notebook's page (`08a_train.html#x`); source links to
    `git_url`, a repository that is not published, are dropped."""
    pages = {re.sub(r"^\d+[a-z]*_", "", nb.stem): page_name(nb) for nb in notebooks()}
    site = re.escape(_setting("doc_host").rstrip("/") + _setting("doc_baseurl").rstrip("/")) + "/"
    sym = re.compile(site + r"([\w.-]+)\.html")
    git = re.escape(_setting("git_url").rstrip("/")) if _setting("git_url") else None
    src_html = re.compile(r'<a href="' + git + r'[^"]*"[^>]*>source</a>') if git else None
    src_md = re.compile(r"\[source\]\(" + git + r"[^)]*\)(\{[^}]*\})?") if git else None
    def fix(text:str) -> str:
        text = sym.sub(lambda m: f"{pages.get(m[1], m[1])}.html", text)
        if git: text = src_md.sub("", src_html.sub("", text))
        return text
    return fix

# third-party noise on stderr: warnings with their source lines, library paths, bitsandbytes' kernel notice, the
# loading bars of libraries (sftkit's own bars stay)
_NOISE = re.compile(r"site-packages|/\.venv/|^\s*warnings\.warn\(|gemm_4bit_forward|kernels-community|"
                    r"^(?:Loading weights|Writing model shards|Loading checkpoint shards|Batches|Map|Filter|Creating parquet"
                    r" from Arrow format|Saving the dataset|Generating \w+ split)\b.*\|")

_LIBS = re.compile(r"[^\s'\"()=]*/site-packages/")
# a test's temporary folders (`/tmp/sftkit-test-10_cli-x1y2/tmpab12cd`), and checkouts other than this one (a recorded
# output made in another worktree): `<tmp>`, and paths from the repository's root
_TMP = re.compile(r"(?:/tmp|" + re.escape(tempfile.gettempdir()) + r")/(?:sftkit-test-[\w.-]+/)?tmp\w+")
_CHECKOUT = re.compile(r"(?<![\w.~<>-])/(?:[\w.-]+/)+?(?=(?:nbs|sftkit|data|runs|bench|tools)/)")

def local_paths(text:str) -> str:
    """Paths of the build machine made neutral: installed libraries as `<site-packages>/`, the repository's (and
    another checkout's) relative, temporary folders `<tmp>`, the home folder `~`."""
    text = _LIBS.sub("<site-packages>/", text).replace(str(ROOT) + "/", "")
    text = _TMP.sub("<tmp>", text).replace(str(Path.home()) + "/", "~/")
    return _CHECKOUT.sub("", text)

_WARNING = re.compile(r"^\S+:\d+: (\w*Warning): (.*)$")

def quiet_stderr(text:str) -> str:
    """Standard error without third-party warnings (they name a file in `site-packages`) and library loading bars;
    sftkit's own warnings as one line, `SftkitWarning: ...`, without the file, line and source line Python adds."""
    out, skip_source = [], False
    # a warning printed after a progress bar's last state starts a line of its own
    text = re.sub(r"(?<=[^\n\w./<>~-])(?=[\w./<>~-]+\.py:\d+: \w*Warning: )", "\n", local_paths(text))
    for l in text.split("\n"):
        if skip_source and l.startswith("  "):
            skip_source = False
            continue
        skip_source = False
        if _NOISE.search(l): continue
        if (m := _WARNING.match(l)):
            l, skip_source = f"{m[1]}: {m[2]}", True
        out.append(l)
    return "\n".join(out)

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

def _clean_outputs(cell:dict, fix=lambda t: t):
    for o in cell.get("outputs", []):
        for mime, v in o.get("data", {}).items():
            if mime.startswith("text/"): o["data"][mime] = local_paths(fix(unquarto("".join(v) if isinstance(v, list) else v)))

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
            if o.get("output_type") == "stream":
                o["text"] = tidy_stream("".join(o["text"]))
                if o.get("name") == "stderr": o["text"] = quiet_stderr(o["text"])
                o["text"] = local_paths(o["text"])
        if c.get("outputs"): c["outputs"] = [o for o in c["outputs"] if o.get("output_type") != "stream" or o["text"].strip()]
        res.append(c)
    return res

def _stale() -> list:
    "The notebooks without an executed copy of their current version: the build executes them first."
    def ok(nb):
        out = EXECUTED/nb.name
        meta = json.loads(out.read_text())["metadata"].get("sftkit_executed", {}) if out.exists() else {}
        return meta.get("source_sha") == source_sha(nb) and meta.get("ok")
    return [nb for nb in notebooks() if not ok(nb)]

EXTRA_CSS = """
/* a wide table scrolls sideways instead of being cut off at the page's edge */
.jp-RenderedHTMLCommon table, .jp-RenderedMarkdown table, .md-typeset table:not([class]) {
  display: block; max-width: 100%; overflow-x: auto; }
/* code, signatures and printed output break at spaces or scroll; never inside a word */
.jp-RenderedHTMLCommon pre, .jp-OutputArea-output pre, .highlight pre, .md-typeset pre {
  white-space: pre; word-break: normal; overflow-wrap: normal; overflow-x: auto; }
.jp-RenderedHTMLCommon code, .md-typeset code { word-break: normal; overflow-wrap: break-word; }
"""

def prepare():
    if (stale := _stale()):   # said up front: executing every notebook takes as long as `make test`
        print(f"executing {len(stale)} of {len(notebooks())} notebooks first: no executed copy of their current version "
              "(`make test` makes them, and `make docs` after it reuses them; executing all takes about as long as "
              "`make test`, 20 to 30 minutes on 2 cores)", flush=True)
    if PROC.exists(): shutil.rmtree(PROC)
    subprocess.run([str(BIN/"nbdev_proc_nbs")], cwd=ROOT, check=True, capture_output=True)
    docs = PROC/"docs"; docs.mkdir()
    fix = link_fixer()
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
                _clean_outputs(c, fix)
            else:   # a heading's id and the table of contents' link agree only on plain text: no code spans in headings
                c["source"] = re.sub(r"^(#+ .*)$", lambda m: m[1].replace("`", ""), fix(unquarto(src)), flags=re.M)
            cells.append(c)
        if not any(c["cell_type"] == "markdown" and "".join(c["source"]).startswith("# ") for c in cells):
            cells.insert(0, {"cell_type": "markdown", "metadata": {}, "source": f"# {title(nb).replace('`', '')}"})
        d["cells"] = cells
        (docs/f"{page_name(nb)}.ipynb").write_text(json.dumps(d))
    (docs/"extra.css").write_text(EXTRA_CSS)
    nav = [{title(nb): f"{page_name(nb)}.ipynb"} for nb in notebooks()]
    cfg = {"site_name": "sftkit", "docs_dir": "docs", "site_dir": str(SITE), "use_directory_urls": False,
           "theme": {"name": "material", "font": False, "features": ["navigation.sections", "search.highlight"]},
           "plugins": [{"search": {}}, {"mkdocs-jupyter": {"include_source": True, "execute": False, "no_prompt": True,
                        "remove_tag_config": {"remove_input_tags": ["remove_input"]}}}],
           "extra_css": ["extra.css"], "nav": nav}
    (PROC/"mkdocs.yml").write_text(json.dumps(cfg, indent=1))  # YAML is a superset of JSON

def relink_site():
    """Symbol links whose anchor the site lacks: a method's goes to its class's entry (`#localgenerator`), and a
    private helper's (not documented) becomes plain text."""
    pages = {p.name: p.read_text(encoding="utf-8") for p in SITE.glob("*.html")}
    ids = {n: set(re.findall(r'\sid="([^"]+)"', h)) for n, h in pages.items()}
    link = re.compile(r'<a href="([\w.-]+\.html)#([^"]+)"([^>]*)>(.*?)</a>', re.S)
    def fix(m):
        page, anchor = m[1], m[2]
        if page not in ids or anchor in ids[page]: return m[0]
        owner = anchor.rsplit(".", 1)[0]
        if "." in anchor and owner in ids[page]: return f'<a href="{page}#{owner}"{m[3]}>{m[4]}</a>'
        return m[4]
    for name, h in pages.items():
        new = link.sub(fix, h)
        if new != h: (SITE/name).write_text(new, encoding="utf-8")

def build():
    prepare()
    subprocess.run([str(BIN/"mkdocs"), "build", "-q", "-f", str(PROC/"mkdocs.yml")], cwd=PROC, check=True)
    relink_site()
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
