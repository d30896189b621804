"""Clean report text: drop web boilerplate lines and mend paragraphs broken mid-sentence.

Cleaning only removes whole lines and joins lines; it never rewrites a character inside a
paragraph, so quotes stay the report's own words.
"""
from __future__ import annotations

import re

import jieba

# Boilerplate is recognised by the shape of web-template sentences, not by listing lines:
# an editor/site offering curated sample texts "for your reference", related-article lists, etc.
_BOILERPLATE = [
    re.compile(r"(精心|用心|特意|特地)(挑选|整理|收集|准备|推荐|编辑)"),
    re.compile(r"小编|本站|本网|网友|范文网|资源网|期刊网|文库"),
    re.compile(r"(供|给)(你|您|大家)(参考|学习|阅读|借鉴)"),
    re.compile(r"(欢迎|敬请)(阅读|借鉴|参考|下载|收藏)"),
    re.compile(r"(希望|但愿).{0,12}(对你|对您|对大家|能帮助|有所帮助|激发)"),
    re.compile(r"^【[^】]{0,40}】(相关文章|推荐阅读|相关推荐)?[:：]?$"),
    re.compile(r"^(相关文章|推荐阅读|相关推荐|热门文章|延伸阅读)[:：]?"),
    re.compile(r"(\d{2}-\d{2}|\d{4}-\d{1,2}-\d{1,2})$"),  # "标题08-02": a related-links list
]
_MAX_BOILERPLATE_LINE = 200  # a long paragraph is content even if it contains a template phrase

_SENTENCE_END = "。！？!?；;…”’」』）)】：:"
_CONTINUATION_START = "，,。、；;：:）)”’」』！？!?%％"
_MARKER = re.compile(
    r"^\s*(第[一二三四五六七八九十百零\d]+[篇章节部分]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d+[、.．](?!\d)|[⒈-⒛①-⑳⑴-⒇]|[-—]{2,}|一是|二是|三是|首先|其次|第[一二三四五六七八九十]+[,，、])"
)


_ARTICLE_END = re.compile(r"篇[一二三四五六七八九十\d]+$|\d$")
_NUMERALS = set("〇零一二三四五六七八九十百千万两")


def is_boilerplate(line: str) -> bool:
    """True for web-template lines (site blurbs, "for your reference", related-link lists)."""
    text = line.strip()
    if not text:
        return True
    if len(text) > _MAX_BOILERPLATE_LINE:
        return False
    return any(p.search(text) for p in _BOILERPLATE)


def _crosses_word(left: str, right: str) -> bool:
    """True when jieba reads a word across the line break ("图书馆建" + "设实现")."""
    tail, head = left[-4:], right[:4]
    pos = 0
    for word in jieba.cut(tail + head, HMM=False):
        if pos < len(tail) < pos + len(word) and len(word) >= 2 and not set(word) <= _NUMERALS:
            return True
        pos += len(word)
    return False


def is_broken_pair(left: str, right: str) -> bool:
    """Should `right` be joined to `left` (a paragraph broken across lines)?"""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right or left[-1] in _SENTENCE_END:
        return False
    if right[0] in _CONTINUATION_START:
        return True
    if _MARKER.match(right):
        return False
    if len(left) >= 60:
        return True  # prose, not a title
    last_clause = re.split(r"[，,；;。、]", left)[-1]
    if not _MARKER.match(left) and (len(left) >= 30 and last_clause != left or len(last_clause) <= 2 < len(left)):
        return True  # a sentence cut short: titles are short and rarely hold a comma
    return not _ARTICLE_END.search(left) and _crosses_word(left, right)


def clean_lines(text: str) -> list[str]:
    """Split text into paragraphs: boilerplate dropped, broken paragraphs joined, blank lines gone."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept = [line for line in lines if line.strip() and not is_boilerplate(line)]
    paragraphs: list[str] = []
    for line in kept:
        if paragraphs and is_broken_pair(paragraphs[-1], line):
            paragraphs[-1] += line.lstrip()
        else:
            paragraphs.append(line)
    return paragraphs
