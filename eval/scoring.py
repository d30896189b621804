"""Score one question: its hits and answer against the gold evidence, as one results.jsonl record."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from eval import metrics
from eval.qa import QAItem
from index.types import Article
from retrieval.types import Answer, Citation, Hit


@dataclass(frozen=True)
class Outcomes:
    """Each metric's outcome for one question; None where the metric does not apply to it."""

    first_relevant_rank: int | None  # answerable only; None also when no hit is relevant
    answer_hit: bool | None  # answerable only
    char_f1: float | None  # answerable only (refused → 0.0)
    citation_hit: bool | None  # answered answerable questions only
    faithful_sentences: int  # answer sentences found verbatim in the passage they cite
    sentences: int
    numbers_found: int  # numbers of the answer text found in the cited passages
    numbers: int
    refusal_correct: bool  # refused exactly when the question is unanswerable


@dataclass(frozen=True)
class QuestionResult:
    """Everything a reader needs to see why one question went right or wrong."""

    id: str
    question: str
    type: str
    lang: str
    answerable: bool
    gold_answer: str
    evidence: tuple[str, ...]
    hits: tuple[dict, ...]
    answer: str
    refused: bool
    confidence: float
    citations: tuple[dict, ...]
    sentences: tuple[dict, ...]
    outcomes: Outcomes
    latency_ms: float

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "QuestionResult":
        return cls(**{**d, "evidence": tuple(d["evidence"]), "hits": tuple(d["hits"]),
                      "citations": tuple(d["citations"]), "sentences": tuple(d["sentences"]),
                      "outcomes": Outcomes(**d["outcomes"])})


def cited_passage(citation: Citation, articles: dict[str, Article]) -> str:
    """The article text at the citation's offsets (its quote when the article is not in the index)."""
    article = articles.get(f"{citation.report}#{citation.article_index}")
    return article.text[citation.start:citation.end] if article else citation.quote


def _hit_record(hit: Hit, spans: tuple[str, ...]) -> dict:
    c = hit.chunk
    # float(): the searcher's scores may be numpy scalars, which json cannot write
    return {"rank": hit.rank, "score": round(float(hit.score), 4), "bm25": round(float(hit.bm25_score), 4),
            "dense": round(float(hit.dense_score), 4),
            "chunk_id": c.id, "report": c.report, "article_index": c.article_index, "article": c.article_title,
            "section": " > ".join(c.section_path), "relevant": metrics.relevant_to_any(c.text, spans),
            "also_in": list(hit.also_in), "text": c.text}


def _citation_record(c: Citation, passage: str, spans: tuple[str, ...]) -> dict:
    return {"marker": c.marker, "chunk_id": c.chunk_id, "report": c.report, "article_index": c.article_index,
            "article": c.article_title, "section": " > ".join(c.section_path), "start": c.start, "end": c.end,
            "quote": c.quote, "relevant": metrics.relevant_to_any(passage, spans)}


def score_question(item: QAItem, hits: list[Hit], answer: Answer, articles: dict[str, Article],
                   latency_ms: float) -> QuestionResult:
    """Score `answer` (composed from `hits`) for `item`; `articles` is the index's articles by key."""
    spans = item.evidence
    passages = {c.marker: cited_passage(c, articles) for c in answer.citations}
    answered = not answer.refused
    sentences = tuple({"text": s.text, "citation": s.citation,
                       "faithful": metrics.is_faithful(s.text, passages.get(s.citation, ""))}
                      for s in (answer.sentences if answered else []))
    # Titles and headings of cited articles may be rendered in the answer (grouped answers), so their
    # numbers ("范文5") count as sourced, like the passages' own.
    labels = [" ".join((c.article_title, *c.section_path)) for c in answer.citations]
    found, total = metrics.number_counts(answer.text, [*passages.values(), *labels]) if answered else (0, 0)
    outcomes = Outcomes(
        first_relevant_rank=metrics.first_relevant_rank([h.chunk.text for h in hits], spans) if item.answerable else None,
        answer_hit=(answered and metrics.answer_hit(answer.text, spans)) if item.answerable else None,
        char_f1=(metrics.char_f1(metrics.strip_markers(answer.text), item.answer) if answered else 0.0)
        if item.answerable else None,
        citation_hit=metrics.citation_hit(list(passages.values()), spans) if item.answerable and answered else None,
        faithful_sentences=sum(s["faithful"] for s in sentences), sentences=len(sentences),
        numbers_found=found, numbers=total,
        refusal_correct=answer.refused == (not item.answerable),
    )
    return QuestionResult(
        id=item.id, question=item.question, type=item.type, lang=item.lang, answerable=item.answerable,
        gold_answer=item.answer, evidence=spans, hits=tuple(_hit_record(h, spans) for h in hits),
        answer=answer.text, refused=answer.refused, confidence=round(float(answer.confidence), 4),
        citations=tuple(_citation_record(c, passages[c.marker], spans) for c in answer.citations),
        sentences=sentences, outcomes=outcomes, latency_ms=round(latency_ms, 2),
    )
