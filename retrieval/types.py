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

    def to_dict(self) -> dict:
        d = asdict(self)
        d["chunk"]["section_path"] = list(self.chunk.section_path)
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
