#!/usr/bin/env python
"""Retrieval: flat (exact) against HNSW FAISS indexes, and embedding throughput, in one run.

1. random unit vectors (default 200,000 x 384, like MiniLM's): build time, query time per 1000 queries, and
   HNSW recall@10 against the exact flat index's top 10;
2. the bundled sample documents (data/docs) embedded with the bundled MiniLM: the same figures, with queries
   being the chunks' own first sentences;
3. embedding throughput (texts/s) of the bundled MiniLM on the sample chunks.
Usage: python bench/bench_retrieval.py [--n 200000] [--queries 1000]"""
import argparse, os, time
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import numpy as np
from sftkit.core import data_dir
from sftkit.retrieval import VectorIndex, Embedder, load_markdown, chunk_markdown

def compare(vecs, queries, label, k=10):
    recs = [{"id": str(i)} for i in range(len(vecs))]
    res = {}
    for kind in ("flat", "hnsw"):
        t = time.perf_counter(); ix = VectorIndex.build(vecs, recs, "bench", kind); b = time.perf_counter() - t
        t = time.perf_counter(); _, idx = ix.index.search(queries, k); q = time.perf_counter() - t
        res[kind] = (b, q, idx)
    exact, approx = res["flat"][2], res["hnsw"][2]
    recall = np.mean([len(set(a) & set(e)) / k for a, e in zip(approx, exact)])
    print(f"{label}: {len(vecs)} vectors, {len(queries)} queries")
    for kind, (b, q, _) in res.items():
        print(f"  {kind:5s} build {b:7.2f} s   query {1000 * q / len(queries):7.3f} ms/query")
    print(f"  hnsw/flat query time {res['hnsw'][1] / res['flat'][1]:.3f}x, build time {res['hnsw'][0] / res['flat'][0]:.1f}x, hnsw recall@{k} vs exact {recall:.3f}")

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200_000); ap.add_argument("--queries", type=int, default=1000)
    a = ap.parse_args()
    rng = np.random.default_rng(0)
    v = rng.standard_normal((a.n, 384), dtype=np.float32); v /= np.linalg.norm(v, axis=1, keepdims=True)
    q = v[rng.choice(a.n, a.queries, replace=False)] + 0.05 * rng.standard_normal((a.queries, 384), dtype=np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    compare(v, q.astype(np.float32), "random unit vectors")
    emb = Embedder()
    chunks = chunk_markdown(load_markdown(data_dir()/"docs"))
    texts = [c["text"] for c in chunks] * 8
    t = time.perf_counter(); cv = emb(texts, progress=False); s = time.perf_counter() - t
    print(f"embedding: {len(texts)} chunks in {s:.2f} s = {len(texts) / s:.1f} texts/s (bundled MiniLM, batch {emb.batch_size}, CPU)")
    cv = cv[:len(chunks)]
    qv = emb([c["text"].split("\n\n")[-1].split(". ")[0] for c in chunks], progress=False)
    compare(cv, qv, "sample corpus (data/docs)", k=min(10, len(chunks)))

if __name__ == "__main__": main()
