"""What the page's events do: ask, show sources, open an article, take feedback, export, start over.

Every handler catches what it does not expect, logs the traceback to the terminal, and shows the
user a friendly sentence instead (in the chat for a question, as a notice otherwise).
"""
from __future__ import annotations

import functools
import logging
from dataclasses import asdict
from pathlib import Path

import gradio as gr

from prompts.ui import RATINGS, ui_text
from retrieval.pipeline import clean_question
from retrieval.search import Filters
from retrieval.types import Answer
from ui.conversation import Turn, chat_messages, history_of, turn_at_message
from ui.export import write_export
from ui.feedback import append_jsonl, feedback_record, validate_rating
from ui.html import article_html, esc
from ui.service import IndexService
from ui.sources import source_choices, sources_html

log = logging.getLogger(__name__)
SEARCH_K = 10


def guarded(fn):
    """Turn an unexpected exception in a page event into a friendly notice; the traceback goes to the log."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except Exception:
            log.exception("%s failed", fn.__qualname__)
            raise gr.Error(ui_text("error"))
    return wrapper


class Handlers:
    def __init__(self, service: IndexService, feedback_log: Path):
        self.service, self.feedback_log = service, Path(feedback_log)

    # --- asking -------------------------------------------------------------------------------
    def ask_turn(self, question: str, turns: list[Turn], reports: list[str] | None, articles: list[str] | None,
                 passages: int, show_scores: bool = False) -> Turn:
        """One question answered in the conversation so far; never raises."""
        history = history_of(turns)
        filters = Filters(reports=tuple(reports or ()), articles=tuple(articles or ()))
        settings = {"k": SEARCH_K, "passages_shown": int(passages),
                    "show_scores": bool(show_scores),
                    "filters": {"reports": list(filters.reports), "articles": list(filters.articles)},
                    "search": asdict(self.service.search_settings),
                    "compose": asdict(self.service.compose_settings)}
        try:
            answer = self.service.ask(question or "", history=history, k=settings["k"], filters=filters)
        except Exception:
            log.exception("answering %r failed", question)
            lang = "en" if _english(question) else "zh"
            answer = Answer(question=question or "", text=ui_text("error", lang), refused=True, lang=lang)
        # cleaned as Pipeline.ask cleans it: a lone surrogate would break the export and the feedback log
        return Turn(question=clean_question(question), answer=answer, history=history, settings=settings)

    @guarded
    def respond(self, question, turns, reports, articles, passages, show_scores):
        """Chat submit: outputs are (chatbot, turns, selected, sources, source picker, article, feedback
        target, feedback status, export file, question box)."""
        turns = list(turns or [])
        turns.append(self.ask_turn(question, turns, reports, articles, passages, show_scores))
        selected = len(turns) - 1
        return (chat_messages(turns), turns, selected, *self._turn_views(turns, selected, passages, show_scores),
                self._export(turns), "")

    def _turn_views(self, turns, selected, passages, show_scores):
        answer = turns[selected].answer if turns and selected is not None else None
        choices = source_choices(answer)
        picker = gr.update(choices=choices, value=None, interactive=bool(choices))
        return (sources_html(answer, int(passages), bool(show_scores)), picker, _article_empty(answer),
                self._target(turns, selected), "")

    @guarded
    def select_message(self, turns, passages, show_scores, evt: gr.SelectData):
        """A click on a chat message shows that turn's sources and makes it the feedback target."""
        selected = turn_at_message(turns or [], evt.index)
        if selected is None:
            selected = len(turns) - 1 if turns else None
        return (selected, *self._turn_views(turns or [], selected, passages, show_scores))

    @guarded
    def rerender_sources(self, turns, selected, passages, show_scores):
        answer = turns[selected].answer if turns and selected is not None else None
        return sources_html(answer, int(passages), bool(show_scores))

    @guarded
    def open_source(self, marker, turns, selected):
        """The whole article of citation `marker`, the quote marked (and scrolled to by the page)."""
        if not turns or selected is None or not marker:
            return _article_empty(None)
        answer = turns[selected].answer
        try:
            c = next(c for c in answer.citations if str(c.marker) == str(marker))
            article = self.service.article(f"{c.report}#{c.article_index}")
            if article is None:
                return _article_empty(answer)
            return article_html(article, c.start, c.end, id_prefix="chat-article")
        except Exception:
            log.exception("opening source %r failed", marker)
            raise gr.Error(ui_text("error", answer.lang))

    @guarded
    def new_conversation(self):
        return ([], [], None, sources_html(None), gr.update(choices=[], value=None, interactive=False),
                _article_empty(None), self._target([], None), "", gr.update(value=None, interactive=False), "")

    def _target(self, turns, selected) -> str:
        if not turns or selected is None:
            return ui_text("feedback_none")
        t = turns[selected]
        question = t.question if len(t.question) <= 40 else t.question[:40] + "…"
        return esc(ui_text("feedback_target", t.answer.lang, n=selected + 1, question=question))

    def _export(self, turns):
        path = write_export(turns, self.service.manifest)
        return gr.update(value=str(path) if path else None, interactive=path is not None)

    # --- feedback -----------------------------------------------------------------------------
    @guarded
    def submit_feedback(self, turns, selected, rating, comment):
        """Append the rating of the selected answer to the log; outputs (status, rating, comment)."""
        if not turns or selected is None:
            return ui_text("feedback_none"), rating, comment
        t = turns[selected]
        if rating not in RATINGS:
            return ui_text("feedback_need_rating", t.answer.lang), rating, comment
        try:
            record = feedback_record(t.answer.to_dict(), rating, comment, t.settings, self.service.manifest,
                                     t.history)
            append_jsonl(self.feedback_log, record)
        except Exception:
            log.exception("saving feedback failed")
            raise gr.Error(ui_text("error", t.answer.lang))
        return ui_text("feedback_thanks", t.answer.lang, n=selected + 1), None, ""

    # --- API ----------------------------------------------------------------------------------
    def api_ask(self, question: str, history: list[str] | None = None) -> dict:
        """Answer one question; `history` holds earlier questions, oldest first. Returns Answer.to_dict()."""
        try:
            return self.service.ask(question or "", history=list(history or []), k=SEARCH_K).to_dict()
        except Exception:
            log.exception("/ask %r failed", question)
            raise gr.Error(ui_text("error", "en" if _english(question) else "zh"))

    def api_feedback(self, question: str, rating: str, comment: str = "", answer: dict | None = None,
                     history: list[str] | None = None) -> dict:
        """Log a rating ("correct", "incorrect" or "evidence_wrong") of an answer /ask returned."""
        try:
            validate_rating(rating)
        except ValueError as exc:
            raise gr.Error(str(exc))
        answer = dict(answer or {})
        answer.setdefault("question", question)
        try:
            record = feedback_record(answer, rating, comment, {"k": SEARCH_K, "source": "api"},
                                     self.service.manifest, history)
            append_jsonl(self.feedback_log, record)
        except Exception:
            log.exception("/feedback failed")
            raise gr.Error(ui_text("error"))
        return {"ok": True, "time": record["time"]}


def _article_empty(answer: Answer | None) -> str:
    lang = answer.lang if answer else "zh"
    return f'<div class="article empty">{esc(ui_text("article_empty", lang))}</div>'


def _english(text: str | None) -> bool:
    from retrieval.query import detect_lang

    return detect_lang(text or "") == "en"
