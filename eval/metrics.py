"""Evaluation metrics as pure functions: the relevance rule, recall and MRR, CMRC 2018 character F1,
answer and citation checks, refusal rates, Cohen's kappa and latency percentiles."""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from difflib import SequenceMatcher

from index.normalize import squeeze

RELEVANT_SHARE = (3, 5)  # 60% of the span's characters, as a fraction: integer arithmetic at the boundary
MARKER = re.compile(r"【\d+】")
LIST_NUMBER = re.compile(r"^[ \t]*\d+\.[ \t]+", re.MULTILINE)  # "1. " that numbers an answer's list lines
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def strip_markers(text: str) -> str:
    """Answer text without its 【n】 citation markers."""
    return MARKER.sub("", text)


def longest_common_run(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """Length of the longest contiguous run shared by `a` and `b` (strings or token lists).

    subtle: autojunk must be off; with it, SequenceMatcher ignores characters that are frequent in a
    long `b` (any Chinese character common in a 300-character passage) and can miss the true run.
    """
    if not a or not b:
        return 0
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def is_relevant(passage: str, span: str) -> bool:
    """The DESIGN relevance rule: after NFKC and with white space removed on both sides, `passage`
    contains, as one contiguous run, at least 60% of the characters of `span`."""
    s, p = squeeze(span), squeeze(passage)
    if not s:
        return False
    if s in p:
        return True
    num, den = RELEVANT_SHARE
    return den * longest_common_run(p, s) >= num * len(s)


def relevant_to_any(passage: str, spans: Iterable[str]) -> bool:
    return any(is_relevant(passage, span) for span in spans)


def first_relevant_rank(passages: Sequence[str], spans: Sequence[str]) -> int | None:
    """1-based rank of the first passage relevant to some span, or None when none is."""
    for rank, passage in enumerate(passages, start=1):
        if relevant_to_any(passage, spans):
            return rank
    return None


def share(flags: Iterable[bool | float]) -> float | None:
    """Mean of booleans (or numbers); None when there is nothing to average."""
    values = [float(f) for f in flags]
    return sum(values) / len(values) if values else None


def recall_at_k(first_ranks: Sequence[int | None], k: int) -> float | None:
    """Share of questions whose first relevant hit is within the top `k` (ranks of answerable questions)."""
    return share(r is not None and r <= k for r in first_ranks)


def mrr_at(first_ranks: Sequence[int | None], cutoff: int = 10) -> float | None:
    """Mean of 1/rank of the first relevant hit within `cutoff`, 0 when there is none."""
    return share(1.0 / r if r is not None and r <= cutoff else 0.0 for r in first_ranks)


def cmrc_tokens(text: str) -> list[str]:
    """Tokens of the CMRC 2018 F1: each character is a token, except that a run of Latin letters or
    digits (a decimal number included) is one token; punctuation, symbols and spaces are dropped.
    Compared after NFKC and lower-casing, so full-width and half-width forms agree."""
    text = unicodedata.normalize("NFKC", text).lower()
    tokens: list[str] = []
    run = ""
    for i, ch in enumerate(text):
        decimal_point = ch == "." and run[-1:].isdigit() and text[i + 1:i + 2].isdigit()
        if ch.isascii() and ch.isalnum() or decimal_point:
            run += ch
            continue
        if run:
            tokens.append(run)
            run = ""
        if unicodedata.category(ch)[0] not in "PSZC":  # punctuation, symbols, separators, controls
            tokens.append(ch)
    if run:
        tokens.append(run)
    return tokens


def char_f1(prediction: str, gold: str) -> float:
    """CMRC 2018 official F1 of `prediction` against `gold`: precision and recall of the longest common
    contiguous run of tokens (see cmrc_tokens). Identical text gives 1.0, nothing shared 0.0."""
    pred, ref = cmrc_tokens(prediction), cmrc_tokens(gold)
    if not pred or not ref:
        return float(pred == ref)
    run = longest_common_run(pred, ref)
    if run == 0:
        return 0.0
    precision, recall = run / len(pred), run / len(ref)
    return 2 * precision * recall / (precision + recall)


def answer_hit(answer_text: str, spans: Sequence[str]) -> bool:
    """The answer text (markers removed) covers some evidence span by the relevance rule."""
    return relevant_to_any(strip_markers(answer_text), spans)


def citation_hit(cited_passages: Sequence[str], spans: Sequence[str]) -> bool:
    """Some passage the answer cites is relevant to some evidence span."""
    return any(relevant_to_any(p, spans) for p in cited_passages)


def is_faithful(sentence: str, cited_passage: str) -> bool:
    """The answer sentence stands verbatim in the passage it cites."""
    sentence = sentence.strip()
    return bool(sentence) and sentence in cited_passage


def numbers_in(text: str) -> list[str]:
    """Arabic numbers (integers and decimals, full-width digits included) in `text`, in order."""
    return NUMBER.findall(unicodedata.normalize("NFKC", text))


def number_counts(answer_text: str, cited_passages: Sequence[str]) -> tuple[int, int]:
    """(numbers of the answer found in the cited passages, numbers in the answer). The 【n】 markers and
    the "1. " numbering of list lines are the answer's layout, not claims, and are not counted.
    A number counts as found when the passages hold the same whole number: 6 is not found in 6659."""
    available = {n for p in cited_passages for n in numbers_in(p)}
    wanted = numbers_in(LIST_NUMBER.sub("", strip_markers(answer_text)))
    return sum(n in available for n in wanted), len(wanted)


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa of two raters' labels for the same items: (p_o - p_e) / (1 - p_e).

    When both raters gave every item one and the same label, p_e = 1 and kappa is undefined;
    this returns 1.0 then, since the raters agree on everything.
    Raises ValueError when the lists differ in length or are empty.
    """
    if len(a) != len(b) or not a:
        raise ValueError(f"kappa needs two equally long, non-empty label lists (got {len(a)} and {len(b)})")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[label] * cb[label] for label in ca) / (n * n)
    if math.isclose(expected, 1.0):
        return 1.0
    return (observed - expected) / (1.0 - expected)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation between closest ranks; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)
