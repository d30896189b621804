"""Tokenise Chinese and English text for BM25: jieba search mode, a domain dictionary, stopwords."""
from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import jieba

from index.normalize import normalize

jieba.setLogLevel(logging.WARNING)

_STOPWORDS = set("""
的 了 和 与 及 或 是 在 为 对 把 被 将 从 以 于 由 向 等 中 上 下 也 都 而 并 就 又 及其 其 之 这 那 此 该 各 个 有 没有 我 我们 你 您 他 她 它 他们 要 会 能 可 可以 把 给 让 使 得 地 着 过 吗 呢 吧 啊 么 什么 怎么 怎样 如何 哪些 哪 多少 几 是否 请问 请 一下 一些 进行 开展 工作 方面 问题
the a an of to in on for and or is are was were be been by with as at from that this which what how who when where why do does did
""".split())
_TOKEN_OK = re.compile(r"[\w\u4e00-\u9fff]")
_QUESTION_WORD = re.compile(r"^(?:哪[一几些个位里儿天年]*|几[个名人次所项年月天条种位家户]?|多少|多大|多长|多久|什么(?:时候)?|时候|"
                            r"怎么样?|怎样|如何|是否|为什么|为何|何时|何地|谁)$")
# Domain terms worth keeping whole: quoted names (“三转”, “无毒害区”) and place names (明溪口镇).
_QUOTED = re.compile(r"[“\"「]([\u4e00-\u9fffA-Za-z0-9]{2,10})[”\"」]")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4}(?:乡|镇|县))")
# Characters that mark a grammatical phrase ("于全县", "带动全乡"), not a place name.
_BEFORE_TOWN = re.compile(r"^.*[省市区县](?=.)")  # "城区郭店镇": the district before the town (郭店镇)
NOT_IN_PLACE = set("某我全本各该在的对和与及是为由个一其此这那两每于使分加之就处实当建带召发含增健但任务到了把被从向有位按份")


def place_names(text: str) -> list[str]:
    """Township and county names in `text` ("明溪口镇"), without phrases like "在全县" or titles like
    "教育强县"; of "历城区郭店镇", the town after its district; of "我们黄圩镇", the town after the words."""
    names = []
    for m in _PLACE.finditer(text):
        # longest first; "白塘镇家乡", "屏南县城乡": the town or county inside, when the whole is no name
        for end in range(m.end(), m.start() + 2, -1):
            if text[end - 1] not in "乡镇县" or text[end - 1:end + 1] == "乡镇":  # "无毒乡镇": no 无毒乡
                continue
            name = _BEFORE_TOWN.sub("", text[m.start():end])
            found = _place_after_words(text, end - len(name), end)
            if found:
                names += found
                break
    return names


def _is_place(name: str) -> bool:
    """Not "教育强县", nor "抓好乡镇" or "那份乡镇" (乡镇 is townships in general, no town's name), nor a verb's
    object ("写进县国民经济…规划", "抓好镇…工作": jieba's dictionary tags 写进 and 抓好 as verbs)."""
    return len(name) >= 3 and name[-2] != "强" and not name.endswith("乡镇") and not set(name[:-1]) & NOT_IN_PLACE \
        and word_tag(name[:-1]) != "v"


def word_tag(word: str) -> str | None:
    """jieba's part-of-speech tag for a word of its dictionary ("写进" → v, "屏南" → ns), or None."""
    import jieba.posseg  # reads jieba's tag table on import (about a second); the questions' module imports it too
    return jieba.posseg.dt.word_tag_tab.get(word)


_WINDOW = 6  # characters on either side that jieba cuts with the phrase
_COMMON_WORD = 1000  # jieba's count for an everyday word (确认 1568, 城乡 2316); 圩镇 has 6, 黄圩 none


def _place_after_words(text: str, start: int, end: int) -> list[str]:
    """The place name ending text[start:end] after the words before it ("为黄圩镇", "我们黄圩镇" → 黄圩镇),
    as [name], or []: the name starts where jieba's dictionary cuts the text and its last character ends a
    word or opens one ("白塘镇党委"), not "城乡" of "缩小城乡差距"; nor does it hold an everyday word
    ("确认黄圩镇", "纪委按照县")."""
    lo = max(0, start - _WINDOW)
    cuts, at = {0}, 0
    for word in jieba.lcut(text[lo:end + _WINDOW], HMM=False):
        at += len(word)
        cuts.add(at)
    if end - lo not in cuts and end - 1 - lo not in cuts:  # "镇党委": a word the name's last character opens
        return []
    common = jieba.dt.FREQ
    if end - 2 - lo in cuts and common.get(text[end - 2:end], 0) >= _COMMON_WORD:  # "白塘镇家乡": 家乡 is a word
        return []
    for i in range(start, end - 2):
        name = text[i:end]
        if i - lo not in cuts or not _is_place(name) or (i and text[i - 1].isdigit()):  # "6月底屏南县": 屏南县
            continue
        if not any(len(w) >= 2 and common.get(w, 0) >= _COMMON_WORD for w in jieba.lcut(name[:-1], HMM=False)):
            return [name]
    return []


def load_place_dictionary() -> None:
    """Load jieba's own dictionary, which place_names cuts with (about 0.7 s), before the first question (its
    tags of words come with `retrieval.questions`, which imports jieba.posseg)."""
    jieba.dt.initialize()


def find_domain_terms(texts: list[str], min_count: int = 2) -> list[str]:
    """Terms for jieba's user dictionary, found in the reports themselves."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_QUOTED.findall(text))
        counts.update(place_names(text))
    return sorted(t for t, n in counts.items() if n >= min_count)


@lru_cache(maxsize=8)
def _jieba_with(terms: tuple[str, ...]) -> jieba.Tokenizer:
    """A jieba tokenizer with `terms` added, shared per process: loading jieba's dictionary costs
    about a second, and the tokenizer is only read once built."""
    tokenizer = jieba.Tokenizer()
    for term in terms:
        tokenizer.add_word(term, freq=2000)
    return tokenizer


class Tokenizer:
    """jieba in search mode with a user dictionary; identical at build and at query time."""

    def __init__(self, user_terms: list[str] | None = None):
        self.user_terms = sorted(set(user_terms or []))
        self._jieba = _jieba_with(tuple(self.user_terms))

    @property
    def dictionary_hash(self) -> str:
        return hashlib.sha1("\n".join(self.user_terms).encode("utf-8")).hexdigest()[:16]

    def tokens(self, text: str) -> list[str]:
        """Normalised search-mode tokens without stopwords and punctuation."""
        out = []
        for tok in self._jieba.cut_for_search(normalize(text)):
            tok = tok.strip()
            if tok and tok not in _STOPWORDS and _TOKEN_OK.search(tok):
                out.append(tok)
        return out

    def words(self, text: str) -> list[str]:
        """jieba's dictionary cut of `text`, every character kept and no unknown word guessed:
        "天河" → ["天河"], "校获得" → ["校", "获得"]."""
        return self._jieba.lcut(normalize(text), HMM=False)

    def query_tokens(self, text: str) -> list[str]:
        """`tokens` of a question, without the question words ("哪几个", "什么时候", "多大"), which
        name no content and would count as rare terms the passages lack."""
        return [t for t in self.tokens(text) if not _QUESTION_WORD.match(t)]

    def save(self, path: Path) -> None:
        path.write_text("\n".join(self.user_terms) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "Tokenizer":
        terms = [t for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
        return cls(terms)
