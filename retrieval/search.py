"""Hybrid search over the index: BM25 (jieba) + dense (FAISS), fused, near-duplicates collapsed."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.embedders import Embedder, load_embedder
from index.store import LoadedIndex, load_index, read_manifest
from retrieval.fusion import RRF_K, rrf, weighted
from retrieval.query import PreparedQuery, prepare
from retrieval.types import Hit

MODES = ("bm25", "dense", "hybrid")
FUSIONS = ("rrf", "weighted")
# Cosine similarities of multilingual-e5 crowd into a narrow band; this maps it onto 0-1 for the UI.
DENSE_FLOOR, DENSE_CEIL = 0.75, 0.92
SMALL_CHUNK = 120  # chunks shorter than this bring their neighbours as context (small-to-big)


@dataclass(frozen=True)
class SearchSettings:
    mode: str = "hybrid"
    fusion: str = "rrf"
    rrf_k: int = RRF_K
    dense_weight: float = 0.5  # share of the dense side in fusion; BM25 gets the rest
    candidates: int = 50  # taken from each side before fusion
    collapse_duplicates: bool = True

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"search mode {self.mode!r} is not one of {', '.join(MODES)}")
        if self.fusion not in FUSIONS:
            raise ValueError(f"fusion {self.fusion!r} is not one of {', '.join(FUSIONS)}")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError(f"dense_weight {self.dense_weight} must be between 0 and 1")
        if self.candidates < 1:
            raise ValueError(f"candidates {self.candidates} must be at least 1")


@dataclass(frozen=True)
class Filters:
    """Search only these reports (file names) and/or articles ("report#i" keys); empty means all."""

    reports: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()

    def mask(self, index: LoadedIndex) -> np.ndarray | None:
        if not self.reports and not self.articles:
            return None
        reports, articles = set(self.reports), set(self.articles)
        return np.array([(not reports or c.report in reports) and (not articles or c.article_key in articles)
                         for c in index.chunks], dtype=bool)


@dataclass
class Searcher:
    index: LoadedIndex
    embedder: Embedder
    settings: SearchSettings = field(default_factory=SearchSettings)

    @classmethod
    def open(cls, index_dir: Path, settings: SearchSettings | None = None, model: str | None = None) -> "Searcher":
        """Load the index at `index_dir` and the embedder that built it (or `model`, checked against it).

        Raises IndexLoadError with the fix when the index is missing, damaged or from another model.
        """
        name = model or read_manifest(index_dir)["model"]["name"]
        return cls(load_index(index_dir, expected_model=name), load_embedder(name), settings or SearchSettings())

    def search(self, question: str, history: list[str] | None = None, k: int = 10,
               filters: Filters | None = None) -> list[Hit]:
        """The `k` best passages for `question`; `history` is the user's earlier questions."""
        query = prepare(question, history)
        if not query.text.strip() or not self.index.chunks:
            return []
        mask = (filters or Filters()).mask(self.index)
        tokens = self.index.tokenizer.tokens(query.text)
        bm25 = self._bm25_scores(tokens, mask)
        dense = self._dense_scores(query, mask)
        order = self._fuse(bm25, dense, mask)
        return self._hits(order, bm25, dense, tokens, k)

    def _bm25_scores(self, tokens: list[str], mask: np.ndarray | None) -> np.ndarray:
        n = len(self.index.chunks)
        if self.settings.mode == "dense" or not tokens:
            return np.zeros(n, dtype=np.float32)
        scores = np.asarray(self.index.bm25.get_scores(tokens), dtype=np.float32)
        return scores if mask is None else np.where(mask, scores, 0.0)

    def _dense_scores(self, query: PreparedQuery, mask: np.ndarray | None) -> np.ndarray:
        n = len(self.index.chunks)
        if self.settings.mode == "bm25":
            return np.zeros(n, dtype=np.float32)
        q = self.embedder.embed_queries([query.text])[0]
        scores = np.asarray(self.index.vectors @ q, dtype=np.float32)
        return scores if mask is None else np.where(mask, scores, -1.0)

    def _fuse(self, bm25: np.ndarray, dense: np.ndarray, mask: np.ndarray | None) -> list[int]:
        s = self.settings
        allowed = np.flatnonzero(mask) if mask is not None else np.arange(len(bm25))
        by_bm25 = allowed[np.argsort(-bm25[allowed], kind="stable")][: s.candidates]
        by_bm25 = by_bm25[bm25[by_bm25] > 0]
        by_dense = allowed[np.argsort(-dense[allowed], kind="stable")][: s.candidates]
        if s.mode == "bm25":
            return list(by_bm25)
        if s.mode == "dense":
            return list(by_dense)
        if s.fusion == "rrf":
            fused = rrf([by_bm25, by_dense], s.rrf_k, [1.0 - s.dense_weight, s.dense_weight])
            return sorted(fused, key=lambda d: -fused[d])
        pool = np.array(sorted(set(by_bm25) | set(by_dense)))
        fused = weighted([bm25[pool], dense[pool]], [1.0 - s.dense_weight, s.dense_weight])
        return list(pool[np.argsort(-fused, kind="stable")])

    def _hits(self, order: list[int], bm25: np.ndarray, dense: np.ndarray, tokens: list[str], k: int) -> list[Hit]:
        chunks = self.index.chunks
        top_bm25 = float(bm25.max()) if len(bm25) else 0.0
        kept: list[int] = []
        also: dict[int, list[str]] = {}
        group_owner: dict[int, int] = {}
        for i in order:
            g = chunks[i].dup_group
            if self.settings.collapse_duplicates and g >= 0 and g in group_owner:
                owner = group_owner[g]
                key = chunks[i].article_key
                if key != chunks[owner].article_key and key not in also[owner]:
                    also[owner].append(key)
                continue
            if g >= 0:
                group_owner[g] = i
            kept.append(i)
            also[i] = []
            if len(kept) >= k and not self.settings.collapse_duplicates:
                break
        hits = []
        for rank, i in enumerate(kept[:k], start=1):
            c = chunks[i]
            text_norm = c.context_text
            matched = tuple(dict.fromkeys(t for t in tokens if t in text_norm))
            hits.append(Hit(chunk=c, rank=rank, score=float(self._score(bm25[i], top_bm25, dense[i])),
                            bm25_score=float(bm25[i]), dense_score=float(dense[i]), matched_terms=matched,
                            also_in=tuple(also[i]), context=self._context(i)))
        return hits

    def _score(self, bm25: float, top_bm25: float, dense: float) -> float:
        """One 0-1 score for the UI: the dense similarity on its useful band, blended with BM25."""
        d = min(1.0, max(0.0, (dense - DENSE_FLOOR) / (DENSE_CEIL - DENSE_FLOOR)))
        b = bm25 / top_bm25 if top_bm25 > 0 else 0.0
        if self.settings.mode == "bm25":
            return round(b, 4)
        if self.settings.mode == "dense":
            return round(d, 4)
        return round(self.settings.dense_weight * d + (1 - self.settings.dense_weight) * b, 4)

    def _context(self, i: int) -> str:
        """For a short chunk, the text around it in its article (small-to-big)."""
        c = self.index.chunks[i]
        if len(c.text) >= SMALL_CHUNK:
            return ""
        text = self.index.articles[c.article_key].text
        return text[max(0, c.start - 150): c.end + 150]
