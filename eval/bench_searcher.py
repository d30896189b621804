"""The real hybrid Searcher over a synthetic corpus (scale benchmark worker):
`python -m eval.bench_searcher --dir SIZE_DIR --reference INDEX_DIR --n N` prints one JSON line.

The corpus is the one the scale benchmark built in SIZE_DIR (vectors.npy, faiss.index, bm25/),
with chunks whose text is the synthetic BM25 tokens, so fusion, coverage and hit building run
on real strings. The question vectors are given (embedding time does not depend on corpus size;
the query benchmark measures it). Sentences are left out: the synthetic corpus has none.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from eval.bench_proc import median_of, percentiles, print_result

CHUNKS_PER_ARTICLE = 1000


class GivenVector:
    """An embedder that answers every text with the current question's precomputed vector (a question
    naming two places is searched once per place, with its text changed)."""

    name, query_prefix, passage_prefix = "given", "", ""

    def __init__(self, dim: int):
        self.dim = dim
        self.current = np.zeros(dim, dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.current] * len(texts))


def synthetic_index(size_dir: Path, reference: Path, n: int):
    """A LoadedIndex over the synthetic corpus in `size_dir`, as index.store.load_index would give."""
    import bm25s
    import faiss

    from eval.bench_synth import TokenCorpus, fit_tokens
    from index.store import LoadedIndex, read_manifest
    from index.tokens import Tokenizer
    from index.types import Article, Chunk

    model = fit_tokens(bm25s.BM25.load(str(reference / "bm25")))
    vocab = model.vocab
    chunks = []
    for i, ids in enumerate(TokenCorpus(model, n, seed=n)):  # the same seed as the BM25 build: same texts
        text = "".join(vocab[t] for t in ids)
        chunks.append(Chunk(id=f"{i:016x}", report=f"r{i // CHUNKS_PER_ARTICLE:04d}.txt", article_index=0,
                            article_title="合成报告", section_path=(), start=0, end=len(text), text=text))
    articles = {f"r{a:04d}.txt#0": Article(report=f"r{a:04d}.txt", index=0, title="合成报告", text="")
                for a in range((n + CHUNKS_PER_ARTICLE - 1) // CHUNKS_PER_ARTICLE)}
    manifest = {**read_manifest(reference), "counts": {"chunks": n}}
    return LoadedIndex(path=size_dir, manifest=manifest, articles=articles, chunks=chunks,
                       vectors=np.load(size_dir / "vectors.npy", mmap_mode="r"),
                       faiss_index=faiss.read_index(str(size_dir / "faiss.index"), faiss.IO_FLAG_MMAP),
                       bm25=bm25s.BM25.load(str(size_dir / "bm25"), mmap=True),
                       tokenizer=Tokenizer.load(reference / "userdict.txt"))


def time_searches(searcher, questions: list[str], vectors: np.ndarray, repeats: int, tokenizer=None) -> dict:
    """Median over `repeats` passes of the Searcher's time per question (question vectors given),
    whole and by stage (`tokenizer`: also time its tokens)."""
    from eval.bench_query import StageClock

    prepared = [searcher.prepare(q) for q in questions]
    clock = StageClock()
    for attr, stage in (("_bm25_scores", "bm25"), ("_dense_scores", "dense"), ("_fuse", "fusion"), ("_hits", "hits")):
        clock.wrap(searcher, attr, stage)
    names = ("bm25", "dense", "fusion", "hits")
    if tokenizer is not None:
        clock.wrap(tokenizer, "tokens", "tokenize")
        names = ("tokenize", *names)
    passes, stages = [], {s: [] for s in names}
    for _ in range(repeats):
        ms, per_stage = [], {s: [] for s in stages}
        for query, vector in zip(prepared, vectors):
            searcher.embedder.current = vector
            searcher._vectors.clear()  # the query-vector cache
            clock.take()
            t = time.perf_counter()
            searcher.search_prepared(query, k=10)
            ms.append((time.perf_counter() - t) * 1000)
            spent = clock.take()
            for s in stages:
                per_stage[s].append(spent.get(s, 0.0) * 1000)
        passes.append(percentiles(ms))
        for s in stages:
            stages[s].append(percentiles(per_stage[s]))
    return {"search_ms": median_of(passes), "stages_ms": {s: median_of(v) for s, v in stages.items()}}


def main(argv: list[str] | None = None) -> int:
    from eval.qa import load_qa
    from retrieval.search import Searcher

    p = argparse.ArgumentParser(prog="python -m eval.bench_searcher", description=__doc__.split("\n")[0])
    p.add_argument("--dir", type=Path, required=True)
    p.add_argument("--reference", type=Path, required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--qa", type=Path, required=True)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args(argv)
    start = time.perf_counter()
    index = synthetic_index(args.dir, args.reference, args.n)
    load_s = time.perf_counter() - start
    questions = [item.question for item in load_qa(args.qa)]
    vectors = np.load(args.dir / "queries.npy")
    start = time.perf_counter()
    searcher = Searcher(index, GivenVector(vectors.shape[1]))
    open_s = time.perf_counter() - start
    timed = time_searches(searcher, questions, vectors, args.repeats, tokenizer=index.tokenizer)
    print_result({"load_s": load_s, "open_s": open_s, **timed})
    return 0


if __name__ == "__main__":
    sys.exit(main())
