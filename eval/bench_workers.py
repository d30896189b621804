"""Scale benchmark workers, each run in a fresh process so its build time and memory are its own:
`python -m eval.bench_workers faiss-build|faiss-search|exact-search|bm25-build|bm25-search …`
prints one JSON line."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from eval.bench_proc import own_memory_mb, percentiles, print_result

RESCORE_K = 200  # what the searcher asks FAISS for on a large corpus (2 × SearchSettings.candidates)


def recall_at(found: np.ndarray, truth: np.ndarray, k: int = 10) -> float:
    """Mean share of each query's true top k among its first k results."""
    return float(np.mean([len(set(f[:k].tolist()) & set(t[:k].tolist())) / k for f, t in zip(found, truth)]))


def _timed(fn, queries, repeats: int) -> tuple[list, dict]:
    """Results of fn(query) for each query, and per-query latency over `repeats` passes (median pass)."""
    from eval.bench_proc import median_of

    passes, results = [], []
    for r in range(repeats):
        ms = []
        for q in queries:
            start = time.perf_counter()
            out = fn(q)
            ms.append((time.perf_counter() - start) * 1000)
            if r == 0:
                results.append(out)
        passes.append(percentiles(ms))
    return results, median_of(passes)


def faiss_build(args) -> dict:
    import faiss

    from index.faiss_index import describe, make_faiss_index

    vectors = np.load(args.vectors, mmap_mode="r")
    start = time.perf_counter()
    index = make_faiss_index(vectors, args.kind)
    seconds = time.perf_counter() - start
    faiss.write_index(index, str(args.out))
    return {"seconds": seconds, "index": describe(index)}


def faiss_search(args) -> dict:
    """Raw FAISS top-10 (latency, recall@10), then the searcher's way: top 200 re-scored exactly."""
    import faiss

    from index.faiss_index import describe, search

    base = own_memory_mb()["rss_mb"]
    start = time.perf_counter()
    index = faiss.read_index(str(args.index))
    load_s = time.perf_counter() - start
    loaded = own_memory_mb()["rss_mb"]
    queries, truth = np.load(args.queries), np.load(args.truth)
    vectors = np.load(args.vectors, mmap_mode="r")
    found, raw = _timed(lambda q: search(index, q, 10)[0], queries, args.repeats)

    def rescored(q):
        rows = np.sort(search(index, q, RESCORE_K)[0])
        return rows[np.argsort(-(vectors[rows] @ q), kind="stable")]

    found_r, full = _timed(rescored, queries, args.repeats)
    return {"load_s": load_s, "index": describe(index), "search_ms": raw, "recall@10": recall_at(found, truth),
            "searcher_ms": full, "recall@10_rescored": recall_at(found_r, truth),
            "index_rss_mb": loaded - base}


def exact_search(args) -> dict:
    """The small-corpus path, a full dot product over the memory-mapped vectors, for comparison."""
    vectors = np.load(args.vectors, mmap_mode="r")
    queries = np.load(args.queries)
    _, ms = _timed(lambda q: np.argpartition(-(vectors @ q), 10)[:10], queries, args.repeats)
    return {"search_ms": ms}


def bm25_build(args) -> dict:
    import bm25s

    from eval.bench_synth import TokenCorpus, fit_tokens

    reference = bm25s.BM25.load(str(args.reference))
    model, vocab = fit_tokens(reference), dict(reference.vocab_dict)
    del reference
    start = time.perf_counter()
    retriever = bm25s.BM25(k1=1.2, b=0.75)  # as index.store.make_bm25
    retriever.index((TokenCorpus(model, args.n, seed=args.n), vocab), show_progress=False)
    seconds = time.perf_counter() - start
    retriever.save(str(args.out), show_progress=False)
    return {"seconds": seconds, "postings": int(retriever.scores["indptr"][-1])}


def bm25_search(args) -> dict:
    """Top 200 of each question the searcher's way (get_scores, then retrieval.search._top_positive),
    and bm25s' own retrieve for comparison."""
    import bm25s

    from retrieval.arrays import top_positive as _top_positive

    base = own_memory_mb()["rss_mb"]
    start = time.perf_counter()
    retriever = bm25s.BM25.load(str(args.dir), mmap=True)
    load_s = time.perf_counter() - start
    loaded = own_memory_mb()["rss_mb"]
    queries = [q for q in json.loads(Path(args.queries).read_text(encoding="utf-8")) if q]
    top = min(RESCORE_K, int(retriever.scores["num_docs"]))
    _, ours = _timed(lambda q: _top_positive(retriever.get_scores(q), top), queries, args.repeats)
    _, retrieve = _timed(lambda q: retriever.retrieve([q], k=top, sorted=False, show_progress=False), queries,
                         args.repeats)
    return {"load_s": load_s, "search_ms": ours, "retrieve_ms": retrieve, "index_rss_mb": loaded - base}


WORKERS = {"faiss-build": faiss_build, "faiss-search": faiss_search, "exact-search": exact_search,
           "bm25-build": bm25_build, "bm25-search": bm25_search}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench_workers", description="scale benchmark worker")
    p.add_argument("what", choices=sorted(WORKERS))
    p.add_argument("--vectors", type=Path)
    p.add_argument("--kind", default="auto")
    p.add_argument("--out", type=Path)
    p.add_argument("--index", type=Path)
    p.add_argument("--queries", type=Path)
    p.add_argument("--truth", type=Path)
    p.add_argument("--reference", type=Path)
    p.add_argument("--dir", type=Path)
    p.add_argument("--n", type=int)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args(argv)
    print_result(WORKERS[args.what](args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
