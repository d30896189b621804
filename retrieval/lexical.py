"""Term statistics read off the BM25 index: document frequencies, idf, and query-term coverage."""
from __future__ import annotations

import math

import numpy as np

from index.store import LoadedIndex


class TermStats:
    """idf of each BM25 token, from the BM25 matrix's column lengths (no pass over the chunks)."""

    def __init__(self, index: LoadedIndex | None = None):
        self.df: dict[str, int] = {}
        self.n = 1
        if index is not None:
            scores = index.bm25.scores
            df = np.diff(np.asarray(scores["indptr"]))
            self.df = {t: int(df[i]) for t, i in index.bm25.vocab_dict.items() if i < len(df)}
            self.n = int(scores["num_docs"])

    def idf(self, token: str) -> float:
        df = self.df.get(token, 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def coverage(self, tokens: list[str], text: str) -> float:
        """Share of the query's idf mass whose tokens occur in `text` (already normalised)."""
        total = sum(self.idf(t) for t in tokens)
        return sum(self.idf(t) for t in tokens if t in text) / total if total else 0.0
