"""Fuse ranked lists: reciprocal rank fusion and weighted score fusion."""
from __future__ import annotations

import numpy as np

RRF_K = 60  # the usual constant (Cormack et al. 2009): damps the head so one list cannot dominate


def rrf(rankings: list[np.ndarray], k: int = RRF_K, weights: list[float] | None = None) -> dict[int, float]:
    """Reciprocal rank fusion: score(d) = Σ w_i / (k + rank_i(d)), ranks 1-based."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[int, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, doc in enumerate(ranking, start=1):
            scores[int(doc)] = scores.get(int(doc), 0.0) + w / (k + rank)
    return scores


def minmax(values: np.ndarray) -> np.ndarray:
    if len(values) == 0:
        return values
    lo, hi = float(values.min()), float(values.max())
    return np.zeros_like(values) if hi - lo < 1e-9 else (values - lo) / (hi - lo)


def weighted(scores: list[np.ndarray], weights: list[float]) -> np.ndarray:
    """Weighted sum of min-max normalised score vectors (all over the same candidates)."""
    return sum(w * minmax(np.asarray(s, dtype=np.float64)) for s, w in zip(scores, weights))


def rrf_scores(rank_a: np.ndarray, rank_b: np.ndarray, k: int = RRF_K, weight_b: float = 0.5) -> np.ndarray:
    """Weighted RRF of two rank arrays (1-based, aligned), scaled so a doc ranked first on both sides
    scores 1.0: (1-w)/(k+ra) + w/(k+rb), divided by 1/(k+1)."""
    raw = (1 - weight_b) / (k + rank_a) + weight_b / (k + rank_b)
    return raw * (k + 1)
