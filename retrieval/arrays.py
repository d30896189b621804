"""Array helpers of the searcher: exact top-k without a full selection, chunk-sentence pairs."""
from __future__ import annotations

import numpy as np

from index.store import LoadedIndex


def chunk_sentence_pairs(index: LoadedIndex) -> np.ndarray | None:
    """(chunk row, sentence row) for every sentence that overlaps a chunk, or None without sentences."""
    if not index.sentences:
        return None
    by_article: dict[str, list[tuple[int, int, int]]] = {}
    for row, ref in enumerate(index.sentences):
        by_article.setdefault(ref.article_key, []).append((ref.start, ref.end, row))
    pairs = [(i, row) for i, c in enumerate(index.chunks)
             for start, end, row in by_article.get(c.article_key, []) if start < c.end and end > c.start]
    return np.array(pairs, dtype=np.int64).T if pairs else None


def top_positive(scores: np.ndarray, k: int, step: int = 64, headroom: int = 20) -> np.ndarray:
    """Rows of the `k` highest positive scores, in no order. Exact, without a selection over every
    row: a cut taken from every `step`-th score leaves about `headroom`·k rows above it, and only
    those are ranked (if fewer than k clear it, every positive row is). At a million BM25 scores,
    most of them 0, this takes ~2 ms where numpy's argpartition over all of them (as bm25s'
    retrieve does) takes 5-70 ms."""
    rows = None
    sample = scores[::step]
    keep = len(sample) * headroom * k // max(len(scores), 1)
    if 0 < keep < len(sample):
        cut = np.partition(sample, len(sample) - keep)[len(sample) - keep]
        if cut > 0:
            rows = np.flatnonzero(scores > cut)  # every top-k row scores above the cut when >= k do
            rows = rows if len(rows) >= k else None
    if rows is None:
        rows = np.flatnonzero(scores > 0)
    return rows[np.argpartition(-scores[rows], k - 1)[:k]] if len(rows) > k else rows
