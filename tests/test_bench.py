"""Tests for `python -m eval.bench` and its helpers: what bench.json holds, not how fast anything is
(timings belong in BENCHMARKS.md)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from eval.bench import main
from eval.bench_build import ADDED_PARAGRAPH, change_one_report, copy_corpus, embedding_texts
from eval.bench_query import STAGES, StageClock
from eval.bench_report import evaluate_targets
from eval.bench_scale import exact_top
from eval.bench_synth import TokenCorpus, TokenModel, fit_vectors, isotropic_model, vector_batches
from eval.bench_workers import recall_at
from index.settings import PROJECT_ROOT

EXCERPTS = Path(__file__).parent / "data" / "reports"


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> dict:
    """One quick run on the excerpts with the hash model, every stage, a 3,000-chunk scale point.
    The index does not exist yet, so the bench builds it first."""
    root = tmp_path_factory.mktemp("bench")
    code = main(["--quick", "--out", str(root / "out"), "--index-dir", str(root / "index"), "--model", "hash",
                 "--corpus", str(EXCERPTS), "--stages", "build,query,app,scale", "--scale-sizes", "3000"])
    assert code == 0
    return json.loads((root / "out" / "bench.json").read_text(encoding="utf-8"))


def test_bench_json_holds_the_documented_keys(bench):
    assert {"mode", "machine", "config", "build", "query", "app", "scale", "targets", "seconds"} <= set(bench)
    assert bench["mode"] == "quick" and bench["machine"]["nproc"] >= 1 and bench["machine"]["cpu"]
    b = bench["build"]
    assert {"cold_s", "chars_per_s", "chunks_per_s", "embed_s", "embed_texts_per_s", "build_overhead_ratio",
            "incremental_s", "incremental_ratio", "nochange_s", "nochange_ratio", "peak_rss_mb"} <= set(b)
    q = bench["query"]
    assert set(q["query_ms"]) >= {"p50", "p95"} and set(q["stages_ms"]) == set(STAGES)
    assert q["not_instrumented"] == []  # every stage method was found and timed
    assert {"cold_start_s", "serve_peak_rss_mb", "api_ms"} <= set(bench["app"])
    assert [t["target"] for t in bench["targets"]][:2] == ["warm query p50 ≤ 50 ms", "warm query p95 ≤ 120 ms"]


def test_build_figures_describe_the_corpus_and_the_edit(bench):
    b = bench["build"]
    texts, chars, chunks, sentences = embedding_texts(EXCERPTS)
    assert b["corpus"]["chunks"] == chunks and b["corpus"]["chars"] == chars
    assert b["corpus"]["texts_embedded"] == b["corpus"]["texts_embedded_by_build"] == len(texts)
    assert b["build_overhead_ratio"] == pytest.approx(b["cold_s"] / b["embed_s"])
    assert b["incremental_ratio"] == pytest.approx(b["incremental_s"] / b["cold_s"])
    assert 0 < b["incremental_embedded"] < len(texts)  # only the changed report's texts were embedded again
    assert b["peak_rss_mb"] > 50


def test_query_figures_cover_every_question(bench):
    q = bench["query"]
    qa = PROJECT_ROOT / "eval" / "qa.jsonl"
    assert q["n_questions"] == q["query_ms"]["n"] == len(qa.read_text(encoding="utf-8").splitlines())
    assert 0 < q["query_ms"]["p50"] <= q["query_ms"]["p95"]
    assert q["model"] == "hash-256" and q["faiss"]["type"] == "IndexFlatIP"
    assert bench["app"]["first_answer_refused"] in (True, False) and bench["app"]["serve_peak_rss_mb"] > 50


def test_scale_rows_for_each_engine(bench):
    rows = bench["scale"]["rows"]
    assert [(r["n"], r["engine"]) for r in rows] == [(3000, "faiss"), (3000, "bm25"), (3000, "searcher")]
    faiss_row, bm25_row, searcher_row = rows
    assert faiss_row["type"] == "IndexFlatIP" and faiss_row["recall@10"] == faiss_row["recall@10_rescored"] == 1.0
    assert faiss_row["disk_mb"] > 0 and bm25_row["disk_mb"] > 0 and bm25_row["postings"] > 3000
    assert set(searcher_row["stages_ms"]) == {"tokenize", "bm25", "dense", "fusion", "hits"}
    assert all(r["rss_mb"] > 0 and r["p50_ms"] <= r["p95_ms"] for r in rows)


def test_targets_say_what_was_not_measured(bench):
    by_name = {t["target"]: t for t in bench["targets"]}
    assert by_name["build overhead ≤ 1.2× pure embedding"]["met"] is None  # a quick subset proves nothing
    assert "subset" in by_name["build overhead ≤ 1.2× pure embedding"]["note"]
    assert by_name["1M chunks: FAISS recall@10 ≥ 0.95 against exact"]["met"] is None
    judged = evaluate_targets({"query": {"query_ms": {"p50": 10, "p95": 500}}})
    assert [t["met"] for t in judged[:2]] == [True, False] and judged[2]["met"] is None


def test_bad_flags_are_refused(tmp_path, capsys):
    assert main(["--out", str(tmp_path), "--stages", "build,warp"]) == 2
    assert "unknown stage(s) warp" in capsys.readouterr().err
    assert main(["--out", str(tmp_path), "--corpus", str(tmp_path / "nowhere"), "--model", "hash",
                 "--index-dir", str(tmp_path / "index")]) == 2
    assert "does not exist" in capsys.readouterr().err


# --- helpers ----------------------------------------------------------------------------------

def test_a_subset_keeps_whole_lines_of_every_file(tmp_path):
    subset = copy_corpus(EXCERPTS, tmp_path / "subset", max_chars=300)
    names = sorted(p.name for p in subset.iterdir())
    assert names == sorted(p.name for p in EXCERPTS.iterdir())
    for name in names:
        text, full = (subset / name).read_text(encoding="utf-8"), (EXCERPTS / name).read_text(encoding="utf-8")
        assert full.startswith(text) and text.endswith("\n") and len(text) < len(full)


def test_changing_one_report_changes_only_that_file(tmp_path):
    corpus = copy_corpus(EXCERPTS, tmp_path / "corpus")
    before = {p.name: p.read_text(encoding="utf-8") for p in corpus.iterdir()}
    name = change_one_report(corpus)
    after = {p.name: p.read_text(encoding="utf-8") for p in corpus.iterdir()}
    assert [n for n in before if before[n] != after[n]] == [name]
    assert after[name].rstrip().endswith(ADDED_PARAGRAPH)


def test_the_stage_clock_counts_nested_time_once():
    class Work:
        def outer(self):
            time.sleep(0.02)
            self.inner()

        def inner(self):
            time.sleep(0.03)

    work, clock = Work(), StageClock()
    assert clock.wrap(work, "outer", "a") and clock.wrap(work, "inner", "b")
    assert not clock.wrap(work, "missing", "c")
    work.outer()
    spent = clock.take()
    assert spent["b"] >= 0.03 and 0.02 <= spent["a"] < 0.03 + 0.02  # outer's own time only
    assert clock.take() == {}


def test_exact_top_matches_brute_force_across_blocks(monkeypatch):
    from eval import bench_scale

    monkeypatch.setattr(bench_scale, "TRUTH_BLOCK", 70)  # several blocks, a ragged last one
    vectors = np.concatenate(list(vector_batches(isotropic_model(32), 500, batch=128)))
    queries = vectors[:7] + 0.01
    np.testing.assert_array_equal(exact_top(vectors, queries, 10), np.argsort(-(queries @ vectors.T), axis=1)[:, :10])
    assert recall_at(exact_top(vectors, queries), exact_top(vectors, queries)) == 1.0


def test_synthetic_vectors_and_tokens_are_shaped_and_repeatable():
    model = fit_vectors(np.concatenate(list(vector_batches(isotropic_model(16), 200))))
    a, b = (np.concatenate(list(vector_batches(model, 1000, seed=5, batch=300))) for _ in range(2))
    assert a.shape == (1000, 16) and a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(a, b)
    tokens = TokenModel(["甲", "乙", "丙"], np.array([0.7, 0.3, 0.0]), np.array([2, 3]))
    docs = TokenCorpus(tokens, 25, seed=1)
    assert len(docs) == 25 and list(docs) == list(docs)
    assert all(len(d) in (2, 3) and set(d) <= {0, 1} for d in docs)
