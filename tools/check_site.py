#!/usr/bin/env python
"""Open the built docs site (`_site/`, from tools/build_docs.py) in headless Chromium and check every page.

On every page, as the browser renders it (served on loopback and driven over the DevTools protocol, so
the search worker runs as on a real host):
- no leaked markup: no `{target=` text (Quarto link attributes) and no `In [`/`Out[` prompts;
- every exported function and class of the page's module has its `show_doc` block: a heading with its name
  followed by its signature;
- the demos' outputs are there: the first line of each printed output appears in the page text, and a slow
  cell's recorded output (`nbs/_recorded/`) appears under its "Recorded output" label;
- every image loads (natural width > 0), and a page whose notebook made plots has at least that many images;
- a search box.
Then: searching for a function by name lists its page; a narrow (phone-width) window shows a page without
sideways scrolling; screenshots of two pages, saved in a temporary folder, are not blank.
Exits 1 listing each failure as `page: what is wrong`."""
import base64, functools, http.server, importlib, inspect, json, re, shutil, subprocess, sys, tempfile, threading, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE, PROC_DOCS = ROOT/"_site", ROOT/"_proc"/"docs"

BROWSERS = ("chromium", "chromium-browser", "google-chrome")  # Debian's package name first

def browser() -> str|None:
    "The headless browser on PATH, if any."
    return next((b for b in BROWSERS if shutil.which(b)), None)

# evaluated in each page once it has loaded: what the checks need, as JSON
PROBE = """(() => {
  const main = document.querySelector(".md-content") || document.body;
  const sigs = {};
  main.querySelectorAll("h2[id], h3[id], h4[id]").forEach(h => {
    const n = h.nextElementSibling;   // show_doc: a heading with the name (lower-cased id), then the signature block
    sigs[h.id] = !!(n && n.matches(".highlight, pre") && n.textContent.toLowerCase().includes(h.id.split(".").pop()));
  });
  return JSON.stringify({text: main.innerText, sigs,
    imgs: [...main.querySelectorAll("img")].map(i => [(i.getAttribute("src") || "").slice(0, 60), i.complete ? i.naturalWidth : 0]),
    search_box: !!document.querySelector("input.md-search__input"),
    scroll_width: document.documentElement.scrollWidth, width: window.innerWidth});
})()"""

class Browser:
    "Headless Chromium driven over the DevTools protocol (with websocket-client, which jupyter_server already needs)."
    def __init__(self):
        import urllib.request, websocket
        self.dir = tempfile.mkdtemp(prefix="sftkit-chromium-")
        self.proc = subprocess.Popen([browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                      "--remote-debugging-port=0", "--remote-allow-origins=*", f"--user-data-dir={self.dir}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.dir)/"DevToolsActivePort"
        for _ in range(600):
            if port_file.exists() and port_file.read_text().strip(): break
            time.sleep(0.1)
        else: raise RuntimeError("Chromium did not start its DevTools server within 60 s")
        port = port_file.read_text().split()[0]
        tabs = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list").read())
        self.ws = websocket.create_connection(next(t for t in tabs if t["type"] == "page")["webSocketDebuggerUrl"], timeout=120)
        self.n = 0
    def call(self, method, **params):
        self.n += 1; self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            m = json.loads(self.ws.recv())
            if m.get("id") == self.n:
                if "error" in m: raise RuntimeError(f"{method}: {m['error']}")
                return m["result"]
    def eval(self, js):
        return self.call("Runtime.evaluate", expression=js, awaitPromise=True, returnByValue=True)["result"].get("value")
    def open(self, url, width=1280, height=1000):
        "Load `url` in a window `width` px wide, and wait until the page and its images have loaded."
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600)
        self.call("Page.navigate", url=url)
        time.sleep(0.2)
        if not self.wait_for("document.readyState === 'complete' && [...document.images].every(i => i.complete)", 30):
            raise RuntimeError(f"{url} did not finish loading within 30 s")
    def wait_for(self, js, seconds=20):
        "The first truthy value of `js` within `seconds` (None if it never is)."
        t0 = time.time()
        while time.time() - t0 < seconds:
            v = self.eval(js)
            if v: return v
            time.sleep(0.1)
        return None
    def screenshot(self, path:Path):
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))
    def close(self):
        self.ws.close(); self.proc.terminate(); self.proc.wait(10); shutil.rmtree(self.dir, ignore_errors=True)

def probe(b:Browser, url:str, width=1280, height=1000) -> dict:
    b.open(url, width, height)
    return json.loads(b.eval(PROBE))

def serve(folder:Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    handler = functools.partial(Quiet, directory=str(folder))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}"

def exported(page:str) -> list[str]:
    "The functions and classes the page's notebook exports (its module's `__all__`)."
    nb = json.loads((ROOT/"nbs"/f"{page}.ipynb").read_text())
    m = next((re.search(r"#\|\s*default_exp\s+(\S+)", "".join(c["source"])) for c in nb["cells"]
              if "default_exp" in "".join(c["source"])), None)
    if not m: return []
    mod = importlib.import_module(f"sftkit.{m[1]}")
    return [n for n in getattr(mod, "__all__", []) if inspect.isfunction(getattr(mod, n)) or inspect.isclass(getattr(mod, n))]

def expected_outputs(page:str) -> tuple[list[str], int]:
    "The first line of each printed output on the page, and how many images its cells made."
    nb = json.loads((PROC_DOCS/f"{page}.ipynb").read_text())
    lines, images = [], 0
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            if o.get("output_type") == "stream":
                first = next((l.strip() for l in "".join(o["text"]).splitlines() if l.strip()), "")
                if first: lines.append(first)
            images += "image/png" in o.get("data", {})
    return lines, images

def recorded_outputs(page:str) -> list[str]:
    "The first printed line of each slow cell's recorded output (`nbs/_recorded/`) that matches the cell's current code."
    from execute_nb import current_recordings
    out = []
    for r in current_recordings(ROOT/"nbs"/f"{page}.ipynb").values():
        text = "".join("".join(o["text"]) for o in r["outputs"] if o.get("output_type") == "stream" and o.get("name") == "stdout")
        out.append(next((l.strip() for l in text.splitlines() if l.strip()), ""))
    return out

def squash(s:str) -> str: return re.sub(r"\s+", " ", s)

def check_page(b:Browser, base:str, page:str) -> list[str]:
    p, errs = probe(b, f"{base}/{page}.html"), []
    text = squash(p["text"])
    for bad in ("{target=", "Out[", "In [ ]", "In [1]"):
        if bad in text: errs.append(f"leaked text {bad!r}")
    for name in exported(page):
        if not p["sigs"].get(name.lower()): errs.append(f"no signature block for {name}")
    lines, n_img = expected_outputs(page)
    for l in lines:
        if squash(l)[:80] not in text: errs.append(f"output not shown: {l[:80]!r}")
    for l in recorded_outputs(page):   # a slow cell's recorded output, under its label
        if "Recorded output" not in text: errs.append("a slow cell's recorded output has no 'Recorded output' label")
        if l and squash(l)[:80] not in text: errs.append(f"recorded output not shown: {l[:80]!r}")
    broken = [src for src, w in p["imgs"] if not w]
    if broken: errs.append(f"{len(broken)} image(s) do not load: {broken[:3]}")
    if len(p["imgs"]) < n_img: errs.append(f"{n_img} plot(s) in the notebook, {len(p['imgs'])} image(s) on the page")
    if not p["search_box"]: errs.append("no search box")
    return [f"{page}: {e}" for e in errs]

def site_errors() -> list[str]:
    """Read from the built files: every link to a page of the site (relative, `page.html#anchor` or `#anchor`)
    resolves to a page and an id on it; no page shows a path of the build machine (its libraries, the repository)."""
    html = {p.name: p.read_text(encoding="utf-8") for p in SITE.glob("*.html")}
    ids = {n: set(re.findall(r'\sid="([^"]+)"', h)) for n, h in html.items()}
    errs = []
    for name, h in sorted(html.items()):
        page = name.removesuffix(".html")
        if page == "404": continue   # mkdocs' own page, served at the site's root
        for href in sorted(set(re.findall(r'href="([^"]*)"', h))):
            if re.match(r"[a-z][a-z0-9+.-]*:|//", href) or not (href.startswith("#") or ".html" in href): continue
            target, _, anchor = href.partition("#")
            target = target or name
            if target not in html: errs.append(f"{page}: link to {href}: no such page")
            elif anchor and anchor not in ids[target]: errs.append(f"{page}: link to {href}: no #{anchor} on {target}")
        for bad in ("/site-packages/", str(ROOT)):
            if bad in h: errs.append(f"{page}: shows a path of the build machine ({bad!r})")
        if "sftkit.github.io" in h: errs.append(f"{page}: links to the placeholder host sftkit.github.io")
    return errs

def not_blank(png:Path) -> bool:
    from PIL import Image
    im = Image.open(png).convert("L")
    lo, hi = im.getextrema()
    return hi - lo > 100 and len(set(im.resize((64, 64)).tobytes())) > 8

def main():
    if not browser(): sys.exit("chromium is not installed (apt-get install chromium)")
    pages = sorted(p.stem for p in PROC_DOCS.glob("*.ipynb"))
    link_errs = site_errors()
    print(f"{'ok  ' if not link_errs else 'FAIL'} links between pages and no build-machine paths ({len(link_errs)} problems)")
    tmp = Path(tempfile.mkdtemp(prefix="sftkit-site-check-"))
    srv, base = serve(SITE)
    b, errs = Browser(), list(link_errs)
    try:
        for page in pages:
            page_errs = check_page(b, base, page); errs += page_errs
            print(f"{'ok  ' if not page_errs else 'FAIL'} {page}", flush=True)
        # search: a function's name typed into the search box lists its page
        b.open(f"{base}/index.html")
        b.eval("""(() => { const i = document.querySelector("input.md-search__input"); i.focus(); i.value = "show_mask";
                          i.dispatchEvent(new Event("input", {bubbles: true})); i.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true})); return 1; })()""")
        hits = b.wait_for("""(() => { const a = [...document.querySelectorAll(".md-search-result__item a")].map(a => a.href);
                                     return a.length ? a : null; })()""") or []
        if not any("04_chat.html" in h for h in hits): errs.append(f"search: 'show_mask' does not list 04_chat.html (got {hits[:5]})")
        narrow = probe(b, f"{base}/04_chat.html", width=390, height=844)
        if narrow["scroll_width"] > narrow["width"] + 1:
            errs.append(f"04_chat: a {narrow['width']} px wide window scrolls sideways ({narrow['scroll_width']} px of page)")
        for page, width in (("index", 1280), ("04_chat", 390)):
            png = tmp/f"{page}-{width}px.png"
            b.open(f"{base}/{page}.html", width, 1000); b.screenshot(png)
            if not not_blank(png): errs.append(f"{page}: the screenshot {png} is blank")
    finally: b.close(); srv.shutdown()
    print(f"screenshots in {tmp}")
    if errs: print("\n".join(errs)); sys.exit(1)
    print(f"{len(pages)} pages checked in Chromium: outputs, signatures, images, search, a narrow screen")

if __name__ == "__main__":
    main()
