"""Escape-first HTML building blocks: quotes highlighted in paragraphs, answers with citation markers.

Every piece of text from a report or a question goes through `esc` before it meets markup, so a
report file or a question holding `<script>` shows as text and never runs.
"""
from __future__ import annotations

import html
import re

from index.types import Article

_MARKER = re.compile(r"【(\d+)】")
# The line breaks Markdown knows. Every one becomes <br>, so no text can hold a blank line, which
# would end the HTML block of a chat message and let the rest be read as Markdown (links, images).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def esc(text: object) -> str:
    """`text` made safe for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def highlight(text: str, start: int, end: int, css_class: str = "") -> str:
    """`text` escaped, with `text[start:end]` wrapped in <mark>; offsets are clamped into the text."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if end <= start:
        return esc(text)
    attr = f' class="{esc(css_class)}"' if css_class else ""
    return f"{esc(text[:start])}<mark{attr}>{esc(text[start:end])}</mark>{esc(text[end:])}"


def locate(paragraph: str, quote: str, offset: int | None) -> int:
    """Where `quote` stands in `paragraph`: at `offset` when it is there, else where found; -1 if absent."""
    if offset is not None and quote and paragraph[offset:offset + len(quote)] == quote:
        return offset
    return paragraph.find(quote) if quote else -1


def highlight_spans(text: str, spans: list[tuple[int, int]], css_class: str = "", context: int | None = None,
                    labels: list[str] | None = None) -> str:
    """`text` escaped with each (start, end) span marked, each followed by its label (e.g. "【2】") if given.

    With `context`, the text is cut to that many characters before the first span and after the last (…).
    """
    spans = sorted((max(0, s), min(len(text), e), i) for i, (s, e) in enumerate(spans) if e > s)
    if not spans:
        return esc(text)
    left, right = 0, len(text)
    if context is not None:
        left, right = max(0, spans[0][0] - context), min(len(text), max(e for _, e, _ in spans) + context)
    attr = f' class="{esc(css_class)}"' if css_class else ""
    out, pos = ["…" if left > 0 else ""], left
    for start, end, i in spans:
        start = max(start, pos)  # overlapping quotes: mark the rest of the later one
        if end <= start:
            continue
        label = f'<sup class="cite">{esc(labels[i])}</sup>' if labels else ""
        out.append(f"{esc(text[pos:start])}<mark{attr}>{esc(text[start:end])}</mark>{label}")
        pos = end
    out.append(esc(text[pos:right]) + ("…" if right < len(text) else ""))
    return "".join(out)


def highlight_quote(paragraph: str, quote: str, offset: int | None, css_class: str = "",
                    context: int | None = None) -> str:
    """`paragraph` with `quote` marked (see `locate`), cut to `context` characters around it when given;
    a quote not in the paragraph is shown by itself, marked."""
    at = locate(paragraph, quote, offset)
    if at < 0:
        return highlight(quote, 0, len(quote), css_class)
    return highlight_spans(paragraph, [(at, at + len(quote))], css_class, context)


def highlight_terms(text: str, terms: tuple[str, ...] | list[str]) -> str:
    """`text` escaped, with every literal occurrence of the (non-empty) `terms` marked."""
    spans: list[tuple[int, int]] = []
    for term in sorted({t for t in terms if t.strip()}, key=len, reverse=True):
        for m in re.finditer(re.escape(term), text):
            if all(m.end() <= s or m.start() >= e for s, e in spans):
                spans.append((m.start(), m.end()))
    out, pos = [], 0
    for s, e in sorted(spans):
        out.append(f'{esc(text[pos:s])}<mark class="term">{esc(text[s:e])}</mark>')
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)


def with_breaks(text: str) -> str:
    """Escaped `text`, its line breaks as <br>."""
    return "<br>".join(esc(line) for line in _LINE_BREAK.split(text))


def with_markers(text: str) -> str:
    """Escaped `text`, its 【n】 citation markers styled, line breaks kept."""
    return _MARKER.sub(r'<sup class="cite">【\1】</sup>', with_breaks(text))


def article_html(article: Article, start: int | None = None, end: int | None = None,
                 id_prefix: str = "art", contents_label: str = "", empty_contents: str = "") -> str:
    """The whole article, readable: headings bold and anchored, paragraphs as written, and
    `article.text[start:end]` (a quote) marked, even across paragraph breaks.

    With `contents_label`, a table of contents of the section headings comes first.
    """
    headings = {h.start: h for h in article.headings}
    parts = [f'<div class="article" id="{esc(id_prefix)}">', f"<h3>{esc(article.title)}</h3>"]
    if contents_label:
        parts.append(_contents(article, id_prefix, contents_label, empty_contents))
    pos = 0
    for line in article.text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            continue
        parts.append(_paragraph(line, line_start, line_end, headings.get(line_start), start, end, id_prefix))
    parts.append("</div>")
    return "".join(parts)


def _paragraph(line: str, line_start: int, line_end: int, heading, start, end, id_prefix: str) -> str:
    lo = hi = 0
    if start is not None and end is not None and start < line_end and end > line_start:
        lo, hi = max(start, line_start) - line_start, min(end, line_end) - line_start
    body = highlight(line, lo, hi)
    if heading is None:
        return f"<p>{body}</p>"
    n = len(heading.text) if line.startswith(heading.text) else 0
    if n and not (lo < n and hi > 0):  # bold the heading words when no quote mark crosses them
        body = f"<strong>{esc(line[:n])}</strong>{highlight(line[n:], max(0, lo - n), max(0, hi - n))}"
    return (f'<p class="heading level-{heading.level}" id="{esc(id_prefix)}-sec-{heading.start}">'
            f"{body}</p>")


def _contents(article: Article, id_prefix: str, label: str, empty: str) -> str:
    if not article.headings:
        return f'<div class="contents"><b>{esc(label)}</b> {esc(empty)}</div>'
    items = "".join(f'<li class="level-{h.level}"><a href="#{esc(id_prefix)}-sec-{h.start}">{esc(h.text)}</a></li>'
                    for h in article.headings)
    return f'<details class="contents" open><summary>{esc(label)}</summary><ul>{items}</ul></details>'
