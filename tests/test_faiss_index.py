"""Tests for index.faiss_index: the type chosen by corpus size, approximate recall against exact search,
filtered search, save → load through index.store, and the searcher on an approximate index."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from index import faiss_index
from index.build import build_index
from index.faiss_index import FLAT_MAX, HNSW_MAX, choose_kind, describe, is_exact, make_faiss_index, search
from index.settings import IndexSettings
from index.store import load_index

EXCERPTS = Path(__file__).parent / "data" / "reports"
TYPES = {"flat": "IndexFlatIP", "hnsw": "IndexHNSWFlat", "ivf": "IndexIVFScalarQuantizer"}


def clustered(n: int, dim: int = 64, clusters: int = 50, seed: int = 0) -> np.ndarray:
    """Normalised vectors around a few centres, as text embeddings are (random ones have no structure)."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dim))
    points = centres[rng.integers(0, clusters, n)] + 0.6 * rng.standard_normal((n, dim))
    return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-(queries @ vectors.T), axis=1, kind="stable")[:, :k]


def test_the_type_follows_the_corpus_size():
    assert choose_kind(0) == choose_kind(585) == choose_kind(FLAT_MAX) == "flat"
    assert choose_kind(FLAT_MAX + 1) == choose_kind(HNSW_MAX) == "hnsw"
    assert choose_kind(HNSW_MAX + 1) == choose_kind(1_000_000) == "ivf"


def test_auto_builds_the_chosen_type(monkeypatch):
    vectors = clustered(600)
    assert type(make_faiss_index(vectors)).__name__ == "IndexFlatIP"
    monkeypatch.setattr(faiss_index, "FLAT_MAX", 100)
    assert type(make_faiss_index(vectors)).__name__ == "IndexHNSWFlat"
    monkeypatch.setattr(faiss_index, "HNSW_MAX", 500)
    index = make_faiss_index(vectors)
    assert type(index).__name__ == "IndexIVFScalarQuantizer"
    assert describe(index)["nlist"] == faiss_index.ivf_lists(600) and index.ntotal == 600


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
def test_approximate_recall_against_exact_is_high(kind):
    vectors, queries = clustered(5000), clustered(100, seed=1)
    index = make_faiss_index(vectors, kind)
    truth = exact_top(vectors, queries, 10)
    found = [search(index, q, 10)[0] for q in queries]
    recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth)])
    assert recall >= 0.9, f"{kind} recall@10 {recall:.3f}"
    assert not is_exact(index)


def test_flat_is_exact_and_scores_are_cosines():
    vectors = clustered(300)
    index = make_faiss_index(vectors, "flat")
    rows, scores = search(index, vectors[7], 5)
    assert is_exact(index) and rows[0] == 7
    np.testing.assert_array_equal(rows, exact_top(vectors, vectors[7:8], 5)[0])
    np.testing.assert_allclose(scores, vectors[rows] @ vectors[7], rtol=1e-5)


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf"])
def test_a_mask_keeps_search_to_its_rows(kind):
    vectors = clustered(2000)
    mask = np.zeros(len(vectors), dtype=bool)
    mask[::3] = True
    rows, _ = search(make_faiss_index(vectors, kind), vectors[1], 20, mask)
    assert len(rows) == 20 and mask[rows].all() and 1 not in rows


def test_k_larger_than_the_index_and_an_empty_index():
    rows, scores = search(make_faiss_index(clustered(4)), clustered(1, seed=3)[0], 10)
    assert sorted(rows.tolist()) == [0, 1, 2, 3] and len(scores) == 4
    empty = make_faiss_index(np.zeros((0, 64), dtype=np.float32))
    assert len(search(empty, clustered(1)[0], 5)[0]) == 0


@pytest.mark.parametrize("n, zeros", [(1_000_000, 0.6), (300_000, 0.999), (500, 0.5), (100_000, 1.0)])
def test_top_positive_is_the_exact_top_k(n, zeros):
    from retrieval.arrays import top_positive as _top_positive

    rng = np.random.default_rng(n)
    scores = rng.random(n).astype(np.float32)
    scores[rng.random(n) < zeros] = 0
    rows = _top_positive(scores, 200)
    positive = np.flatnonzero(scores > 0)
    expected = np.sort(scores[positive])[::-1][:200]
    np.testing.assert_array_equal(np.sort(scores[rows])[::-1], expected)
    assert len(set(rows.tolist())) == len(rows)


def test_bad_kinds_are_refused_with_the_choices():
    with pytest.raises(ValueError, match="'annoy' is not one of auto, flat, hnsw, ivf"):
        make_faiss_index(clustered(10), "annoy")
    with pytest.raises(ValueError, match="needs at least 16 vectors to train"):
        make_faiss_index(clustered(10), "ivf")
    with pytest.raises(ValueError, match="faiss_index 'annoy' is not one of"):
        IndexSettings(faiss_index="annoy")


# --- through index.store and the searcher ------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, IndexSettings]:
    """The excerpt corpus indexed once per FAISS type, in small chunks so IVF has enough to train."""
    root = tmp_path_factory.mktemp("faiss")
    shutil.copytree(EXCERPTS, root / "corpus")
    out = {}
    for kind in TYPES:
        settings = IndexSettings(corpus_dir=root / "corpus", index_dir=root / kind, model="hash", chunk_size=60,
                                 chunk_overlap=10, faiss_index=kind)
        build_index(settings, progress=False, log=lambda _: None)
        out[kind] = settings
    return out


@pytest.mark.parametrize("kind", list(TYPES))
def test_each_type_survives_save_and_load(built, kind):
    index = load_index(built[kind].index_dir)
    assert type(index.faiss_index).__name__ == TYPES[kind]
    assert index.manifest["faiss"]["type"] == TYPES[kind] and index.manifest["faiss"]["kind"] == kind
    assert index.faiss_index.ntotal == len(index.chunks) > 16
    fresh = make_faiss_index(np.asarray(index.vectors), "flat")
    for row in (0, 5, len(index.chunks) - 1):
        rows, _ = search(index.faiss_index, index.vectors[row], 1)
        assert rows[0] == search(fresh, index.vectors[row], 1)[0][0] == row
    if kind == "hnsw":
        assert describe(index.faiss_index)["efSearch"] == faiss_index.HNSW_EF_SEARCH
    if kind == "ivf":
        assert describe(index.faiss_index)["nprobe"] == min(faiss_index.IVF_NPROBE, index.faiss_index.nlist)


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
@pytest.mark.parametrize("candidates", [5, 100])
def test_the_searcher_on_an_approximate_index_finds_what_exact_search_finds(built, kind, candidates):
    """With 5 candidates FAISS proposes 10 of the ~48 chunks and the others get a floor score (a
    passage only BM25 found shows that floor as its dense score); the ranking still agrees here."""
    from retrieval.search import Filters, Searcher, SearchSettings

    # merging (small-to-big) would fill the last ranks from deep in the 5-candidate lists, where
    # approximate and exact search may differ by design; the comparison is of the search itself
    settings = SearchSettings(candidates=candidates, merge_adjacent=False)
    exact, approx = Searcher.open(built["flat"].index_dir, settings), Searcher.open(built[kind].index_dir, settings)
    assert not is_exact(approx.index.faiss_index)
    for question in ("上坪乡的婚检率是多少？", "明溪口镇怎样开展禁毒宣传？", "无毒害区是什么"):
        hits_e, hits_a = exact.search(question, k=5), approx.search(question, k=5)
        assert [h.chunk.id for h in hits_a] == [h.chunk.id for h in hits_e]
        if candidates == 100:  # every chunk is a candidate: the exact scores, sentence similarity included
            assert [h.dense_score for h in hits_a] == pytest.approx([h.dense_score for h in hits_e], abs=1e-5)
    only = Filters(reports=("wuduhai.txt",))
    assert {h.chunk.report for h in approx.search("禁毒宣传", k=5, filters=only)} == {"wuduhai.txt"}
