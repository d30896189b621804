"""Split report text into sentences with exact offsets: Chinese punctuation, numbered items, 一是…二是…"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends after 。！？； (and any closing quote), or at a line end. Numbered items and
# "一是/二是" enumerations start a new sentence even after a comma. A semicolon inside brackets
# ("(责任单位:团委、教办;活动时间:10月份)") separates the parts of one note, not two sentences. A "?" before a
# classifier stands for a figure left out ("将我县?个乡镇创建成…", "从?年?月起"), not for a question's end.
_END = re.compile(r"(?:[。！？!；;…]|\?(?![个名人元万千亿年月日户所次项]))+[”’」』)）]*|\n")
_SEMICOLON = re.compile(r"[；;]+$")
_ITEM_START = re.compile(r"(?<=[，,：:])\s*(?=[一二三四五六七八九十]是|[（(]?\d{1,2}[)）、.．](?!\d)|[①-⑳⑴-⒇])")
MIN_SENTENCE = 6


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the text given to split_sentences
    end: int
    text: str


def split_sentences(text: str, base: int = 0) -> list[Sentence]:
    """Sentences of `text`; offsets are `base` + position, and text[start-base:end-base] == sentence."""
    cuts = {0, len(text)}
    cuts.update(m.end() for m in _END.finditer(text) if not _inside_a_note(text, m))
    cuts.update(m.end() for m in _ITEM_START.finditer(text))
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b]
        stripped = piece.strip()
        if len(stripped) < MIN_SENTENCE:
            continue
        lead = len(piece) - len(piece.lstrip())
        s = a + lead
        out.append(Sentence(start=base + s, end=base + s + len(stripped), text=stripped))
    return out


def _inside_a_note(text: str, end: re.Match) -> bool:
    """True for a semicolon while a bracket opened earlier in its sentence (on its line, after its
    last 。) is still open: "(责任单位:团委、教办;活动时间:10月份)"."""
    if not _SEMICOLON.match(end.group()):
        return False
    at = end.start()
    line = text[max(text.rfind("\n", 0, at), text.rfind("。", 0, at)) + 1: at]
    return line.count("(") + line.count("（") > line.count(")") + line.count("）")


def sentence_window(article_text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole sentences of the article (a chunk may cut one at its edges)."""
    left = start
    while left > 0 and not _END.match(article_text[left - 1]) and start - left < 200:
        left -= 1
    m = _END.search(article_text, max(end - 1, 0))
    if m is None:
        right = len(article_text) if len(article_text) - end < 200 else end
    else:
        right = m.end() if m.end() - end < 200 else end
    return left, min(right, len(article_text))
