"""Choosing an answer's sentences among the scored candidates: MMR for a concise, non-redundant set,
one per place for a question on several places, and the checks on blanked-out values."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from index.normalize import normalize
from retrieval.questions import FIRST_ITEM, ITEM
from retrieval.types import Hit

if TYPE_CHECKING:
    from retrieval.answer import ComposeSettings

_REDUNDANT = 0.6  # character-bigram Jaccard above which two sentences say the same thing
_TOPIC_MAX = 30  # a list item this short names a measure; what it is follows
_DETAIL = 60  # characters of what follows that an item naming a measure takes along
_ITEMS = 200  # characters of the measures after the one a sentence announcing them ends with
# A colon announcing measures, and the first of them ending the sentence with a semicolon.
_ANNOUNCES = re.compile(r"[:：][^:：。！？!?]{4,}[;；]$")
_NEAR_SAME = 0.8  # bigram overlap of one sentence in two copies of a report
# A blanked-out value where the report template left a number ("已婚育龄妇女XXX人", "?万元", "xx2首").
_REDACTED = re.compile(r"(?:[Xx×*]{2,}\d*|[?？]+)\s*(?=[个名人元万千亿%‰户所台册次项年月日首篇本平亩米吨岁层辆间座场期届支班])")


@dataclass
class Candidate:
    hit: Hit
    rank: int
    start: int  # offsets in the article text
    end: int
    text: str
    article_text: str | None = None
    dense: float = 0.0
    score: float = 0.0
    key_span: tuple[int, int] | None = None
    section_path: tuple[str, ...] | None = None  # the headings over the sentence; None: its chunk's


def select(candidates: list[Candidate], form: str, s: "ComposeSettings", plural: bool = False) -> list[Candidate]:
    """A concise, non-redundant set (MMR), in reading order for lists. A factoid gets a second
    sentence only when it is nearly as good as the first, unless it asks for several values."""
    limit = {"factoid": s.factoid_sentences + plural, "general": 3}.get(form, s.list_sentences)
    share = s.list_floor if form != "factoid" else s.plural_floor if plural else s.factoid_floor
    floor = max(c.score for c in candidates) * share
    chosen = [candidates[0]]
    pool = [c for c in candidates[1:] if c.score >= floor]
    while pool and len(chosen) < limit:
        best = max(pool, key=lambda c: s.mmr_lambda * c.score
                   - (1 - s.mmr_lambda) * max(similarity(c.text, o.text) for o in chosen))
        pool.remove(best)
        if all(similarity(best.text, o.text) < _REDUNDANT for o in chosen):
            chosen.append(best)
    if form != "factoid":
        chosen.sort(key=lambda c: (c.rank, c.start))
    return chosen


def join_adjacent(chosen: list[Candidate]) -> list[Candidate]:
    """Sentences that follow each other in one paragraph become one quote under one citation
    ("达质量目标的,人均奖励200元;超质量目标的,人均奖励300元;"), in the place of the first chosen."""
    out: list[Candidate] = []
    for c in chosen:
        for i, o in enumerate(out):
            first, second = (o, c) if o.start <= c.start else (c, o)
            gap = first.article_text[first.end:second.start] if first.article_text is not None else "\n"
            if o.hit.chunk.article_key == c.hit.chunk.article_key and not gap.strip() and "\n" not in gap:
                out[i] = _joined(o, first, second)
                break
        else:
            out.append(c)
    return out


def _joined(lead: Candidate, first: Candidate, second: Candidate) -> Candidate:
    """`first` and `second` as one quote; the key span stays the lead's, or the other's when it has none."""
    text = first.article_text[first.start:second.end]
    keyed = lead if lead.key_span else (second if lead is first else first)
    span = _shifted(keyed.key_span, keyed.start - first.start)
    return replace(lead, start=first.start, end=second.end, text=text, key_span=span,
                   rank=min(first.rank, second.rank))


def _shifted(span: tuple[int, int] | None, shift: int) -> tuple[int, int] | None:
    """A key span moved `shift` characters on, for a quote that now starts earlier."""
    return (span[0] + shift, span[1] + shift) if span else None


# A line's short label before a colon ("六月份:结合国际儿童节、环境日…。重点宣传儿童保健…"): an item as well
_LABELLED = re.compile(r"^\s*[^，,。；;:：\n]{2,8}[:：]")


def with_detail(c: Candidate, sentences: list[tuple[int, int, int]]) -> Candidate:
    """A short item that only names a measure ("二是围绕“学乐结合”,突出老年教育的娱乐性。") with the
    sentences after it in its paragraph that say what the measure is, up to _DETAIL characters and
    including its own sub-items ("首先,在课程设置上…"), not the list's next item ("三是…").
    `sentences` are the article's (start, end, row), sorted."""
    if c.article_text is None or len(c.text) > _TOPIC_MAX or not (ITEM.match(c.text) or _LABELLED.match(c.text)):
        return c
    return _extended(c, sentences, _DETAIL)


def with_rest(c: Candidate, sentences: list[tuple[int, int, int]]) -> Candidate:
    """`c` with the sentences after it in its paragraph, up to _DETAIL characters: what a label before `c`
    ("第二,严格管理。") names. `sentences` are the article's (start, end, row), sorted."""
    return c if c.article_text is None else _extended(c, sentences, _DETAIL)


def with_items(c: Candidate, sentences: list[tuple[int, int, int]]) -> Candidate:
    """A sentence whose colon announces measures and that ends with the first of them ("…精心构建“双语”氛围:
    在布置各教室…时,全部使用汉语或汉维双语;") with the others: the sentences after it in its paragraph, up to
    _ITEMS characters. `sentences` are the article's (start, end, row), sorted."""
    if c.article_text is None or not _ANNOUNCES.search(c.text):
        return c
    return _extended(c, sentences, _ITEMS)


def _extended(c: Candidate, sentences: list[tuple[int, int, int]], reach: int) -> Candidate:
    """`c` with the sentences after it in its paragraph, while under `reach` characters were added, up to
    the next item of the list `c` is an item of."""
    family, end = _item_family(c.text), c.end
    at = bisect.bisect_left(sentences, (c.end, 0, 0))
    while at < len(sentences) and end - c.end < reach:
        start, stop, _ = sentences[at]
        gap = c.article_text[end:start]  # a short sentence between is not indexed, but is text all the same
        next_item = family and family in (_item_family(gap.strip()), _item_family(c.article_text[start:stop]))
        if "\n" in gap or next_item:
            break  # another paragraph, or the list's next item
        end, at = stop, at + 1
    return c if end == c.end else replace(c, end=end, text=c.article_text[c.start:end])


# A list item's short label right before its text ("一是公示。用广播…", "(二)接访:镇党委书记…").
_LABEL = re.compile(r"(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．])"
                    r"[^。；;:：\n]{1,8}[。；;:：]\s*$")


def with_label(c: Candidate) -> Candidate:
    """The item `c` explains with the short label that names it ("一是公示。" before "用广播、村务公开栏…"),
    which is too short to be a sentence of its own."""
    return _with_preceding(c, _LABEL, 16)


# A short sentence of no clauses that names what follows it in its paragraph ("搞好思想发动。在镇党委深入动员基础上,…",
# "一是强化责任促法治。层层签订…")
_LABEL_BEFORE = re.compile(r"(?:^|[。！？!?；;\n])\s*[-—–·•]*\s*(?:第[一二三四五六七八九十]+[,，、])?"
                           r"([^。！？!?；;:：,，\n-]{2,14}[。:：])\s*$")  # "第二,严格管理。", "------生均…增长。"


def clause_head(c: Candidate) -> str:
    """The start of the sentence that `c` goes on after a semicolon ("2002年至2004年,小学为1300元…;" before
    "初中为1799元…"), or "" when `c` starts a sentence."""
    if c.article_text is None or c.start == 0 or c.article_text[c.start - 1] not in ";；":
        return ""
    before = c.article_text[max(0, c.start - 200):c.start]
    return before[max(before.rfind(end) for end in "。！？!?\n") + 1:]


def label_before(c: Candidate) -> str:
    """The short label right before `c` in its paragraph, which names what `c` tells; "" when there is none."""
    if c.article_text is None:
        return ""
    # "初中为1799元…" after "小学为1300元…;": the label before its whole sentence; not another item's label
    end = c.start - (0 if ITEM.match(c.text) else len(clause_head(c)))
    before = c.article_text[max(0, c.start - 120):end].split("\n")[-1]
    m = _LABEL_BEFORE.search(before[-24:])
    return m.group(1) if m else ""


# A sentence that names its subject by pointing back ("会议由…主持并讲话" after "…召开教育实践活动总结大会。")
_POINTS_BACK = re.compile(r"^\s*(?:会议|会上|大会|该|此(?!外)|这|上述|以上)")
_SENTENCE_BEFORE = re.compile(r"([^。！？!?；;\n]{2,60}[。！？!?；;])\s*$")


def antecedent(c: Candidate) -> str:
    """The sentence right before `c` in its paragraph when `c` points back to what it names ("会议…"), else ""."""
    if c.article_text is None or not _POINTS_BACK.match(c.text):
        return ""
    m = _SENTENCE_BEFORE.search(c.article_text[max(0, c.start - 64):c.start].split("\n")[-1])
    return m.group(1) if m else ""


# A numbered item's title, a sentence of its own on the line before what it says ("1.继续做好小学素质教育市级特色学校的
# 创建工作。" before "在目前已评8所的基础上,…"; "(四)义诊义治服务活动。" before "以乡卫生院为服务单位,…").
_TITLE = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．])"
                    r"[^。！？!?；;:：\n]{2,30}。\s*$")


def with_title(c: Candidate) -> Candidate:
    """The first sentence of a numbered item with the item's title, which names what the sentence speaks of
    ("在目前已评8所的基础上" says not what was rated: its title does)."""
    return _with_preceding(c, _TITLE, c.start)  # the whole line before it, so that ^ is where the line starts


# The clause that announces a list right before its first item ("重点把握好四个环节:一是公示").
_LEAD_IN = re.compile(r"[^。！？!?；;，,)）\n]{2,30}[:：]\s*$")


def with_lead_in(c: Candidate) -> Candidate:
    """The first item of a list with the clause that announces it ("重点把握好四个环节:"), which says
    what the items are and how many there are."""
    return _with_preceding(c, _LEAD_IN, 40) if FIRST_ITEM.match(c.text) else c


def _with_preceding(c: Candidate, pattern: re.Pattern, reach: int) -> Candidate:
    """`c` starting earlier, at what `pattern` finds right before it in its paragraph (within `reach`
    characters); `c` itself when nothing is found."""
    if c.article_text is None:
        return c
    line = c.article_text[max(0, c.start - reach):c.start].split("\n")[-1]
    m = pattern.search(line)
    if not m:
        return c
    shift = len(line) - m.start()
    return replace(c, start=c.start - shift, text=c.article_text[c.start - shift:c.end],
                   key_span=_shifted(c.key_span, shift))


def without_contained(chosen: list[Candidate]) -> list[Candidate]:
    """`chosen` without the sentences another chosen quote already holds (an item took them as its detail)."""
    def inside(c: Candidate, o: Candidate) -> bool:
        return (o is not c and o.hit.chunk.article_key == c.hit.chunk.article_key
                and o.start <= c.start and c.end <= o.end and (o.start, o.end) != (c.start, c.end))
    return [c for c in chosen if not any(inside(c, o) for o in chosen)]


def _item_family(text: str) -> str:
    """The kind of list marker `text` starts with ("一是" and "三是" are one kind, "首先" another); "" if none."""
    m = ITEM.match(text)
    if not m:
        return ""
    marker = m.group().strip()
    return re.sub(r"[一二三四五六七八九十\d]+", "N", re.sub(r"首先|其次|再次|最后", "order", marker))


def per_place(candidates: list[Candidate], places: list[str], kind: str | None) -> list[Candidate]:
    """For each place, its best sentence (one holding the asked-for thing when one is asked for):
    a sentence that names the place, or one from a passage about it."""
    chosen: list[Candidate] = []
    for place in places:
        about = [c for c in candidates if place in normalize(c.text)] or [
            c for c in candidates if place in normalize(f"{c.hit.chunk.article_title} {c.hit.chunk.subject}")]
        about = [c for c in about if c.key_span] if kind else about
        if about and about[0] not in chosen:
            chosen.append(about[0])
    return chosen


def fullest_of_duplicates(candidates: list[Candidate], top: int = 5) -> list[Candidate]:
    """`candidates` with each of the first `top` swapped for a near-identical sentence from a duplicate
    report that holds more digits: "由2002年的2所增加到18所" rather than its copy "由的2所增加到18所"."""
    out = list(candidates)
    for i in range(min(top, len(out))):
        digits = sum(ch.isdigit() for ch in out[i].text)
        for j in range(i + 1, len(out)):
            if sum(ch.isdigit() for ch in out[j].text) > digits and similarity(out[i].text, out[j].text) >= _NEAR_SAME:
                out[j].score, out[i].score = out[i].score, out[j].score
                out[i], out[j] = out[j], out[i]
                break
    return out


def redacted_near(text: str, tokens: list[str], window: int = 8, dates: bool = True, units: str = "") -> bool:
    """True when the value right after a question term is blanked out ("已婚育龄妇女XXX人"), or the count
    right before it ("整理了xx2首古诗词"); a blanked year or date ("20xx年") only when `dates`; with `units`, only
    a value in one of them ("%" for a share asked: not "落实?万元的创建经费")."""
    norm = normalize(text)
    for m in _REDACTED.finditer(norm):
        if not dates and (norm[m.end():m.end() + 1] in "年月日" or norm[m.start() - 1:m.start()].isdigit()):
            continue
        if units and norm[m.end():m.end() + 1] not in units:
            continue
        before = norm[max(0, m.start() - window): m.start()]
        counted = norm[m.end() + 1: m.end() + 1 + window]  # past the unit
        if any(len(t) >= 2 and (t in before and not _WHEN_WORD.fullmatch(t) or counted.startswith(t))
               and not _counted_openly(norm, t) for t in tokens):
            return True
    return False


# a word that tells when, not what is counted ("到2010年底,将我县?个乡镇…": 年底 names no blanked figure)
_WHEN_WORD = re.compile(r"(?:19|20)\d\d|年底|年初|年末|年终|月底|月初|目前|现在|今年|去年|明年|上半年|下半年")


def blank_asked(text: str, asked_at: str) -> bool:
    """True when a figure of `text` is blanked out right before the words a question puts after its ask,
    `asked_at` ("将多少个乡镇创建成…" → 乡镇创建; "将我县?个乡镇创建成…": the very figure asked for)."""
    if not asked_at:
        return False
    norm = normalize(text)
    return any(norm.startswith(asked_at, m.end() + 1) for m in _REDACTED.finditer(norm))


def _counted_openly(text: str, term: str) -> bool:
    """True when `text` also counts `term` with a figure written out ("将我县?个乡镇创建成…,加上原已命名的11个“无毒
    乡镇”,实现85%的乡镇…": the blank is one count of 乡镇 among others)."""
    figure = r"(?<![Xx×*＊\d.])\d+(?:\.\d+)?[%％]?"  # not the blank's own digit ("xx2首古诗词")
    return bool(re.search(rf"{figure}[个名人所户家项]?[的“]?[\u4e00-\u9fff]{{0,2}}{re.escape(term)}", text))


def similarity(a: str, b: str) -> float:
    """Share of character bigrams two sentences have in common (Jaccard), 0-1."""
    ga, gb = {a[i:i + 2] for i in range(len(a) - 1)}, {b[i:i + 2] for i in range(len(b) - 1)}
    return len(ga & gb) / max(1, len(ga | gb))
