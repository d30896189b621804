"""Milvus Lite beside FAISS + bm25s on the same synthetic corpus (eval/bench_synth.py): the `milvus`
stage of `python -m eval.bench`. For each size, the FAISS, BM25 and Searcher rows of the scale
benchmark, then Milvus Lite: the collection written the way `python -m index sync` writes it (both
BM25 fields, batched upserts), its size on disk, raw dense and BM25 search, and the whole Searcher
on Milvus. Each build and search runs in its own process:
`python -m eval.bench_milvus build|search --dir SIZE_DIR --reference INDEX_DIR --n N` prints one JSON line.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from eval.bench_proc import disk_mb, print_result, run_worker

SIZES = (100_000,)
COLLECTION = "bench"


def _store(size_dir: Path):
    from index.store_options import StoreSettings

    return StoreSettings("milvus", str(size_dir / "milvus.db"), COLLECTION)


def _synthetic_rows(reference: Path, size_dir: Path, n: int) -> tuple[list[str], list[str], Callable]:
    """Ids and hashes of the synthetic chunks (the scale benchmark's texts, same seed), and a row
    builder that generates their text as it goes (positions must come in order)."""
    import bm25s

    from eval.bench_synth import TokenCorpus, fit_tokens
    from index.milvus_store import token_text

    model = fit_tokens(bm25s.BM25.load(str(reference / "bm25")))
    vectors = np.load(size_dir / "vectors.npy", mmap_mode="r")
    corpus = iter(enumerate(TokenCorpus(model, n, seed=n)))
    ids = [f"{i:016x}" for i in range(n)]

    def rows(positions: list[int]) -> list[dict]:
        out = []
        for want in positions:
            i, token_ids = next(corpus)
            assert i == want, "rows are written in order"
            tokens = [model.vocab[t] for t in token_ids]
            text, report = "".join(tokens), f"r{i // 1000:04d}.txt"
            out.append({"id": ids[i], "vector": np.asarray(vectors[i]), "text": text, "tokens": token_text(tokens),
                        "report": report, "article_key": f"{report}#0", "article_title": "合成报告",
                        "section_path": [], "start": 0, "end": len(text), "dup_group": -1, "row_hash": ids[i]})
        return out

    return ids, ids, rows


def build(args) -> dict:
    """Write the collection as a sync does, wait for Milvus Lite's background index builds, report."""
    from index.milvus_store import MilvusStore, connect

    store = _store(args.dir)
    milvus = MilvusStore(connect(store), COLLECTION)
    ids, hashes, rows = _synthetic_rows(args.reference, args.dir, args.n)
    start = time.perf_counter()
    setup = milvus.create(int(np.load(args.dir / "queries.npy").shape[1]), args.n, recreate=True, lite=True)
    summary = milvus.sync(ids, hashes, rows, progress=False)
    written = time.perf_counter() - start
    while milvus.client.describe_index(COLLECTION, "vector").get("pending_index_rows", 0):
        time.sleep(1)
    milvus.client.search(COLLECTION, data=[[0.0] * len(np.load(args.dir / "queries.npy")[0])], anns_field="vector",
                         limit=1, output_fields=["id"])
    return {"seconds": written, "indexed_s": time.perf_counter() - start, "rows": summary.upserted,
            "count": milvus.count(), "setup": setup}


def _raw_searches(client, queries: np.ndarray, tokens: list[list[str]], truth: np.ndarray, repeats: int) -> dict:
    from eval.bench_workers import RESCORE_K, _timed, recall_at
    from index.milvus_store import token_text

    def dense(q, limit):
        found = client.search(COLLECTION, data=[q.tolist()], anns_field="vector", limit=limit, output_fields=["id"],
                              search_params={"metric_type": "IP", "params": {"ef": max(256, limit)}})[0]
        return np.array([int(h["id"], 16) for h in found])

    found, top10 = _timed(lambda q: dense(q, 10), queries, repeats)
    _, top200 = _timed(lambda q: dense(q, RESCORE_K), queries, repeats)
    _, bm25 = _timed(lambda t: client.search(COLLECTION, data=[token_text(t)], anns_field="tokens_bm25",
                                             limit=RESCORE_K, output_fields=["id"]), [t for t in tokens if t], repeats)
    return {"dense10_ms": top10, "recall@10": recall_at(found, truth), "dense200_ms": top200, "bm25_ms": bm25}


def _searcher(index, backend, questions: list[str], vectors: np.ndarray, repeats: int) -> dict:
    from eval.bench_searcher import GivenVector, time_searches
    from retrieval.search import Searcher

    searcher = Searcher(index, GivenVector(vectors.shape[1]), backend=backend)
    return time_searches(searcher, questions, vectors, repeats)


def search(args) -> dict:
    """Open the collection (the first search of each segment builds its BM25 postings: timed apart),
    then raw searches and the whole Searcher on Milvus."""
    from eval.bench_proc import own_memory_mb
    from eval.bench_searcher import synthetic_index
    from eval.qa import load_qa
    from index.milvus_store import connect, token_text
    from retrieval.milvus_backend import MilvusBackend

    base = own_memory_mb()["rss_mb"]
    start = time.perf_counter()
    client = connect(_store(args.dir))
    client.load_collection(COLLECTION)
    load_s = time.perf_counter() - start
    tokens = json.loads((args.dir / "query_tokens.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    client.search(COLLECTION, data=[token_text(next(t for t in tokens if t))], anns_field="tokens_bm25", limit=1)
    first_bm25_s = time.perf_counter() - start
    opened = own_memory_mb()["rss_mb"]
    queries = np.load(args.dir / "queries.npy")
    raw = _raw_searches(client, queries, tokens, np.load(args.dir / "truth.npy"), args.repeats)
    index = synthetic_index(args.dir, args.reference, args.n)
    backend = MilvusBackend(index, _store(args.dir), client, COLLECTION)
    questions = [item.question for item in load_qa(args.qa)]
    full = _searcher(index, backend, questions, queries, args.repeats)
    return {"load_s": load_s, "first_bm25_s": first_bm25_s, "engine_rss_mb": opened - base, **raw, **full}


def measure_milvus(index_dir: Path, query_vectors: np.ndarray, query_tokens: list[list[str]], qa: Path,
                   work: Path, sizes: tuple[int, ...] = SIZES, repeats: int = 1,
                   log: Callable[[str], None] = print) -> dict:
    """For each size: the scale benchmark's FAISS, BM25 and Searcher rows, then the Milvus Lite rows."""
    from eval.bench_scale import _bm25_row, _faiss_rows, _searcher_row, reference_vectors, write_size_dir
    from eval.bench_synth import fit_vectors

    model = fit_vectors(reference_vectors(index_dir))
    rows = []
    for n in sizes:
        size_dir = work / f"milvus-{n}"
        shutil.rmtree(size_dir, ignore_errors=True)
        size_dir.mkdir(parents=True)
        try:
            vec = write_size_dir(model, n, size_dir, query_vectors, query_tokens)
            rows += [r for r in _faiss_rows(n, vec, size_dir, repeats) if r["engine"] == "faiss"]
            rows.append(_bm25_row(n, index_dir / "bm25", size_dir, repeats))
            rows.append(_searcher_row(n, index_dir, size_dir, qa, repeats))
            log(f"  milvus {n:,}: FAISS, BM25 and Searcher rows done")
            rows += _milvus_rows(n, index_dir, size_dir, qa, repeats)
            log(f"  milvus {n:,}: Milvus Lite done")
        finally:
            shutil.rmtree(size_dir, ignore_errors=True)
    return {"sizes": list(sizes), "queries": len(query_vectors), "repeats": repeats, "dim": model.dim, "rows": rows}


def _milvus_rows(n: int, index_dir: Path, size_dir: Path, qa: Path, repeats: int) -> list[dict]:
    common = ["--dir", str(size_dir), "--reference", str(index_dir), "--n", str(n)]
    built = run_worker("eval.bench_milvus", ["build", *common])
    found = run_worker("eval.bench_milvus", ["search", *common, "--qa", str(qa), "--repeats", str(repeats)])
    dense = built["setup"]["dense_index"]
    base = {"n": n, "build_s": round(built["seconds"], 1), "build_peak_rss_mb": round(built["peak_rss_mb"], 1),
            "indexed_s": round(built["indexed_s"], 1), "disk_mb": disk_mb(size_dir / "milvus.db"),
            "load_s": round(found["load_s"], 2), "first_bm25_s": round(found["first_bm25_s"], 2),
            "rss_mb": round(found["peak_rss_mb"], 1), "anon_mb": found["anon_mb"]}
    return [{**base, "engine": "milvus-dense", "type": f"Milvus Lite {dense} (top 10 / top 200)",
             "p50_ms": found["dense10_ms"]["p50"], "p95_ms": found["dense10_ms"]["p95"],
             "top200_p50_ms": found["dense200_ms"]["p50"], "top200_p95_ms": found["dense200_ms"]["p95"],
             "recall@10": round(found["recall@10"], 4)},
            {**base, "engine": "milvus-bm25", "type": "Milvus Lite BM25 (tokens field), top 200",
             "p50_ms": found["bm25_ms"]["p50"], "p95_ms": found["bm25_ms"]["p95"]},
            {**base, "engine": "milvus-searcher", "type": "Searcher (hybrid) on Milvus Lite",
             "p50_ms": found["search_ms"]["p50"], "p95_ms": found["search_ms"]["p95"], "stages_ms": found["stages_ms"]}]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench_milvus", description=__doc__.split("\n")[0])
    p.add_argument("what", choices=("build", "search"))
    p.add_argument("--dir", type=Path, required=True)
    p.add_argument("--reference", type=Path, required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--qa", type=Path)
    p.add_argument("--repeats", type=int, default=1)
    args = p.parse_args(argv)
    print_result(build(args) if args.what == "build" else search(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
