"""Synthetic corpora for the scale benchmark: BM25 token lists and embedding vectors shaped like the reports'.

Text: every synthetic chunk draws as many distinct tokens as a real chunk holds, each token with
probability proportional to its document frequency in the reference index, so posting lists grow
with the corpus as the reports' would. The vocabulary does not grow, which makes BM25 postings
longer (slower) than a real million-chunk corpus's: a pessimistic stand-in.

Vectors: a kernel density estimate of the reference index's vectors (chunks and sentences): a real
vector plus Gaussian noise with half the corpus covariance, normalised. This keeps what matters to
approximate search: e5's narrow cone (mean cosine ≈ 0.9) and its few dominant directions.
Isotropic random vectors would not; they are the worst case of every ANN index and nothing like text.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

NOISE = 0.5  # share of the corpus covariance added around each seed vector
BATCH = 50_000  # vectors generated at a time (1M x 384 float32 would be 1.5 GB at once)


@dataclass(frozen=True)
class VectorModel:
    seeds: np.ndarray  # real vectors, (m, d)
    basis: np.ndarray  # eigenvectors of the covariance, (d, d)
    scale: np.ndarray  # sqrt(NOISE * eigenvalue), (d,)

    @property
    def dim(self) -> int:
        return self.seeds.shape[1]


def fit_vectors(reference: np.ndarray) -> VectorModel:
    """The generator for vectors like `reference` (rows normalised, at least a few dozen of them)."""
    reference = np.asarray(reference, dtype=np.float64)
    values, vectors = np.linalg.eigh(np.cov(reference.T))
    return VectorModel(reference.astype(np.float32), vectors.astype(np.float32),
                       np.sqrt(NOISE * np.clip(values, 0, None)).astype(np.float32))


def isotropic_model(dim: int, seeds: int = 2000, seed: int = 0) -> VectorModel:
    """A stand-in when no reference index is at hand: clustered unit vectors in `dim` dimensions."""
    rng = np.random.default_rng(seed)
    centre = rng.standard_normal(dim)
    points = centre / np.linalg.norm(centre) * 3 + rng.standard_normal((seeds, dim)) / np.sqrt(dim)
    return fit_vectors(points / np.linalg.norm(points, axis=1, keepdims=True))


def vector_batches(model: VectorModel, n: int, seed: int = 0, batch: int = BATCH) -> Iterator[np.ndarray]:
    """`n` normalised float32 vectors, `batch` rows at a time (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    for start in range(0, n, batch):
        m = min(batch, n - start)
        rows = model.seeds[rng.integers(0, len(model.seeds), m)]
        noise = (rng.standard_normal((m, model.dim), dtype=np.float32) * model.scale) @ model.basis.T
        v = rows + noise
        yield v / np.linalg.norm(v, axis=1, keepdims=True)


def write_vectors(model: VectorModel, n: int, path: Path, seed: int = 0) -> np.ndarray:
    """Generate `n` vectors straight into a .npy file; returns it memory-mapped (read-only)."""
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(n, model.dim))
    start = 0
    for block in vector_batches(model, n, seed):
        out[start:start + len(block)] = block
        start += len(block)
    out.flush()
    del out
    return np.load(path, mmap_mode="r")


@dataclass(frozen=True)
class TokenModel:
    vocab: list[str]  # token of each id
    weights: np.ndarray  # probability of each token id (document frequency, normalised)
    lengths: np.ndarray  # distinct tokens per real chunk


def fit_tokens(bm25) -> TokenModel:
    """Token statistics of a loaded bm25s index (document frequencies and chunk lengths)."""
    scores = bm25.scores
    df = np.diff(np.asarray(scores["indptr"])).astype(np.float64)
    vocab = [""] * len(df)
    for token, i in bm25.vocab_dict.items():
        if i < len(df):
            vocab[i] = token
    df[[i for i, t in enumerate(vocab) if not t]] = 0  # bm25s' empty placeholder token
    lengths = np.bincount(np.asarray(scores["indices"]), minlength=int(scores["num_docs"]))
    return TokenModel(vocab, df / df.sum(), lengths[lengths > 0])


class TokenCorpus(list):
    """`n` synthetic chunks as token-id lists, generated on each pass instead of held in memory.

    bm25s walks its corpus three times and wants a list; a million Python lists of ints would take
    gigabytes, so this list subclass regenerates the same rows from a fixed seed on every pass.
    """

    def __init__(self, model: TokenModel, n: int, seed: int = 0):
        super().__init__()
        self.model, self.n, self.seed = model, n, seed

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[list[int]]:
        rng = np.random.default_rng(self.seed)
        cdf = np.cumsum(self.model.weights)
        for start in range(0, self.n, 10_000):
            m = min(10_000, self.n - start)
            lengths = rng.choice(self.model.lengths, m)
            ids = np.searchsorted(cdf, rng.random(int(lengths.sum())) * cdf[-1]).astype(np.int32)
            ids = np.minimum(ids, len(cdf) - 1)
            offsets = np.concatenate([[0], np.cumsum(lengths)])
            for i in range(m):
                yield ids[offsets[i]:offsets[i + 1]].tolist()

    def __bool__(self) -> bool:
        return self.n > 0
