"""A report's own outline: the sub-headings of a section ("三、…进行的实践" → 1、… 2、… 3、…), which
answer a practice question asked in the section heading's words better than sentences picked one by one."""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.types import Article, Heading
from retrieval.questions import FIRST_ITEM, ITEM

MAX_ITEMS = 8  # a section with more sub-headings is a chapter, not one list of measures
# A count of things before a list ("实施“三项”制度", "分四个阶段来落实", "把握好四个环节", "抓好3个环节").
_COUNT = re.compile(r"((?<!\d)[2-8]|[二两三四五六七八])[”\"’]?\s*(?:个|项|种|条|类|大|点|步|块|方面)")
_NUMERALS = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8} | {str(n): n for n in range(2, 9)}


@dataclass(frozen=True)
class Section:
    heading: Heading
    children: tuple[Heading, ...]  # the headings directly under it, in order

    @property
    def text(self) -> str:
        """The heading with its sub-headings, as one text to match a question against."""
        return " ".join([self.heading.text, *(c.text for c in self.children)])


def sections_of(article: Article) -> list[Section]:
    """The sections of `article` that list 2 to MAX_ITEMS sub-headings, in text order."""
    out = []
    for i, h in enumerate(article.headings):
        children = _children(_below(article.headings, i))
        if 2 <= len(children) <= MAX_ITEMS:
            out.append(Section(h, tuple(children)))
    return out


def lists(section: Section, noun: str) -> bool:
    """True when the section lists things of the kind `noun`: its heading names them ("三、…进行的实践")
    or at least two of its sub-headings do ("(一)环境保洁服务活动", "(二)文明交通服务活动")."""
    return noun in section.heading.text or sum(noun in c.text for c in section.children) >= 2


def announced(article: Article, section: Section) -> str:
    """The line that says how many things the section lists, when it lists that many from the first:
    its heading ("三、实施“三项”制度" over 1、2、3、) or the sentence right before the first item
    ("学校对教师的教学质量评价分四个阶段来落实。" over 1、…4、); "" when there is none."""
    if not FIRST_ITEM.match(section.children[0].text):  # "2、…", "3、…": the list's start was not found
        return ""
    intro = article.text[section.heading.start:section.children[0].start].strip()
    lines = [line for line in re.split(r"(?<=[。！？\n])", intro) if line.strip()]
    for line in dict.fromkeys([lines[0], lines[-1]]):
        if any(_NUMERALS[m.group(1)] == len(section.children) for m in _COUNT.finditer(line)):
            return line.strip()
    return ""


# A list told within a paragraph: "重点把握好四个环节:一是公示。…二是接访。…三是包案。…四是落实。…",
# "做到三个严格。第一,严格教育。…第二,严格管理。…"
_INLINE = re.compile(_COUNT.pattern + r"([^,，。；;:：\n]{0,8})[:：。]\s*(?=一是|第一[,，、])")
_ORDINALS = "一二三四五六七八"


def inline_items(paragraph: str, noun: str) -> list[int]:
    """Where each item starts ("一是", "二是", …) of a list of `noun` that `paragraph` announces with its
    count and lists in full ("四个环节:一是…四是…"); [] when it announces none, or not that many."""
    for m in _INLINE.finditer(paragraph):
        if noun not in m.group(0):
            continue
        starts, at = [], m.end()
        marker = "第{}[,，、]" if paragraph.startswith("第一", m.end()) else "{}是"  # "第一,…" or "一是…"
        for ordinal in _ORDINALS[: _NUMERALS[m.group(1)]]:
            found = re.compile(marker.format(ordinal)).search(paragraph, at)
            if not found:
                break
            at = found.start()
            starts.append(at)
        if len(starts) == _NUMERALS[m.group(1)]:
            return starts
    return []


def numbered_paragraphs(text: str, at: int, forward: bool) -> list[int]:
    """Where each paragraph starts of the numbered list ("①…", "②…") that begins at `at` (forward) or
    ends with the paragraph starting at `at` (backward): paragraphs whose markers are of one kind, the
    first of them a first item; [] when there is no such list, or it is longer than MAX_ITEMS."""
    starts, kind = [], None
    while 0 <= at < len(text):
        m = ITEM.match(text[at:at + _MARK_MAX])
        mark = _ORDINAL.sub("第N,", _MARK_KIND.sub("N", m.group().strip())) if m else None
        if mark is None or kind not in (None, mark):
            break
        starts.append(at)
        kind = mark
        if forward:
            at = text.find("\n", at) + 1 or len(text)
        elif at == 0 or FIRST_ITEM.match(text[at:at + _MARK_MAX]):
            break
        else:
            at = text.rfind("\n", 0, at - 1) + 1
    starts = starts if forward else starts[::-1]
    first = starts and FIRST_ITEM.match(text[starts[0]:starts[0] + _MARK_MAX])
    return starts if first and len(starts) <= MAX_ITEMS else []


_MARK_MAX = 12  # characters a paragraph's list marker is read within
_MARK_KIND = re.compile(r"[一二三四五六七八九十\d①-⑳⑴-⒇⒈-⒛]+")  # "①" and "⑥" are one kind of marker
_ORDINAL = re.compile(r"^(?:首先|其次|再次|最后|第N[,，、])$")  # "首先,…其次,…第三,…" is one list
# A paragraph that an ordinal word opens ("首先,…", "第三,…"): an argued point of the article, not a sub-item
ORDINAL_ITEM = re.compile(r"^\s*(?:首先|其次|再次|最后|第[一二三四五六七八九十]+[,，、])")


def section_end(article: Article, section: Section) -> int:
    """Where the section ends: at the next heading of its level or above, else at the article's end."""
    later = (h.start for h in article.headings if h.start > section.heading.start and h.level <= section.heading.level)
    return next(later, len(article.text))


def _below(headings: tuple[Heading, ...], i: int) -> list[Heading]:
    """The headings inside the section that heading `i` opens."""
    out = []
    for h in headings[i + 1:]:
        if h.level <= headings[i].level:
            break
        out.append(h)
    return out


def _children(below: list[Heading]) -> list[Heading]:
    """The sub-headings of the top level among `below`."""
    if not below:
        return []
    top = min(h.level for h in below)
    return [h for h in below if h.level == top]
