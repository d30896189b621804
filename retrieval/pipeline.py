"""Question in, answer out: search then compose, with friendly handling of empty or over-long questions.
The one entry point shared by the CLI, the app and the evaluation."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from prompts import text as say
from retrieval.answer import ComposeSettings, Composer
from retrieval.query import MAX_QUESTION_CHARS, detect_lang
from retrieval.search import Filters, Searcher, SearchSettings
from retrieval.types import Answer

_SEARCHABLE = re.compile(r"[0-9A-Za-z\u4e00-\u9fff\u3400-\u4dbf]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Pipeline:
    searcher: Searcher
    composer: Composer

    @classmethod
    def open(cls, index_dir: Path, search: SearchSettings | None = None,
             compose: ComposeSettings | None = None) -> "Pipeline":
        """Load the index once; raises IndexLoadError (with the fix) when it is missing or broken."""
        searcher = Searcher.open(index_dir, search)
        return cls(searcher, Composer(searcher.index, compose or ComposeSettings()))

    def ask(self, question: str, history: list[str] | None = None, k: int = 10,
            filters: Filters | None = None) -> Answer:
        """Answer one question; `history` holds the user's earlier questions, oldest first."""
        question = _CONTROL.sub("", question or "").strip()
        lang = detect_lang(question)
        if not question:
            return Answer(question="", text=say("empty_question", lang), refused=True, lang=lang)
        notice = ""
        if len(question) > MAX_QUESTION_CHARS:
            question = question[:MAX_QUESTION_CHARS]
            notice = say("truncated", lang, n=MAX_QUESTION_CHARS)
        if not _SEARCHABLE.search(question):
            return Answer(question=question, text=say("no_content_question", lang), refused=True, lang=lang)
        query = self.searcher.prepare(question, history)
        hits = self.searcher.search_prepared(query, k=k, filters=filters)
        vector = self.searcher.query_vector(query.text) if hits and self.searcher.settings.mode != "bm25" else None
        answer = self.composer.compose(question, hits, query_text=query.lexical_text, query_vector=vector)
        answer.notice = notice
        return answer
