"""Hybrid search over the index: BM25 (jieba) + dense (FAISS), fused, near-duplicates collapsed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from index.embedders import Embedder, load_embedder
from index.faiss_index import FLAT_MAX, is_exact
from index.faiss_index import search as faiss_search
from index.store import LoadedIndex, load_index, read_manifest
from index.normalize import normalize
from retrieval.arrays import chunk_sentence_pairs, top_positive
from retrieval.filters import ChunkColumns, Filters  # noqa: F401 (Filters: the search API)
from retrieval.fusion import RRF_K, rrf_scores
from retrieval.merge import combined, merge_groups, widened
from retrieval.glossary import romanised_names, translate_terms
from retrieval.lexical import TermStats
from retrieval.thesaurus import expand
from retrieval.query import PreparedQuery, prepare
from retrieval.questions import asks_exact, bodies_in
from retrieval.reference import split_reference
from retrieval.types import Hit

MODES = ("bm25", "dense", "hybrid")
FUSIONS = ("rrf", "weighted")
# Cosine similarities of multilingual-e5 crowd into a narrow band; this maps it onto 0-1 for the UI.
DENSE_FLOOR, DENSE_CEIL = 0.75, 0.92
def _without(text: str, words: list[str]) -> str:
    for w in words:
        text = text.replace(w, " ")
    return text


_SEARCHABLE = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,8}")
SMALL_CHUNK = 120
DESCRIBED_FIRST = 3  # passages of a described place's article put first
DESCRIBED_SAME = 0.9  # share of the description's best score at which the best hit's article fits it as well
LEAD_KEPT = 5  # hits kept in front of the best hit's article's further passages (the composer's `passages`)
MERGE_MAX = 600  # characters a merged hit may span  # chunks shorter than this bring their neighbours as context (small-to-big)


@dataclass(frozen=True)
class SearchSettings:
    mode: str = "hybrid"
    fusion: str = "weighted"
    rrf_k: int = RRF_K
    dense_weight: float = 0.8  # share of the dense side in fusion; BM25 gets the rest
    candidates: int = 100  # taken from each side before fusion
    collapse_duplicates: bool = True
    merge_adjacent: bool = True  # join overlapping passages of one article into one hit (small-to-big)
    expand_terms: bool = True  # add the official terms for plain words (retrieval/thesaurus.py)
    sentence_weight: float = 0.5  # share of the best sentence's similarity in a passage's dense score
    coverage_weight: float = 0.25  # share of query-term coverage (idf-weighted) in the hybrid score
    # the best hit's article's next-best passages put right after the first LEAD_KEPT hits (0: none)
    lead_article_depth: int = 4

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"search mode {self.mode!r} is not one of {', '.join(MODES)}")
        if self.fusion not in FUSIONS:
            raise ValueError(f"fusion {self.fusion!r} is not one of {', '.join(FUSIONS)}")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError(f"dense_weight {self.dense_weight} must be between 0 and 1")
        if self.candidates < 1:
            raise ValueError(f"candidates {self.candidates} must be at least 1")


@dataclass
class Searcher:
    index: LoadedIndex
    embedder: Embedder
    settings: SearchSettings = field(default_factory=SearchSettings)
    # where BM25 and dense candidates come from instead of bm25s/FAISS: a Milvus collection
    # (retrieval/milvus_backend.py); None: the local index folder
    backend: object | None = None

    def __post_init__(self) -> None:
        self.terms = TermStats(self.index)
        self._norm_cache: dict[int, str] = {}
        self._names: tuple[tuple[str, ...], frozenset[str]] | None = None
        self._vectors: dict[str, np.ndarray] = {}
        self._pairs = chunk_sentence_pairs(self.index)
        self.columns = ChunkColumns.of(self.index)

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
        return self.search_prepared(self.prepare(question, history), k, filters)

    def prepare(self, question: str, history: list[str] | None = None) -> PreparedQuery:
        """The query as searched: normalised, follow-up folded in, English bridged to Chinese terms,
        plain words joined by the official terms reports use."""
        query = prepare(question, history)
        query = self._bridge(query) if query.lang == "en" else query
        if self.settings.expand_terms:
            extra = expand(self.index.tokenizer.query_tokens(query.text))
            if extra:
                query = replace(query, terms=tuple(extra))
        return query

    def query_vector(self, text: str) -> np.ndarray:
        """The query embedding, cached: search and answer composition share it."""
        vector = self._vectors.get(text)
        if vector is None:
            vector = self.embedder.embed_queries([text])[0]
            if len(self._vectors) > 512:
                self._vectors.clear()
            self._vectors[text] = vector
        return vector

    def search_prepared(self, query: PreparedQuery, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        """Search a prepared query. A question naming several places ("上坪乡和明溪口镇…") is searched
        once per place and the results interleaved, so every place named gets its passages."""
        places = [t for t in self._places() if t in query.text]
        places = [p for p in places if not any(p != o and p in o for o in places)]
        if len(places) < 2:
            hits = self._search_one(query, k, filters)
            ref = self.described(query, filters)
            return self._within_described(query, ref, hits, k) if ref and hits else self._deepened(query, hits, k)
        lists = [self._search_one(replace(query, text=_without(query.text, [o for o in places if o != p])), k, filters)
                 for p in places]
        return combined(lists, k)

    def described(self, query: PreparedQuery, filters: Filters | None = None) -> tuple[str, str] | None:
        """(description, rest) when the search finds the place a question describes within its
        article ("永安市东北部那个乡，…"): Chinese questions without filters; else None."""
        return split_reference(query.original) if query.lang == "zh" and filters is None else None

    def _within_described(self, query: PreparedQuery, ref: tuple[str, str], hits: list[Hit], k: int) -> list[Hit]:
        """The description of a place ("永安市东北部那个乡", "滨城区那所农村小学") finds its report: the best
        hit's article, unless the description searched alone finds another clearly better (a copy of the
        report scores about the same); the rest of the question, searched within that article, finds the fact."""
        description, rest = ref
        found = self._search_one(replace(query, text=normalize(description)), k, None)
        article = hits[0].chunk.article_key
        own = max((h.score for h in found if h.chunk.article_key == article), default=0.0)
        if found and own < DESCRIBED_SAME * found[0].score:
            article = found[0].chunk.article_key
        inner = self._search_one(replace(query, text=normalize(rest)), k, Filters(articles=(article,)))
        first = inner[:DESCRIBED_FIRST]
        ids = {cid for h in first for cid in h.chunk_ids}
        merged = first + [h for h in hits if not set(h.chunk_ids) & ids]
        return [replace(h, rank=i) for i, h in enumerate(merged[:k], start=1)]

    def _deepened(self, query: PreparedQuery, hits: list[Hit], k: int) -> list[Hit]:
        """`hits`, with the best hit's article's next-best passages right after the first LEAD_KEPT, for a
        question asking for an exact thing: the best passage's article is the likeliest to hold a figure that
        its other passages rank under other reports' ("第三小学…一共藏了多少本书": its equipment paragraph)."""
        depth = self.settings.lead_article_depth
        if not hits or not depth or not asks_exact(query.original):  # only an exact answer draws on them
            return hits
        head = hits[:LEAD_KEPT]
        ids = {cid for h in head for cid in h.chunk_ids}
        inner = self._search_one(query, LEAD_KEPT + depth, Filters(articles=(hits[0].chunk.article_key,)))
        more = [h for h in inner if not set(h.chunk_ids) & ids][:depth]
        ids |= {cid for h in more for cid in h.chunk_ids}
        rest = [h for h in hits[LEAD_KEPT:] if not set(h.chunk_ids) & ids]
        ranked = head + [replace(h, ranks_before_merge=()) for h in more] + rest
        return [replace(h, rank=i) for i, h in enumerate(ranked[:k], start=1)]

    def _places(self) -> list[str]:
        return [t for t in self.index.tokenizer.user_terms if t[-1] in "乡镇县区市"]

    def _search_one(self, query: PreparedQuery, k: int, filters: Filters | None) -> list[Hit]:
        if not _SEARCHABLE.search(query.text) or not self.index.chunks:
            return []  # nothing to search for: punctuation, emoji, empty
        mask = (filters or Filters()).mask(self.columns)
        tokens = self.index.tokenizer.query_tokens(query.lexical_text)
        bm25 = self._bm25_scores(tokens, mask)
        dense = self._dense_scores(query, mask)
        order, scores = self._fuse(bm25, dense, mask, list(dict.fromkeys(tokens)))
        return self._hits(order, scores, bm25, dense, tokens, k)

    def _bridge(self, query: PreparedQuery) -> PreparedQuery:
        """English question: add the Chinese terms its words and romanised names stand for."""
        terms = translate_terms(query.original) + romanised_names(query.original, *self._name_vocabulary())
        if not terms:
            return query
        return replace(query, text=f"{query.text} {' '.join(terms)}")

    def _name_vocabulary(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """Chinese words a romanised name may stand for, and those that name things (in titles,
        bylines, the place names of the domain dictionary, or the reports' schools and clinics)."""
        if self._names is None:
            bodies = bodies_in(a.text for a in self.index.articles.values())
            words = tuple(t for t in self.index.bm25.vocab_dict if _CJK_WORD.fullmatch(t)) + tuple(sorted(bodies))
            heads = " ".join(f"{a.title} {a.subject}" for a in self.index.articles.values())
            naming = {t for t in self.index.tokenizer.tokens(heads)} | set(self._places()) | bodies
            self._names = (words, frozenset(w for w in words if w in naming))
        return self._names

    def _bm25_scores(self, tokens: list[str], mask: np.ndarray | None) -> np.ndarray:
        n = len(self.index.chunks)
        if self.settings.mode == "dense" or not tokens:
            return np.zeros(n, dtype=np.float32)
        if self.backend is not None:
            return self.backend.bm25_scores(tokens, mask, 2 * self.settings.candidates)
        if not is_exact(self.index.faiss_index):
            return self._bm25_top(tokens, mask)
        scores = np.asarray(self.index.bm25.get_scores(tokens), dtype=np.float32)
        return scores if mask is None else np.where(mask, scores, 0.0)

    def _bm25_top(self, tokens: list[str], mask: np.ndarray | None) -> np.ndarray:
        """Large corpus: the top twice `candidates` rows keep their BM25 scores, every other row 0.
        Scoring costs the same either way; what this saves is fusion sorting a million distinct
        values (145 ms at 1M chunks) rather than a few hundred and a run of zeros (5 ms)."""
        scores = np.asarray(self.index.bm25.get_scores(tokens), dtype=np.float32)
        if mask is not None:
            scores = np.where(mask, scores, np.float32(0))
        rows = top_positive(scores, 2 * self.settings.candidates)
        top = np.zeros(len(scores), dtype=np.float32)
        top[rows] = scores[rows]
        return top

    def _dense_scores(self, query: PreparedQuery, mask: np.ndarray | None) -> np.ndarray:
        n = len(self.index.chunks)
        if self.settings.mode == "bm25":
            return np.zeros(n, dtype=np.float32)
        q = self.query_vector(query.text)
        if self.backend is not None or not is_exact(self.index.faiss_index):
            return self._dense_candidates(q, mask)
        scores = np.asarray(self.index.vectors @ q, dtype=np.float32)
        if self.settings.sentence_weight and self._pairs is not None:
            # a passage is as close as its closest sentence: finer than one vector per chunk
            per_sentence = np.asarray(self.index.sentence_vectors @ q, dtype=np.float32)
            best = np.full(n, -1.0, dtype=np.float32)
            np.maximum.at(best, self._pairs[0], per_sentence[self._pairs[1]])
            best = np.where(best < 0, scores, best)
            w = self.settings.sentence_weight
            scores = (1 - w) * scores + w * best
        return scores if mask is None else np.where(mask, scores, -1.0)

    def _dense_candidates(self, q: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
        """Large corpus (an approximate FAISS index, index/faiss_index.py): FAISS proposes twice
        `candidates` rows, which are scored exactly as on a small corpus, reading only their vectors.
        Every other allowed row gets a score just under the lowest of them (an approximate index can
        miss a row, but none it skipped is likely to rank above the ones it found); disallowed rows -1."""
        n = len(self.index.chunks)
        exact = None
        if self.backend is not None:  # Milvus: its candidates, in row order, with their similarities
            rows, exact = self.backend.dense_candidates(q, mask, 2 * self.settings.candidates)
        elif mask is not None and mask.sum() <= FLAT_MAX:
            rows = np.flatnonzero(mask)  # a narrow filter: score every allowed row exactly
        else:
            rows = np.sort(faiss_search(self.index.faiss_index, q, 2 * self.settings.candidates, mask)[0])
        scores = np.full(n, -1.0, dtype=np.float32)
        if not len(rows):
            return scores
        if exact is None:
            exact = np.asarray(self.index.vectors[rows] @ q, dtype=np.float32)
        if self.settings.sentence_weight and self._pairs is not None:
            w = self.settings.sentence_weight
            exact = (1 - w) * exact + w * self._best_sentence(rows, q, exact)
        scores[slice(None) if mask is None else mask] = np.nextafter(exact.min(), np.float32(-2))
        scores[rows] = exact
        return scores

    def _best_sentence(self, rows: np.ndarray, q: np.ndarray, own: np.ndarray) -> np.ndarray:
        """Similarity of the closest sentence of each chunk in `rows` (its `own` score when it has
        none), reading only those sentences' vectors: the small-corpus rule for a few rows. Relies on
        `_pairs` listing chunks in row order, as chunk_sentence_pairs builds it."""
        chunk_of, sentence_of = self._pairs
        lo, hi = np.searchsorted(chunk_of, rows, "left"), np.searchsorted(chunk_of, rows, "right")
        counts = hi - lo
        if not counts.sum():
            return own
        take = np.repeat(lo - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
        sims = np.asarray(self.index.sentence_vectors[sentence_of[take]] @ q, dtype=np.float32)
        best = np.full(len(rows), -1.0, dtype=np.float32)
        np.maximum.at(best, np.repeat(np.arange(len(rows)), counts), sims)
        return np.where(best < 0, own, best)

    def _fuse(self, bm25: np.ndarray, dense: np.ndarray, mask: np.ndarray | None,
              tokens: list[str]) -> tuple[list[int], np.ndarray]:
        """Candidate rows in fused order, and each row's 0-1 score (falls with rank)."""
        s = self.settings
        allowed = np.flatnonzero(mask) if mask is not None else np.arange(len(bm25))
        by_bm25 = allowed[np.argsort(-bm25[allowed], kind="stable")]
        by_bm25 = by_bm25[bm25[by_bm25] > 0]
        by_dense = allowed[np.argsort(-dense[allowed], kind="stable")]
        scores = np.zeros(len(bm25), dtype=np.float64)
        if s.mode == "bm25":
            top = float(bm25[by_bm25[0]]) if len(by_bm25) else 1.0
            scores[by_bm25] = bm25[by_bm25] / top
            return list(by_bm25[: s.candidates]), scores
        dense_abs = np.clip((dense - DENSE_FLOOR) / (DENSE_CEIL - DENSE_FLOOR), 0.0, 1.0)
        if s.mode == "dense":
            scores[:] = dense_abs
            return list(by_dense[: s.candidates]), scores
        pool = np.array(sorted(set(by_bm25[: s.candidates]) | set(by_dense[: s.candidates])), dtype=int)
        if s.fusion == "rrf":
            # ranks over the whole allowed set, so a strong hit on one side is not lost off the other's top list
            rank_b = np.full(len(bm25), len(allowed) + 1)
            rank_b[by_bm25] = np.arange(1, len(by_bm25) + 1)
            rank_d = np.full(len(bm25), len(allowed) + 1)
            rank_d[by_dense] = np.arange(1, len(by_dense) + 1)
            fused = rrf_scores(rank_b[pool], rank_d[pool], s.rrf_k, s.dense_weight)
        else:
            top = float(bm25[by_bm25[0]]) if len(by_bm25) else 1.0
            fused = s.dense_weight * dense_abs[pool] + (1 - s.dense_weight) * bm25[pool] / top
        if s.coverage_weight and tokens:
            cover = np.array([self.terms.coverage(tokens, self._normalized_text(i)) for i in pool])
            fused = (1 - s.coverage_weight) * fused + s.coverage_weight * cover
        scores[pool] = fused
        return list(pool[np.argsort(-fused, kind="stable")]), scores

    def _hits(self, order: list[int], scores: np.ndarray, bm25: np.ndarray, dense: np.ndarray,
              tokens: list[str], k: int) -> list[Hit]:
        chunks = self.index.chunks
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
        groups = merge_groups(chunks, kept, MERGE_MAX) if self.settings.merge_adjacent else {i: [i] for i in kept}
        hits = []
        first_rank = {i: r for r, i in enumerate(kept, start=1)}
        for rank, (i, members) in enumerate(list(groups.items())[:k], start=1):
            members = sorted(members, key=lambda j: chunks[j].start) if len(members) > 1 else []
            parts = tuple(chunks[j] for j in members)
            c = widened(chunks[i], parts, self.index.articles[chunks[i].article_key].text) if parts else chunks[i]
            text_norm = " ".join(self._normalized_text(j) for j in members or [i])  # cached per chunk
            matched = tuple(dict.fromkeys(t for t in tokens if t in text_norm))
            hits.append(Hit(chunk=c, rank=rank, score=round(float(scores[i]), 4), bm25_score=float(bm25[i]),
                            dense_score=float(dense[i]), matched_terms=matched, also_in=tuple(also[i]),
                            context="" if parts else self._context(i), parts=parts,
                            ranks_before_merge=tuple(first_rank[j] for j in members or [i])))
        return hits

    def _normalized_text(self, i: int) -> str:
        text = self._norm_cache.get(i)
        if text is None:
            text = self._norm_cache[i] = normalize(self.index.chunks[i].context_text)
        return text

    def _context(self, i: int) -> str:
        """For a short chunk, the text around it in its article (small-to-big)."""
        c = self.index.chunks[i]
        if len(c.text) >= SMALL_CHUNK:
            return ""
        text = self.index.articles[c.article_key].text
        return text[max(0, c.start - 150): c.end + 150]
