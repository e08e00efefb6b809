#!/usr/bin/env python
"""sftkit's test command (`make test`): the project checks, then every notebook's tests.

Checks: nbdev_export and nbdev_clean change nothing, README.md matches nbs/index.ipynb, each notebook runs
clean (nbdev_test's rules, via tools/execute_nb.py: cells flagged `slow` are skipped unless --slow), the docs
build from those executed notebooks with a page per notebook, and headless Chromium finds every page sound
(tools/check_site.py; reported as skipped, not passed, where Chromium is absent). Notebooks run two at a time,
each in its own process. Ends with `N passed, N failed, N skipped`."""
import argparse, hashlib, os, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("WANDB_MODE", "offline")

def snapshot() -> dict:
    files = [ROOT/"README.md", *sorted((ROOT/"nbs").glob("*.ipynb")), *sorted((ROOT/"sftkit").rglob("*.py"))]
    return {str(f.relative_to(ROOT)): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.exists()}

def changed(cmd) -> tuple[bool, str]:
    before = snapshot()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode: return False, r.stdout[-2000:] + r.stderr[-2000:]
    after = snapshot()
    diff = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return not diff, ("changed: " + ", ".join(diff) + " (commit the result)") if diff else ""

def run(cmd, timeout=3600, env=None) -> tuple[bool, str]:
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)
    return r.returncode == 0, (r.stdout[-3000:] + r.stderr[-6000:])

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("notebooks", nargs="*", help="notebook names to test (default: all)")
    ap.add_argument("--slow", action="store_true", help="also run cells flagged `slow`")
    ap.add_argument("--record", action="store_true", help="with --slow: keep the slow cells' outputs for the docs (nbs/_recorded/)")
    ap.add_argument("--no-checks", action="store_true", help="only the notebooks")
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    if a.record and not a.slow: ap.error("--record keeps the outputs of slow cells: use it with --slow")
    results = []
    def record(name, ok, detail, secs):
        results.append((name, ok)); print(f"{ {True: 'PASS', False: 'FAIL', None: 'SKIP'}[ok]} {name} ({secs:.0f} s)", flush=True)
        if ok is not True and detail: print("    " + detail.strip().replace("\n", "\n    "), flush=True)
    if not a.no_checks:
        for name, fn in [("nbdev_export changes nothing", lambda: changed([str(BIN/"nbdev_export")])),
                         ("nbdev_clean changes nothing", lambda: changed([str(BIN/"nbdev_clean")])),
                         ("README.md matches nbs/index.ipynb", lambda: run([sys.executable, "tools/make_readme.py", "--check"]))]:
            t0 = time.time(); ok, d = fn(); record(name, ok, d, time.time() - t0)
    nbs = sorted(p for p in (ROOT/"nbs").glob("*.ipynb") if not p.name.startswith("_"))
    if a.notebooks: nbs = [p for p in nbs if any(n in p.name for n in a.notebooks)]
    flags = (["--flags", "slow"] if a.slow else []) + (["--record"] if a.record else [])
    # each worker gets its share of the cores: oversubscribed torch threads spin and slow everyone down
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 2) // a.workers)))
    def test_nb(nb):
        t0 = time.time()
        # each notebook's temporary files (models, shards, indexes: GBs for the training notebook) go in a folder
        # of its own that is deleted when it finishes, so repeated test runs do not fill the disk
        with tempfile.TemporaryDirectory(prefix=f"sftkit-test-{nb.stem}-") as tmp:
            # the executed copy (with its outputs) is what the docs build shows
            ok, d = run([sys.executable, "tools/execute_nb.py", str(nb), str(ROOT/"_executed"/nb.name), *flags],
                        env={**os.environ, "TMPDIR": tmp})
        return nb.name, ok, d, time.time() - t0
    # the longest notebooks first, so two workers finish together
    with ThreadPoolExecutor(a.workers) as ex:
        for name, ok, d, secs in ex.map(test_nb, sorted(nbs, key=lambda p: -p.stat().st_size)): record(f"notebook {name}", ok, d, secs)
    if not a.no_checks:
        t0 = time.time(); ok, d = run([sys.executable, "tools/build_docs.py", "--check"]); record("docs site has a page per notebook", ok, d, time.time() - t0)
        t0 = time.time()
        if not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")): record("docs site in headless Chromium", None, "chromium is not installed (apt-get install chromium)", 0)
        else:
            ok, d = run([sys.executable, "tools/check_site.py"]); record("docs site in headless Chromium", ok, d, time.time() - t0)
    passed, skipped = sum(ok is True for _, ok in results), sum(ok is None for _, ok in results)
    print(f"{passed} passed, {len(results) - passed - skipped} failed, {skipped} skipped")
    sys.exit(0 if passed + skipped == len(results) else 1)

if __name__ == "__main__":
    main()
