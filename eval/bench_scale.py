"""Scale curve: synthetic corpora of 10k, 100k and 1M chunks, shaped like the bundled index
(see eval.bench_synth), searched with BM25 (bm25s) and with the FAISS index make_faiss_index
chooses for the size; build time, size on disk, resident memory, latency, and FAISS recall@10
against exact search. Every build and every search runs in its own process."""
from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np

from eval.bench_proc import disk_mb, run_worker
from eval.bench_synth import fit_vectors, write_vectors
from index.faiss_index import FLAT_MAX

SIZES = (10_000, 100_000, 1_000_000)
TRUTH_BLOCK = 100_000  # rows scored at a time for the exact top 10


def reference_vectors(index_dir: Path) -> np.ndarray:
    """The bundled index's chunk and sentence vectors: what the synthetic ones imitate."""
    names = [n for n in ("vectors.npy", "sentence_vectors.npy") if (index_dir / n).exists()]
    return np.concatenate([part for part in (np.load(index_dir / n) for n in names) if len(part)])


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int = 10) -> np.ndarray:
    """Row ids of each query's k most similar vectors, best first, by brute force in blocks."""
    best_s = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(queries), 0), dtype=np.int64)
    for start in range(0, len(vectors), TRUTH_BLOCK):
        scores = queries @ np.asarray(vectors[start:start + TRUTH_BLOCK]).T
        top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        best_s = np.concatenate([best_s, np.take_along_axis(scores, top, 1)], axis=1)
        best_i = np.concatenate([best_i, top + start], axis=1)
        keep = np.argsort(-best_s, axis=1, kind="stable")[:, :k]
        best_s, best_i = np.take_along_axis(best_s, keep, 1), np.take_along_axis(best_i, keep, 1)
    return best_i


def _faiss_rows(n: int, vec: Path, work: Path, repeats: int) -> list[dict]:
    built = run_worker("eval.bench_workers", ["faiss-build", "--vectors", str(vec), "--out", str(work / "faiss.index")])
    found = run_worker("eval.bench_workers", ["faiss-search", "--index", str(work / "faiss.index"),
                                              "--vectors", str(vec), "--queries", str(work / "queries.npy"),
                                              "--truth", str(work / "truth.npy"), "--repeats", str(repeats)])
    rows = [{"n": n, "engine": "faiss", "type": built["index"]["type"],
             "params": {k: v for k, v in built["index"].items() if k not in ("type", "ntotal")},
             "build_s": round(built["seconds"], 2), "build_peak_rss_mb": round(built["peak_rss_mb"], 1),
             "disk_mb": disk_mb(work / "faiss.index"), "vectors_disk_mb": disk_mb(vec),
             "load_s": round(found["load_s"], 3), "rss_mb": round(found["peak_rss_mb"], 1),
             "anon_mb": found["anon_mb"], "index_rss_mb": round(found["index_rss_mb"], 1),
             "p50_ms": found["search_ms"]["p50"], "p95_ms": found["search_ms"]["p95"],
             "recall@10": round(found["recall@10"], 4),
             "searcher_p50_ms": found["searcher_ms"]["p50"], "searcher_p95_ms": found["searcher_ms"]["p95"],
             "recall@10_rescored": round(found["recall@10_rescored"], 4)}]
    if n > FLAT_MAX:  # what the exact small-corpus path would cost at this size
        exact = run_worker("eval.bench_workers", ["exact-search", "--vectors", str(vec), "--queries",
                                                  str(work / "queries.npy"), "--repeats", str(repeats)])
        rows.append({"n": n, "engine": "exact", "type": "numpy dot (memory-mapped)", "disk_mb": disk_mb(vec),
                     "rss_mb": round(exact["peak_rss_mb"], 1), "anon_mb": exact["anon_mb"],
                     "p50_ms": exact["search_ms"]["p50"],
                     "p95_ms": exact["search_ms"]["p95"], "recall@10": 1.0})
    return rows


def _bm25_row(n: int, reference: Path, work: Path, repeats: int) -> dict:
    out = work / "bm25"
    built = run_worker("eval.bench_workers", ["bm25-build", "--reference", str(reference), "--n", str(n),
                                              "--out", str(out)])
    found = run_worker("eval.bench_workers", ["bm25-search", "--dir", str(out), "--queries",
                                              str(work / "query_tokens.json"), "--repeats", str(repeats)])
    return {"n": n, "engine": "bm25", "type": "bm25s scores, top 200", "postings": built["postings"],
            "build_s": round(built["seconds"], 2), "build_peak_rss_mb": round(built["peak_rss_mb"], 1),
            "disk_mb": disk_mb(out), "load_s": round(found["load_s"], 3), "rss_mb": round(found["peak_rss_mb"], 1),
            "anon_mb": found["anon_mb"], "index_rss_mb": round(found["index_rss_mb"], 1),
            "p50_ms": found["search_ms"]["p50"], "p95_ms": found["search_ms"]["p95"],
            "retrieve_p50_ms": found["retrieve_ms"]["p50"], "retrieve_p95_ms": found["retrieve_ms"]["p95"]}


def _searcher_row(n: int, index_dir: Path, work: Path, qa: Path, repeats: int) -> dict:
    found = run_worker("eval.bench_searcher", ["--dir", str(work), "--reference", str(index_dir), "--n", str(n),
                                               "--qa", str(qa), "--repeats", str(repeats)])
    return {"n": n, "engine": "searcher", "type": "Searcher (hybrid, fused)", "load_s": round(found["load_s"], 2),
            "rss_mb": round(found["peak_rss_mb"], 1), "anon_mb": found["anon_mb"], "p50_ms": found["search_ms"]["p50"],
            "p95_ms": found["search_ms"]["p95"], "stages_ms": found["stages_ms"]}


def write_size_dir(model, n: int, size_dir: Path, query_vectors: np.ndarray, query_tokens: list[list[str]]) -> Path:
    """The synthetic corpus of `n` vectors in `size_dir` (seed `n`), with the questions' vectors, their
    exact top 10 and their BM25 tokens; returns the vectors file."""
    vec = size_dir / "vectors.npy"
    vectors = write_vectors(model, n, vec, seed=n)
    np.save(size_dir / "queries.npy", query_vectors.astype(np.float32))
    np.save(size_dir / "truth.npy", exact_top(vectors, query_vectors))
    del vectors
    (size_dir / "query_tokens.json").write_text(json.dumps(query_tokens, ensure_ascii=False), encoding="utf-8")
    return vec


def measure_scale(index_dir: Path, query_vectors: np.ndarray, query_tokens: list[list[str]], qa: Path, work: Path,
                  sizes: tuple[int, ...] = SIZES, repeats: int = 3, log: Callable[[str], None] = print) -> dict:
    """The scale rows for each size in `sizes`; synthetic files live under `work` and are removed
    after each size. The queries are the questions of `qa`: their vectors and their BM25 tokens.
    Rows: the FAISS index chosen for the size, exact search for comparison (above FLAT_MAX), BM25,
    and the whole hybrid Searcher (eval/bench_searcher.py) over both."""
    model = fit_vectors(reference_vectors(index_dir))
    rows = []
    for n in sizes:
        size_dir = work / f"scale-{n}"
        shutil.rmtree(size_dir, ignore_errors=True)
        size_dir.mkdir(parents=True)
        try:
            vec = write_size_dir(model, n, size_dir, query_vectors, query_tokens)
            rows.extend(_faiss_rows(n, vec, size_dir, repeats))
            log(f"  scale {n:,}: FAISS {rows[-1 if n <= FLAT_MAX else -2]['type']} done")
            rows.append(_bm25_row(n, index_dir / "bm25", size_dir, repeats))
            log(f"  scale {n:,}: BM25 done")
            rows.append(_searcher_row(n, index_dir, size_dir, qa, repeats))
            log(f"  scale {n:,}: hybrid searcher done")
        finally:
            shutil.rmtree(size_dir, ignore_errors=True)
    return {"sizes": list(sizes), "queries": len(query_vectors), "repeats": repeats, "dim": model.dim,
            "generator": "eval/bench_synth.py: vectors = bundled vectors + Gaussian noise (0.5 × their covariance), "
                         "tokens drawn by the bundled corpus's document frequencies", "rows": rows}
