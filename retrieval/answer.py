"""Compose an extractive answer: quoted sentences with citations, shaped by the question, or a refusal."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from index.normalize import normalize
from index.store import LoadedIndex
from index.tokens import Tokenizer
from prompts import text as say
from retrieval.questions import find_wanted, shape, wanted
from retrieval.query import detect_lang
from retrieval.render import render_answer, render_refusal
from retrieval.sentences import sentence_window, split_sentences
from retrieval.types import Answer, AnswerSentence, Citation, Hit

COMPOSER_VERSION = 1
_BIGRAM_SIM_REDUNDANT = 0.6


@dataclass(frozen=True)
class ComposeSettings:
    passages: int = 5  # hits whose sentences are considered
    factoid_sentences: int = 2  # the second only when nearly as good as the first
    min_sentence: int = 12  # shorter lines are headings or signatures, not answers
    list_sentences: int = 5
    refuse_below: float = 0.30  # confidence under which the answer is a refusal (calibrated on dev)
    mmr_lambda: float = 0.7


@dataclass
class Candidate:
    hit: Hit
    start: int  # offsets in the article text
    end: int
    text: str
    score: float = 0.0
    key_span: tuple[int, int] | None = None
    article_text: str | None = None


@dataclass
class Composer:
    index: LoadedIndex | None = None
    settings: ComposeSettings = field(default_factory=ComposeSettings)

    def __post_init__(self) -> None:
        self.tokenizer = self.index.tokenizer if self.index else Tokenizer()
        self._df, self._n = _document_frequencies(self.index)

    def idf(self, token: str) -> float:
        df = self._df.get(token, 0)
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))

    def compose(self, question: str, hits: list[Hit]) -> Answer:
        """Answer `question` from `hits` with quoted, cited sentences; refuse when the evidence is weak."""
        lang = detect_lang(question)
        hits = hits[: self.settings.passages]
        if not hits:
            return render_refusal(question, [], lang, say("refusal", lang))
        kind, form = wanted(question), shape(question)
        tokens = list(dict.fromkeys(self.tokenizer.tokens(question)))
        candidates = [c for h in hits for c in self._candidates(h)]
        for c in candidates:
            c.score, c.key_span = self._score(c, tokens, kind if form == "factoid" else None)
        candidates.sort(key=lambda c: -c.score)
        if not candidates:
            return render_refusal(question, hits, lang, say("refusal", lang))
        confidence = self._confidence(candidates[0], hits[0], tokens)
        missing = self._missing(question, tokens, hits, kind if form == "factoid" else None, candidates)
        if confidence < self.settings.refuse_below or missing:
            reason = say("refusal", lang) + ("" if not missing else " " + say("refusal_missing", lang, thing=missing))
            return render_refusal(question, hits, lang, reason, confidence)
        if form == "factoid" and kind:
            with_span = [c for c in candidates[:_WANTED_WITHIN] if c.key_span]
            candidates = with_span + [c for c in candidates if c not in with_span]
        chosen = self._select(candidates, form)
        return render_answer(question, hits, chosen, form, lang, confidence)

    def _candidates(self, hit: Hit) -> list[Candidate]:
        c = hit.chunk
        article = self.index.articles.get(c.article_key) if self.index else None
        if article is None:
            return [Candidate(hit, c.start + s.start, c.start + s.end, s.text) for s in split_sentences(c.text)
                if self._is_prose(s.text)]
        left, right = sentence_window(article.text, c.start, c.end)
        return [Candidate(hit, s.start, s.end, s.text, article_text=article.text)
                for s in split_sentences(article.text[left:right], base=left) if self._is_prose(s.text)]

    def _is_prose(self, sentence: str) -> bool:
        """Headings, titles and signatures ("明溪口镇党委政府") are context, not answers."""
        return len(sentence) >= self.settings.min_sentence and (sentence[-1] in "。！？!?；;…”’)）" or len(sentence) >= 40)

    def _score(self, c: Candidate, tokens: list[str], kind: str | None) -> tuple[float, tuple[int, int] | None]:
        text = normalize(c.text)
        total = sum(self.idf(t) for t in tokens) or 1.0
        lexical = sum(self.idf(t) for t in tokens if t in text) / total
        heading = normalize(" ".join(c.hit.chunk.section_path))
        head = sum(self.idf(t) for t in tokens if t in heading) / total
        span = find_wanted(kind, c.text)
        fit = 1.0 if kind is None or span else 0.0
        prior = c.hit.score
        score = 0.55 * lexical + 0.2 * prior + 0.1 * head + 0.15 * fit - 0.1 * (len(c.text) > 150)
        return score, span

    def _confidence(self, best: Candidate, top: Hit, tokens: list[str]) -> float:
        return round(float(0.6 * best.score + 0.4 * top.score), 4)

    def _missing(self, question: str, tokens: list[str], hits: list[Hit], kind: str | None,
                 candidates: list[Candidate]) -> str:
        """What the question asks for that the retrieved text lacks ("" when nothing is missing)."""
        lang = detect_lang(question)
        if kind and not any(c.key_span for c in candidates[:_WANTED_WITHIN]):
            return say(f"thing_{kind}", lang)
        if lang == "en":
            return ""
        passages = normalize(" ".join(h.chunk.context_text + h.context for h in hits[:3]))
        absent = [t for t in self._essential(tokens) if t not in passages]
        return say("thing_terms", lang, terms="、".join(absent)) if absent else ""

    def _essential(self, tokens: list[str]) -> list[str]:
        """Question terms an answer cannot do without: numbers, domain names, rare long words."""
        user_terms = set(self.tokenizer.user_terms)
        out = []
        for t in tokens:
            if any(t != o and t in o for o in tokens):
                continue  # search mode yields sub-words too; judge the longest form
            if t.isdigit() or t in user_terms or len(t) >= 3 and self.idf(t) >= _RARE_IDF and t[0] not in "各本该全":
                out.append(t)
        return out

    def _select(self, candidates: list[Candidate], form: str) -> list[Candidate]:
        s = self.settings
        limit = {"factoid": s.factoid_sentences, "general": 3}.get(form, s.list_sentences)
        floor = max(c.score for c in candidates) * (0.95 if form == "factoid" else 0.6)
        chosen: list[Candidate] = [candidates[0]]
        pool = [c for c in candidates[1:] if c.score >= floor]
        while pool and len(chosen) < limit:
            best = max(pool, key=lambda c: s.mmr_lambda * c.score
                       - (1 - s.mmr_lambda) * max((_similarity(c.text, o.text) for o in chosen), default=0.0))
            pool.remove(best)
            if all(_similarity(best.text, o.text) < _BIGRAM_SIM_REDUNDANT for o in chosen):
                chosen.append(best)
        if form != "factoid":  # read in document order within each passage
            order = {id(h): i for i, h in enumerate(dict.fromkeys(c.hit for c in chosen))}
            chosen.sort(key=lambda c: (order[id(c.hit)], c.start))
        return chosen


_RARE_IDF = 4.0  # a term in under ~2% of passages
_WANTED_WITHIN = 3  # the asked-for number/date/name must stand in one of the best sentences


def _similarity(a: str, b: str) -> float:
    ga, gb = {a[i:i + 2] for i in range(len(a) - 1)}, {b[i:i + 2] for i in range(len(b) - 1)}
    return len(ga & gb) / max(1, len(ga | gb))


def _document_frequencies(index: LoadedIndex | None) -> tuple[dict[str, int], int]:
    """Document frequency of each BM25 token, read off the BM25 matrix (no pass over the chunks)."""
    if index is None:
        return {}, 1
    scores = index.bm25.scores
    df = np.diff(np.asarray(scores["indptr"]))
    vocab = index.bm25.vocab_dict
    return {t: int(df[i]) for t, i in vocab.items() if i < len(df)}, int(scores["num_docs"])


_DEFAULT = None


def compose(question: str, hits: list[Hit], composer: Composer | None = None) -> Answer:
    """Module-level entry point: compose with `composer`, or a composer without index statistics."""
    global _DEFAULT
    if composer is None:
        _DEFAULT = _DEFAULT or Composer()
        composer = _DEFAULT
    return composer.compose(question, hits)
