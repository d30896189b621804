"""A report's own outline: the sub-headings of a section ("三、…进行的实践" → 1、… 2、… 3、…), which
answer a practice question asked in the section heading's words better than sentences picked one by one."""
from __future__ import annotations

from dataclasses import dataclass

from index.types import Article, Heading

MAX_ITEMS = 8  # a section with more sub-headings is a chapter, not one list of measures


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
