"""Render answers and refusals: inline 【n】 markers, citations, framing words from prompts/."""
from __future__ import annotations

import re
from dataclasses import replace

from prompts import text as say
from retrieval.merge import combined
from retrieval.questions import ITEM, asks_measures
from retrieval.types import Answer, AnswerSentence, Citation, Hit

CLOSEST_PASSAGES = 3
_MARKER = re.compile(r"【(\d+)】")


def paragraph_at(article_text: str, start: int, end: int) -> tuple[str, int]:
    """The paragraph (line) of `article_text` holding start..end, and where it starts."""
    left = article_text.rfind("\n", 0, start) + 1
    right = article_text.find("\n", end)
    right = len(article_text) if right < 0 else right
    return article_text[left:right], left


def citation_for(marker: int, hit: Hit, start: int, end: int, quote: str, article_text: str | None,
                 section_path: tuple[str, ...] | None = None) -> Citation:
    """The citation of a quote: its chunk, report, article, section (the chunk's unless given), offsets, paragraph."""
    c = hit.source_chunk(start, end)
    paragraph, p_start = paragraph_at(article_text, start, end) if article_text else (c.text, c.start)
    section_path = c.section_path if section_path is None else section_path
    return Citation(marker=marker, chunk_id=c.id, report=c.report, article_index=c.article_index,
                    article_title=c.article_title, section_path=section_path, start=start, end=end,
                    quote=quote, paragraph=paragraph, paragraph_start=p_start, also_in=hit.also_in)


def render_answer(question: str, hits: list[Hit], chosen: list, form: str, lang: str,
                  confidence: float) -> Answer:
    """`chosen` are scored candidates (hit, start, end, text, key_span) in reading order."""
    citations, sentences = [], []
    for n, cand in enumerate(chosen, start=1):
        citations.append(citation_for(n, cand.hit, cand.start, cand.end, cand.text, cand.article_text,
                                      cand.section_path))
        sentences.append(AnswerSentence(text=cand.text, citation=n, key_span=cand.key_span))
    if form == "factoid" or form == "general":
        body = "".join(f"{s.text}【{s.citation}】" for s in sentences)
        intro = say("answer_intro", lang)
    elif form == "across":
        intro = say("grouped_intro", lang)
        groups: dict[str, list[str]] = {}
        for s, cit in zip(sentences, citations):
            groups.setdefault(f"{cit.article_title}", []).append(f"- {s.text}【{s.citation}】")
        body = "\n".join(f"{title}\n" + "\n".join(items) for title, items in groups.items())
    else:
        intro = say("measures_intro" if asks_measures(question) else "items_intro", lang)
        # items that carry the report's own numbering ("1、深入学习…") are not numbered again
        marks = ["- "] * len(sentences) if all(ITEM.match(s.text) for s in sentences) else [
            f"{i}. " for i in range(1, len(sentences) + 1)]
        body = "\n".join(f"{m}{s.text}【{s.citation}】" for m, s in zip(marks, sentences))
    text = f"{intro}\n{body}" if intro else body
    return Answer(question=question, text=text, sentences=sentences, citations=citations, refused=False,
                  confidence=confidence, hits=hits, lang=lang)


def render_refusal(question: str, hits: list[Hit], lang: str, reason: str, confidence: float = 0.0) -> Answer:
    """A plain refusal that offers the closest passages (cited) to read."""
    citations = [citation_for(n, h, h.chunk.start, h.chunk.end, h.chunk.text, None)
                 for n, h in enumerate(hits[:CLOSEST_PASSAGES], start=1)]
    lines = [reason]
    if citations:
        lines.append(say("refusal_closest", lang))
        lines += [say("citation_line", lang, marker=c.marker, report=c.report, article=c.article_title,
                      section=(" · " + " > ".join(c.section_path)) if c.section_path else "") for c in citations]
    return Answer(question=question, text="\n".join(lines), citations=citations, refused=True,
                  confidence=confidence, hits=hits, lang=lang)


def merge_answers(question: str, labels: list[str], answers: list[Answer], lang: str, k: int = 10) -> Answer:
    """One answer to "A和B分别…" from the answers about A and about B, each under its label, citations
    numbered on; a part the reports do not answer says so in a line. Refused only when every part is."""
    hits = combined([a.hits for a in answers], k)
    if all(a.refused for a in answers):
        reasons = [_refusal_line(label, a, lang) for label, a in zip(labels, answers)]
        return render_refusal(question, hits, lang, "\n".join(reasons), min(a.confidence for a in answers))
    blocks, sentences, citations = [], [], []
    for label, a in zip(labels, answers):
        if a.refused:
            blocks.append(_refusal_line(label, a, lang))
            continue
        shift = len(citations)
        blocks.append(say("part_label", lang, part=label) + "\n"
                      + _MARKER.sub(lambda m: f"【{int(m.group(1)) + shift}】", a.text))
        citations += [replace(c, marker=c.marker + shift) for c in a.citations]
        sentences += [replace(s, citation=s.citation + shift) for s in a.sentences]
    answered = [a.confidence for a in answers if not a.refused]
    return Answer(question=question, text="\n".join(blocks), sentences=sentences, citations=citations,
                  refused=False, confidence=round(sum(answered) / len(answered), 4), hits=hits, lang=lang)


def _refusal_line(label: str, refusal: Answer, lang: str) -> str:
    """A part's refusal in one line, under its label: the reason, without the passages it offers."""
    return say("part_label", lang, part=label) + refusal.text.split("\n")[0]
