"""The chat bubble of an answer and the sources panel beside it: citations highlighted in their
paragraphs, the retrieved passages, and (on request) why each passage was found."""
from __future__ import annotations

from prompts import text as say
from prompts.ui import ui_text
from retrieval.types import Answer, Citation, Hit
from ui.html import esc, highlight_quote, highlight_spans, highlight_terms, locate, with_breaks, with_markers

QUOTE_CONTEXT = 160  # characters of the paragraph shown either side of a quote; the article shows all


def answer_message(answer: Answer) -> str:
    """The assistant's chat bubble: the answer with its 【n】 markers, as one HTML block.

    subtle: the chatbot renders Markdown, but a block that opens with <div> and holds no blank line
    is passed through as HTML, so `*`, `#` or `1.` in a report stay plain text.
    """
    css = "answer refused" if answer.refused else "answer"
    notice = f'<div class="notice">{with_breaks(answer.notice)}</div>' if answer.notice else ""
    return f'<div class="{css}">{notice}{with_markers(answer.text)}</div>'


def question_message(question: str) -> str:
    """The user's chat bubble, escaped, its line breaks kept (see answer_message)."""
    return f'<div class="question">{with_breaks(question)}</div>'


def section_label(citation_or_chunk, lang: str) -> str:
    path = citation_or_chunk.section_path
    return " › ".join(path) if path else ui_text("body_section", lang)


def why_html(hit: Hit, lang: str) -> str:
    """Why this passage: the query terms it contains, its BM25 and vector scores, the fused 0-1 score."""
    terms = "、".join(hit.matched_terms) if hit.matched_terms else ui_text("no_terms", lang)
    width = max(0.0, min(1.0, hit.score)) * 100
    return (f'<div class="why"><span class="why-title">{esc(ui_text("why", lang))}</span>'
            f'<span>{esc(ui_text("matched_terms", lang))}: <b>{esc(terms)}</b></span>'
            f'<span>{esc(ui_text("bm25", lang))} {hit.bm25_score:.2f}</span>'
            f'<span>{esc(ui_text("dense", lang))} {hit.dense_score:.3f}</span>'
            f'<span>{esc(ui_text("fused", lang))} <b>{hit.score:.2f}</b>'
            f'<span class="bar"><span style="width:{width:.0f}%"></span></span></span></div>')


def _group_by_paragraph(citations: list[Citation]) -> list[list[Citation]]:
    """Citations quoting the same paragraph share one card, in the order of their first marker."""
    groups: dict[tuple, list[Citation]] = {}
    for c in citations:
        key = (c.report, c.article_index, c.paragraph_start) if c.paragraph else ("marker", c.marker)
        groups.setdefault(key, []).append(c)
    return list(groups.values())


def _paragraph_html(group: list[Citation], css_class: str) -> str:
    first = group[0]
    if not first.paragraph:
        return highlight_quote(first.quote, first.quote, 0, css_class)
    spans, labels = [], []
    for c in group:
        at = locate(first.paragraph, c.quote, c.start - c.paragraph_start)
        if at >= 0:
            spans.append((at, at + len(c.quote)))
            labels.append(f"【{c.marker}】")
    if not spans:
        return highlight_quote(first.quote, first.quote, 0, css_class)
    return highlight_spans(first.paragraph, spans, css_class, QUOTE_CONTEXT, labels if len(group) > 1 else None)


def _citation_card(group: list[Citation], hits: dict[str, Hit], refused: bool, show_scores: bool,
                   lang: str) -> str:
    first = group[0]
    markers = "".join(f"【{c.marker}】" for c in group)
    anchors = "".join(f'<a id="source-{c.marker}"></a>' for c in group[1:])
    body = _paragraph_html(group, "near" if refused else "")
    places = list(dict.fromkeys(p for c in group for p in c.also_in))
    also = f'<div class="also">{esc(say("also_in", lang, places="、".join(places)))}</div>' if places else ""
    why = ""
    if show_scores:
        seen = dict.fromkeys(c.chunk_id for c in group)
        why = "".join(why_html(h, lang) for h in dict.fromkeys(hits[cid] for cid in seen if cid in hits))
    return (f'<div class="source" id="source-{first.marker}">{anchors}'
            f'<div class="source-head"><span class="cite">{markers}</span>'
            f'<span class="source-title">{esc(first.article_title)}</span></div>'
            f'<div class="source-meta">{esc(first.report)} · {esc(section_label(first, lang))}</div>'
            f'<div class="paragraph">{body}</div>{also}{why}</div>')


def _hit_row(hit: Hit, cited: dict[str, int], show_scores: bool, lang: str) -> str:
    c = hit.chunk
    tag = ""
    markers = sorted({cited[cid] for cid in hit.chunk_ids if cid in cited})
    if markers:
        tag = f' <span class="tag">{esc(ui_text("cited_as", lang, marker=markers[0]))}</span>'
    why = why_html(hit, lang) if show_scores else ""
    return (f'<li class="hit"><div class="source-meta"><b>#{hit.rank}</b> {esc(c.article_title)} · '
            f'{esc(section_label(c, lang))}{tag}</div>'
            f'<div class="paragraph small">{highlight_terms(c.text, hit.matched_terms)}</div>{why}</li>')


def sources_html(answer: Answer | None, passages_shown: int = 5, show_scores: bool = False,
                 lang: str | None = None) -> str:
    """The sources panel for `answer` (None: the empty state), in the answer's language."""
    lang = lang or (answer.lang if answer else "zh")
    if answer is None:
        return f'<div class="sources empty">{esc(ui_text("sources_empty", lang))}</div>'
    hits = {cid: h for h in answer.hits for cid in h.chunk_ids}
    title = ui_text("closest_title" if answer.refused else "sources_title", lang)
    cards = "".join(_citation_card(group, hits, answer.refused, show_scores, answer.lang)
                    for group in _group_by_paragraph(answer.citations))
    parts = [f'<div class="sources"><h4>{esc(title)}</h4>{cards}']
    shown = answer.hits[:max(0, passages_shown)]
    if shown:
        cited = {c.chunk_id: c.marker for c in answer.citations}
        rows = "".join(_hit_row(h, cited, show_scores, answer.lang) for h in shown)
        is_open = " open" if show_scores else ""
        parts.append(f'<details class="retrieved"{is_open}><summary>{esc(ui_text("retrieved_title", lang))}'
                     f" ({len(shown)})</summary><ol>{rows}</ol></details>")
    parts.append("</div>")
    return "".join(parts)


def source_choices(answer: Answer | None) -> list[tuple[str, str]]:
    """(label, value) pairs for the "open the article" selector: one per citation."""
    if answer is None:
        return []
    return [(ui_text("source_choice", answer.lang, marker=c.marker, title=c.article_title,
                     section=section_label(c, answer.lang)), str(c.marker)) for c in answer.citations]
