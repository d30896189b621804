"""Find the structure of a report: the articles of a compilation file and their section headings."""
from __future__ import annotations

import re
from collections import defaultdict

from index.types import Article, Heading

_CN_NUM = "一二三四五六七八九十百零"
# Lines that open a new article in a compilation file.
_ARTICLE_PATTERNS = [
    re.compile(rf"^第[{_CN_NUM}\d]+篇\s*[:：]"),  # 第一篇:标题
    re.compile(rf"^\d+[.．、]\s*\S.{{0,60}}\s篇[{_CN_NUM}]+$"),  # 1.标题 篇一
    re.compile(rf"^.{{2,40}}篇[{_CN_NUM}\d]+$"),  # 标题篇三
]
_NUMBERED_TITLE = re.compile(r"^(\S.{1,40}?)(\d{1,2})$")  # 工作总结范文1, 活动方案2, …
_MAX_TITLE_LEN = 60
_MIN_ARTICLE_BODY = 80  # an "article" shorter than this is a title page: merged into the next

# Section heading levels; a heading is a short line, or the short first sentence of a paragraph.
_HEADING_LEVELS = [
    (1, re.compile(rf"^[{_CN_NUM}]+\s*[、.．]")),
    (1, re.compile(rf"^第[{_CN_NUM}]+\s*[、,，.．:：]")),
    (2, re.compile(rf"^[（(][{_CN_NUM}]+[)）]")),
    (3, re.compile(r"^\d{1,2}\s*[、.．](?!\d)")),
    (3, re.compile(r"^[⒈-⒛]")),
    (4, re.compile(r"^[（(]\d{1,2}[)）]")),
    (4, re.compile(r"^[①-⑳⑴-⒇]")),
]
_MAX_HEADING_LEN = 40


def _numbered_title_stems(paragraphs: list[str]) -> set[str]:
    """Stems like "工作总结范文" that appear with two or more different numbers: article titles."""
    numbers: dict[str, set[str]] = defaultdict(set)
    for p in paragraphs:
        m = _NUMBERED_TITLE.match(p.strip())
        if m and len(p) <= _MAX_TITLE_LEN and not re.search(r"[，,。；;]", p):
            numbers[m.group(1)].add(m.group(2))
    return {stem for stem, nums in numbers.items() if len(nums) >= 2}


def is_article_start(line: str, stems: set[str]) -> bool:
    text = line.strip()
    if len(text) > _MAX_TITLE_LEN:
        return False
    if any(p.match(text) for p in _ARTICLE_PATTERNS):
        return True
    m = _NUMBERED_TITLE.match(text)
    return bool(m and m.group(1) in stems)


def heading_of(paragraph: str) -> tuple[int, str] | None:
    """(level, heading text) when the paragraph opens with a section heading, else None."""
    text = paragraph.strip()
    for level, pattern in _HEADING_LEVELS:
        if pattern.match(text):
            first = re.split(r"(?<=[。；;：:！？!?])", text, maxsplit=1)[0]
            if len(first) <= _MAX_HEADING_LEN:
                return level, first.rstrip("。；;：:")
            return None
    return None


def split_articles(report: str, paragraphs: list[str]) -> list[Article]:
    """Split a report's cleaned paragraphs into articles, each with its headings.

    A file with no article markers is one article titled by its first line.
    """
    if not paragraphs:  # an empty file, or one that was all boilerplate
        return []
    stems = _numbered_title_stems(paragraphs)
    groups: list[list[str]] = [[]]
    for p in paragraphs:
        if is_article_start(p, stems) and groups[-1]:
            groups.append([])
        groups[-1].append(p)
    merged: list[tuple[str, list[str]]] = []  # (title, paragraphs)
    for group in groups:
        if merged and sum(len(p) for p in merged[-1][1][1:]) < _MIN_ARTICLE_BODY:
            # a bare title page or preface: keep it with what follows, titled by a marker line
            title = merged[-1][0] if is_article_start(merged[-1][0], stems) else group[0]
            merged[-1] = (title, merged[-1][1] + group)
        else:
            merged.append((group[0], group))
    return [_make_article(report, i, title.strip(), group, stems) for i, (title, group) in enumerate(merged)]


def _make_article(report: str, index: int, title: str, paragraphs: list[str], stems: set[str]) -> Article:
    text = "\n".join(paragraphs)
    headings, offset = [], 0
    for i, p in enumerate(paragraphs):
        found = heading_of(p) if i > 0 and not is_article_start(p, stems) else None
        if found:
            headings.append(Heading(start=offset, level=found[0], text=found[1]))
        offset += len(p) + 1
    return Article(report=report, index=index, title=title, text=text, headings=tuple(headings),
                   subject=article_subject(title, paragraphs))


_SUBJECT_PLACE = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:乡|镇|县)")
# Characters that mark a grammatical phrase ("在全县", "提高全乡"), not a place name.
_NOT_IN_PLACE = set("我全本各该在的对和与及是为由个一其此这那两每于使分加之就处实当建带召发含增健但任务到了把被从向高委")
_SUBJECT_LEAD_CHARS = 300
_MAX_SUBJECT = 60


def _bare(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def article_subject(title: str, paragraphs: list[str]) -> str:
    """Who or where an article is about: short byline lines near its top ("明溪口镇党委政府",
    "叶首得(永安市上坪乡党委书记)") and place names in its opening that recur in the article."""
    parts: list[str] = []
    for p in paragraphs[1:4]:
        line = p.strip()
        if len(line) <= 30 and _bare(line) not in _bare(title) and not re.search(r"[。；;，,:：]", line) \
                and not heading_of(line) and not is_article_start(line, set()):
            parts.append(line)
    body = "\n".join(paragraphs)
    for m in _SUBJECT_PLACE.finditer(body[:_SUBJECT_LEAD_CHARS]):
        place = m.group(0)
        if set(place[:-1]) & _NOT_IN_PLACE or place[-1] in place[:-1]:
            continue
        if body.count(place) >= 2 and not any(place in q for q in parts + [title]):
            parts.append(place)
    return " ".join(dict.fromkeys(parts))[:_MAX_SUBJECT]
