"""Shared vocabulary of search and answers: hits, citations, answers."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from index.types import Chunk


@dataclass(frozen=True)
class Hit:
    """One search result, explained: why it matched and how strongly."""

    chunk: Chunk
    rank: int  # 1-based
    score: float  # fused score on a 0-1 scale, comparable across queries
    bm25_score: float = 0.0
    dense_score: float = 0.0
    matched_terms: tuple[str, ...] = ()
    also_in: tuple[str, ...] = ()  # article keys ("report#i") of near-duplicates collapsed into this hit
    context: str = ""  # neighbouring text (small-to-big) when the chunk alone is short
    # A merged hit (small-to-big): `chunk` is widened over these index chunks of one article, which
    # overlap or touch and all ranked high; in text order. Empty when the hit is one index chunk.
    parts: tuple[Chunk, ...] = ()
    # ranks before merging (1-based): of each part, as `parts`, or of the hit's own chunk
    ranks_before_merge: tuple[int, ...] = ()

    @property
    def chunk_ids(self) -> tuple[str, ...]:
        """The index chunks this hit stands for: its own, or those it was merged from."""
        return tuple(p.id for p in self.parts) or (self.chunk.id,)

    def source_chunk(self, start: int, end: int) -> Chunk:
        """The index chunk that holds most of the article text [start, end): the one a quote cites."""
        if not self.parts or (start, end) == (self.chunk.start, self.chunk.end):
            return self.chunk  # the whole hit (a refusal offers it to read) cites the hit itself
        return self.parts[self._part_at(start, end)]

    def rank_of(self, start: int, end: int) -> int:
        """The rank the text [start, end) had before merging: its part's, or the hit's own."""
        if self.parts and self.ranks_before_merge:
            return self.ranks_before_merge[self._part_at(start, end)]
        return self.ranks_before_merge[0] if self.ranks_before_merge else self.rank

    def _part_at(self, start: int, end: int) -> int:
        return max(range(len(self.parts)), key=lambda i: min(end, self.parts[i].end) - max(start, self.parts[i].start))

    def to_dict(self) -> dict:
        d = asdict(self)
        d["chunk"]["section_path"] = list(self.chunk.section_path)
        d["parts"] = [p.id for p in self.parts]
        return d


@dataclass(frozen=True)
class Citation:
    """Where a quoted sentence stands: report, article, section, exact offsets in the article text."""

    marker: int  # the n in 【n】
    chunk_id: str
    report: str
    article_index: int
    article_title: str
    section_path: tuple[str, ...]
    start: int  # offsets of the quote in the article text
    end: int
    quote: str
    paragraph: str = ""  # the paragraph holding the quote, for highlighting
    paragraph_start: int = 0  # offset of `paragraph` in the article text
    also_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerSentence:
    text: str  # verbatim from the report
    citation: int  # marker of its citation
    key_span: tuple[int, int] | None = None  # span inside `text` of the asked-for thing (number, name)


@dataclass
class Answer:
    question: str
    text: str  # rendered answer with 【n】 markers
    sentences: list[AnswerSentence] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    confidence: float = 0.0
    hits: list[Hit] = field(default_factory=list)
    lang: str = "zh"
    notice: str = ""  # e.g. "question was cut to 500 characters"

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "text": self.text,
            "refused": self.refused,
            "confidence": self.confidence,
            "lang": self.lang,
            "notice": self.notice,
            "sentences": [asdict(s) for s in self.sentences],
            "citations": [asdict(c) for c in self.citations],
            "hits": [h.to_dict() for h in self.hits],
        }
