"""Prepare a question for search: normalise it, drop polite filler, detect its language,
and fold in the topic of earlier turns when it is a follow-up."""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.normalize import normalize

MAX_QUESTION_CHARS = 500

# Polite openers and closers that carry no topic ("请问", "帮我查一下", "谢谢").
_FILLER = re.compile(
    r"^(请问一下|请问|麻烦(你|您)?(帮(我|忙))?(查|看|找)?(一下|下)?|帮(我|忙)?(查|看|找)(一下|下)?|"
    r"我想(知道|了解|问一下|问)|想(知道|了解)|能否|能不能|请(你|您)?(帮我)?(告诉我|说说|介绍一下)|你好|您好)[，,：:\s]*"
    r"|[，,\s]*(谢谢(你|您)?|多谢|好吗|可以吗|行吗)[。.!！?？]*$"
)
# Words that mark a turn as leaning on the previous one.
_FOLLOWUP = re.compile(r"^(那|那么|还有|另外|然后|此外|再说|再问)|呢[？?]?$|^(具体|详细|怎么做|如何做|为什么|效果)|"
                       r"(这些|这个|那些|那个|他们|它们|其中|上述|该)(措施|做法|工作|地方|乡镇|情况|经验)?")
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:乡|镇|县|区|市|村|小学|中学|学校)")
_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class PreparedQuery:
    original: str
    text: str  # what is searched: normalised, filler removed, earlier topic folded in
    lang: str  # "zh" or "en"
    is_followup: bool = False
    truncated: bool = False
    terms: tuple[str, ...] = ()  # extra words for term matching only (official synonyms), not embedded

    @property
    def lexical_text(self) -> str:
        """What term matching (BM25, coverage) sees: the text and the extra terms."""
        return " ".join((self.text, *self.terms))


def detect_lang(text: str) -> str:
    """ "en" when Latin letters outnumber Chinese characters, else "zh"."""
    return "en" if len(_LATIN.findall(text)) > 2 * len(_CJK.findall(text)) else "zh"


def strip_filler(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _FILLER.sub("", text).strip()
    return text


def is_followup(question: str) -> bool:
    q = question.strip()
    return bool(_FOLLOWUP.search(q)) or len(_CJK.findall(q)) <= 6 and detect_lang(q) == "zh"


def fold_history(question: str, history: list[str]) -> str:
    """The follow-up with the earlier question's topic: places named now replace places named before."""
    previous = history[-1]
    if _PLACE.search(question):
        previous = _PLACE.sub("", previous)
    return f"{previous} {question}"


def prepare(question: str, history: list[str] | None = None) -> PreparedQuery:
    """Normalise `question`; `history` holds the user's earlier questions, oldest first."""
    truncated = len(question) > MAX_QUESTION_CHARS
    text = normalize(question[:MAX_QUESTION_CHARS])
    text = strip_filler(text) or text
    earlier = [normalize(h) for h in (history or []) if h and h.strip()]
    followup = bool(earlier) and is_followup(text)
    if followup:
        text = fold_history(text, earlier)
    return PreparedQuery(original=question, text=text, lang=detect_lang(question), is_followup=followup,
                         truncated=truncated)
