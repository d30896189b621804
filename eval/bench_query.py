"""Warm query benchmark: question in → answer out through Pipeline.ask, end to end and by stage.

Stages are timed from outside the library: the pipeline's own objects get their methods wrapped
with perf_counter (prepare, jieba tokens, query embedding, BM25 scores, dense scores, fusion and
hit building, answer composition). Nested calls are taken out of the outer stage, so the stages add
up to the total, with "other" the remainder (glue code, place splitting, question cleaning).
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from eval.bench_proc import median_of, percentiles

STAGES = ("prepare", "tokenize", "embed", "bm25", "dense", "fusion", "answer", "other")


class StageClock:
    """Exclusive time per stage over wrapped calls (a call's nested wrapped calls count to their own stage)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._inner: list[float] = []

    def wrap(self, obj: object, attr: str, stage: str) -> bool:
        """Time every call of obj.attr as `stage`; False when obj has no such attribute."""
        fn = getattr(obj, attr, None)
        if fn is None:
            return False

        def timed(*args, **kwargs):
            start = time.perf_counter()
            self._inner.append(0.0)
            try:
                return fn(*args, **kwargs)
            finally:
                nested = self._inner.pop()
                took = time.perf_counter() - start
                self.spent[stage] += took - nested
                if self._inner:
                    self._inner[-1] += took

        setattr(obj, attr, timed)
        return True

    def take(self) -> dict[str, float]:
        """Seconds per stage since the last take()."""
        out, self.spent = dict(self.spent), defaultdict(float)
        return out


def instrument(pipeline) -> tuple[StageClock, list[str]]:
    """Wrap the pipeline's stage methods; returns the clock and the stages it could not find."""
    clock = StageClock()
    s = pipeline.searcher
    targets = [(s, "prepare", "prepare"), (s.index.tokenizer, "tokens", "tokenize"),
               (s.embedder, "embed_queries", "embed"), (s, "_bm25_scores", "bm25"), (s, "_dense_scores", "dense"),
               (s, "_fuse", "fusion"), (s, "_hits", "fusion"), (pipeline.composer, "compose", "answer")]
    missing = [f"{type(obj).__name__}.{attr}" for obj, attr, stage in targets if not clock.wrap(obj, attr, stage)]
    return clock, missing


def forget_queries(pipeline) -> None:
    """Drop the searcher's query-vector cache, so every pass embeds every question as a new user would."""
    cache = getattr(pipeline.searcher, "_vectors", None)
    if isinstance(cache, dict):
        cache.clear()


def one_pass(pipeline, clock: StageClock, questions: list[str]) -> tuple[list[float], dict[str, list[float]]]:
    """Ask every question once; (total ms per question, ms per stage per question)."""
    forget_queries(pipeline)
    totals, stages = [], defaultdict(list)
    for q in questions:
        clock.take()
        start = time.perf_counter()
        pipeline.ask(q, k=10)
        total = (time.perf_counter() - start) * 1000
        spent = {k: v * 1000 for k, v in clock.take().items()}
        totals.append(total)
        for stage in STAGES[:-1]:
            stages[stage].append(spent.get(stage, 0.0))
        stages["other"].append(max(0.0, total - sum(spent.values())))
    return totals, stages


def measure_queries(index_dir: Path, questions: list[str], repeats: int,
                    log: Callable[[str], None] = print) -> dict:
    """Open the pipeline once (timed), warm it with one question, then `repeats` passes over
    `questions`; the figures are medians over passes."""
    from retrieval.pipeline import Pipeline

    start = time.perf_counter()
    pipeline = Pipeline.open(index_dir)
    open_s = time.perf_counter() - start
    start = time.perf_counter()
    pipeline.ask("warm-up: " + questions[0], k=10)
    first_ms = (time.perf_counter() - start) * 1000
    clock, missing = instrument(pipeline)
    passes, stage_passes = [], []
    for r in range(repeats):
        totals, stages = one_pass(pipeline, clock, questions)
        passes.append(percentiles(totals))
        stage_passes.append({k: percentiles(v) for k, v in stages.items()})
        log(f"  query pass {r + 1}/{repeats}: p50 {passes[-1]['p50']:.1f} ms, p95 {passes[-1]['p95']:.1f} ms")
    index = pipeline.searcher.index
    return {
        "index_dir": str(index_dir), "model": index.model, "chunks": len(index.chunks),
        "sentences": len(index.sentences), "faiss": index.manifest.get("faiss", {}),
        "n_questions": len(questions), "repeats": repeats,
        "open_s": round(open_s, 3), "first_query_ms": round(first_ms, 2),
        "query_ms": median_of(passes),
        "stages_ms": {k: median_of([p[k] for p in stage_passes]) for k in STAGES},
        "passes": passes, "not_instrumented": missing,
    }
