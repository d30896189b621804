"""Tests for the Milvus backend on Milvus Lite (index/milvus_store.py, retrieval/milvus_backend.py,
the --store flags): what the collection holds, BM25 and search parity with bm25s + FAISS, filters,
resumable and incremental writes, refusals that name the fix."""
from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite")

from index.__main__ import main as index_main  # noqa: E402
from index.build import build_index  # noqa: E402
from index.embedders import HashEmbedder  # noqa: E402
from index.milvus_store import MilvusStore, StoreError, connect, token_text  # noqa: E402
from index.milvus_sync import chunk_rows  # noqa: E402
from index.settings import IndexSettings  # noqa: E402
from index.store import IndexLoadError, load_index  # noqa: E402
from index.store_options import StoreSettings, default_collection  # noqa: E402
from retrieval.__main__ import main as retrieval_main  # noqa: E402
from retrieval.milvus_backend import open_backend  # noqa: E402
from retrieval.pipeline import Pipeline  # noqa: E402
from retrieval.search import Filters, Searcher  # noqa: E402

EXCERPTS = Path(__file__).parent / "data" / "reports"
QUESTIONS = ["上坪乡的婚检率是多少？", "明溪口镇下辖多少个行政村？", "怎么创建无毒害区？", "计划生育责任书"]


def _build(corpus: Path, index_dir: Path, uri: Path) -> IndexSettings:
    settings = IndexSettings(corpus_dir=corpus, index_dir=index_dir, model="hash",
                             store=StoreSettings("milvus", str(uri)))
    build_index(settings, HashEmbedder(), progress=False, log=lambda _: None)
    return settings


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> IndexSettings:
    """The excerpt corpus built with `--store milvus` into a Milvus Lite file, once."""
    root = tmp_path_factory.mktemp("milvus")
    shutil.copytree(EXCERPTS, root / "corpus")
    return _build(root / "corpus", root / "index", root / "milvus.db")


@pytest.fixture(scope="module")
def index(built):
    return load_index(built.index_dir)


@pytest.fixture(scope="module")
def backend(built, index):
    return open_backend(index, StoreSettings("milvus"))  # the URI comes from the manifest


def test_manifest_records_the_collection(built, index):
    entry = index.manifest["store"]
    assert entry["kind"] == "milvus" and entry["lite"] is True
    assert entry["uri"] == str(Path(built.store.uri).resolve())
    assert entry["collection"] == default_collection(built.index_dir)
    assert entry["rows"] == len(index.chunks) > 5
    assert entry["dense_index"] == "FLAT" and entry["tokens_analyzer"] == "standard"
    assert entry["bm25"] == {"bm25_k1": 1.2, "bm25_b": 0.75}  # as bm25s; Lite's default would be 1.5


def test_collection_holds_each_chunk_with_what_a_citation_needs(backend, index):
    rows = backend.client.query(backend.collection, filter="", limit=100,
                                output_fields=["id", "text", "tokens", "report", "article_key", "section_path",
                                               "start", "end", "dup_group"])
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {c.id for c in index.chunks}
    for c in index.chunks:
        r = by_id[c.id]
        assert (r["report"], r["article_key"], r["start"], r["end"], r["dup_group"]) == \
               (c.report, c.article_key, c.start, c.end, c.dup_group)
        assert tuple(r["section_path"]) == c.section_path and r["text"] == c.context_text
        assert r["tokens"] == token_text(index.tokenizer.tokens(c.context_text))


def test_token_text_survives_a_word_splitting_analyzer():
    import re

    tokens = ["上坪乡", "98%", "3.5", "covid-19", "婚检率"]
    assert re.findall(r"\w+", token_text(tokens).lower()) == ["上坪乡", "98_", "3_5", "covid_19", "婚检率"]


def test_milvus_bm25_is_bm25s_times_k1_plus_one(backend, index):
    for question in QUESTIONS:
        tokens = index.tokenizer.tokens(question)
        expected = np.asarray(index.bm25.get_scores(tokens), dtype=np.float32)
        found = backend.bm25_scores(tokens, None, limit=1000)
        assert (expected > 0).any()
        # Lucene BM25 both; Milvus keeps the (k1 + 1) factor bm25s drops, which fusion normalises away
        np.testing.assert_allclose(found, expected * 2.2, rtol=1e-4, atol=1e-5)


def test_dense_candidates_are_exact_inner_products_in_row_order(backend, index):
    q = HashEmbedder().embed_queries(["上坪乡的婚检率"])[0]
    rows, sims = backend.dense_candidates(q, None, limit=1000)
    assert list(rows) == sorted(rows) and len(rows) == len(index.chunks)
    np.testing.assert_allclose(sims, np.asarray(index.vectors)[rows] @ q, rtol=1e-5, atol=1e-6)


def test_search_on_milvus_matches_search_on_faiss(backend, index):
    local = Searcher(index, HashEmbedder())
    remote = Searcher(index, HashEmbedder(), backend=backend)
    for question in QUESTIONS:
        a, b = local.search(question, k=5), remote.search(question, k=5)
        assert [h.chunk.id for h in a] == [h.chunk.id for h in b], question
        assert [h.score for h in a] == pytest.approx([h.score for h in b], abs=1e-3)
        assert [h.also_in for h in a] == [h.also_in for h in b]


def test_filters_reach_milvus(backend, index):
    remote = Searcher(index, HashEmbedder(), backend=backend)
    hits = remote.search("计划生育", k=10, filters=Filters(reports=("mingxikou.txt",)))
    assert hits and {h.chunk.report for h in hits} == {"mingxikou.txt"}
    mask = np.array([c.report == "mingxikou.txt" for c in index.chunks])
    assert backend._filter(mask) == 'article_key in ["mingxikou.txt#0"]'
    rows, _ = backend.dense_candidates(HashEmbedder().embed_queries(["计划生育"])[0], mask, limit=100)
    assert set(rows) == set(np.flatnonzero(mask))
    assert remote.search("计划生育", k=10, filters=Filters(reports=("nowhere.txt",))) == []


def test_a_rerun_skips_what_an_interrupted_sync_wrote(built, index, tmp_path):
    store = StoreSettings("milvus", built.store.uri, "resume_test")
    milvus = MilvusStore(connect(store), "resume_test")
    milvus.create(index.vectors.shape[1], len(index.chunks), recreate=True, lite=True)
    hashes, rows = chunk_rows(index)
    ids = [c.id for c in index.chunks]

    def dies_after_two_batches(positions, done=[]):  # noqa: B006 - counts calls across batches
        done.append(1)
        if len(done) > 2:
            raise ConnectionError("killed mid-way")
        return rows(positions)

    with pytest.raises(ConnectionError):
        milvus.sync(ids, hashes, dies_after_two_batches, batch_size=2, progress=False)
    summary = milvus.sync(ids, hashes, rows, batch_size=2, progress=False)
    assert (summary.unchanged, summary.upserted, summary.deleted) == (4, len(ids) - 4, 0)
    assert milvus.count() == len(ids)
    again = milvus.sync(ids, hashes, rows, progress=False)
    assert (again.unchanged, again.upserted) == (len(ids), 0)
    with pytest.raises(StoreError, match="other fields or dimension.*--milvus-recreate"):
        milvus.create(index.vectors.shape[1] + 1, len(index.chunks))


def test_rebuild_updates_changed_chunks_by_id(built, tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(built.corpus_dir, corpus)
    settings = _build(corpus, index_dir, Path(built.store.uri).with_name("incremental.db"))
    before = {c.id for c in load_index(index_dir).chunks}
    path = corpus / "wuduhai.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("毒", "毒品", 1), encoding="utf-8")
    (corpus / "shangping.txt").unlink()
    build_index(settings, HashEmbedder(), progress=False, log=lambda _: None)
    after = load_index(index_dir)
    backend = open_backend(after, StoreSettings("milvus"))
    stored = {r["id"] for r in backend.client.query(backend.collection, filter="", limit=100, output_fields=["id"])}
    assert stored == {c.id for c in after.chunks} != before
    assert not any(c.report == "shangping.txt" for c in after.chunks)


def test_queries_refuse_an_index_milvus_does_not_hold(built, index, excerpt_hash_index, tmp_path):
    with pytest.raises(IndexLoadError, match="has not been written to Milvus.*python -m index sync"):
        Pipeline.open(excerpt_hash_index, store=StoreSettings("milvus", built.store.uri))
    copy = tmp_path / "index"
    shutil.copytree(built.index_dir, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["store"]["collection"] = "never_written"
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(StoreError, match="no collection 'never_written'"):
        Pipeline.open(copy, store=StoreSettings("milvus"))
    backend = open_backend(index, StoreSettings("milvus"))
    gone = index.chunks[0].id
    backend.client.delete(backend.collection, ids=[gone])
    try:
        with pytest.raises(StoreError, match=f"holds {len(index.chunks) - 1} chunks.*python -m index sync"):
            open_backend(index, StoreSettings("milvus"))
    finally:
        hashes, rows = chunk_rows(index)
        backend.client.upsert(backend.collection, rows([0]))


def test_store_settings_check_their_flags():
    with pytest.raises(ValueError, match="neither a local Milvus Lite file"):
        StoreSettings("milvus", "var/milvus")
    with pytest.raises(ValueError, match="not a valid Milvus name"):
        StoreSettings("milvus", "var/milvus.db", "报告")
    with pytest.raises(ValueError, match="is not one of faiss, milvus"):
        StoreSettings("elastic")
    server = StoreSettings("milvus", "http://root:secret@milvus.internal:19530")
    assert not server.is_lite and server.public_uri == "http://milvus.internal:19530"
    assert replace(server, uri="").with_manifest({"store": {"kind": "milvus", "uri": "x.db"}}).uri == "x.db"


def test_command_lines(built, index, capsys):
    assert index_main(["build", "--store", "milvus", "--index-dir", str(built.index_dir)]) == 2
    assert "needs --milvus-uri" in capsys.readouterr().err
    assert index_main(["sync", "--index-dir", str(built.index_dir), "--milvus-uri", built.store.uri, "--quiet"]) == 0
    assert f"0 chunks written, {len(index.chunks)} unchanged" in capsys.readouterr().out
    code = retrieval_main(["ask", QUESTIONS[0], "--index-dir", str(built.index_dir), "--store", "milvus", "--json"])
    answer = json.loads(capsys.readouterr().out)
    assert code == 0 and answer["hits"] and answer["hits"][0]["chunk"]["report"] == "shangping.txt"


def test_bench_workers_measure_milvus_lite(tmp_path, excerpt_hash_index):
    """The milvus bench stage's two workers, in-process on a 300-chunk synthetic corpus."""
    from argparse import Namespace

    from eval import bench_milvus, bench_workers
    from eval.bench_scale import exact_top, reference_vectors
    from eval.bench_synth import fit_vectors, write_vectors

    n, reference = 300, excerpt_hash_index
    vectors = write_vectors(fit_vectors(reference_vectors(reference)), n, tmp_path / "vectors.npy", seed=n)
    queries = HashEmbedder().embed_queries(QUESTIONS)
    np.save(tmp_path / "queries.npy", queries)
    np.save(tmp_path / "truth.npy", exact_top(vectors, queries))
    tokenizer = load_index(reference).tokenizer
    (tmp_path / "query_tokens.json").write_text(json.dumps([tokenizer.tokens(q) for q in QUESTIONS]), encoding="utf-8")
    qa = tmp_path / "qa.jsonl"
    qa.write_text("".join(json.dumps({"id": f"b{i}", "question": q, "answer": "", "evidence": [], "source": None,
                                      "type": "unanswerable", "lang": "zh"}, ensure_ascii=False) + "\n"
                          for i, q in enumerate(QUESTIONS)), encoding="utf-8")
    bench_workers.faiss_build(Namespace(vectors=tmp_path / "vectors.npy", kind="auto", out=tmp_path / "faiss.index"))
    bench_workers.bm25_build(Namespace(reference=reference / "bm25", n=n, out=tmp_path / "bm25"))
    built = bench_milvus.build(Namespace(dir=tmp_path, reference=reference, n=n))
    assert built["count"] == built["rows"] == n and built["setup"]["dense_index"] == "FLAT"
    found = bench_milvus.search(Namespace(dir=tmp_path, reference=reference, n=n, qa=qa, repeats=1))
    assert found["recall@10"] == 1.0  # FLAT is exact
    assert found["search_ms"]["n"] == len(QUESTIONS) and set(found["stages_ms"]) == {"bm25", "dense", "fusion", "hits"}
