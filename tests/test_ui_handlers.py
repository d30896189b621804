"""ui/service.py, ui/handlers.py, ui/browse.py over a real (hash-embedder) index of two bundled reports."""
from __future__ import annotations

import json
import logging
import shutil
import time
from pathlib import Path

import pytest

from index.settings import DEFAULT_CORPUS_DIR
from ui.browse import BrowseHandlers, article_choices, report_choices
from ui.handlers import Handlers
from ui.service import BUILDING, FAILED, READY, IndexService

REPORTS = ("000_d5fddbe05e13bb9f.txt", "001_a684307b764d9ee6.txt")


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> IndexService:
    """Built on first start, as `python app.py` does when the index is missing."""
    root = tmp_path_factory.mktemp("handlers")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in REPORTS:
        shutil.copy(DEFAULT_CORPUS_DIR / name, corpus / name)
    s = IndexService(root / "index", corpus, model="hash")
    s.start(build_if_missing=True)
    assert s.state == BUILDING
    deadline = time.monotonic() + 120
    while s.state == BUILDING and time.monotonic() < deadline:
        time.sleep(0.1)
    assert s.state == READY, s.detail
    return s


@pytest.fixture
def handlers(service, tmp_path) -> Handlers:
    return Handlers(service, tmp_path / "feedback.jsonl")


def ask(h: Handlers, question: str, turns=None, reports=None, passages=5):
    return h.respond(question, turns or [], reports, None, passages, False)


def test_answer_shows_in_chat_with_sources_and_an_export(handlers):
    messages, turns, selected, sources, picker, article, target, thanks, export, box = ask(handlers, "上坪乡的婚检率是多少？")
    answer = turns[0].answer
    assert not answer.refused and "98%" in answer.text
    assert messages[1]["content"].startswith('<div class="answer">') and "【1】" in messages[1]["content"]
    assert selected == 0 and "<mark>" in sources and "98%" in sources
    assert picker["choices"] and picker["choices"][0][1] == "1"
    assert "上坪乡的婚检率是多少？" in target and box == ""
    assert Path(export["value"]).read_text(encoding="utf-8").count("【1】") >= 2


def test_follow_up_passes_the_earlier_questions(handlers):
    first = ask(handlers, "上坪乡的婚检率是多少？")[1]
    turns = ask(handlers, "那人口呢？", first)[1]
    assert turns[1].history == ["上坪乡的婚检率是多少？"]
    # the place comes from the earlier question: the follow-up alone does not name it
    assert any("上坪乡" in h.matched_terms for h in turns[1].answer.hits)
    alone = ask(handlers, "那人口呢？")[1][0].answer
    assert not any("上坪乡" in h.matched_terms for h in alone.hits)


def test_filters_limit_the_search_to_a_report(handlers):
    turns = ask(handlers, "上坪乡的婚检率是多少？", reports=[REPORTS[1]])[1]
    assert all(c.report == REPORTS[1] for c in turns[0].answer.citations)
    assert turns[0].settings["filters"]["reports"] == [REPORTS[1]]


def test_empty_question_gets_the_friendly_message(handlers):
    turns = ask(handlers, "   ")[1]
    assert turns[0].answer.refused and "请输入一个问题" in turns[0].answer.text


def test_open_source_shows_the_whole_article_with_the_quote_marked(handlers):
    turns = ask(handlers, "上坪乡的婚检率是多少？")[1]
    c = turns[0].answer.citations[0]
    out = handlers.open_source("1", turns, 0)
    assert f"<mark>{c.quote}</mark>" in out or "<mark>" in out and c.quote[:10] in out
    assert out.count("<p") > 5  # the whole article, not one paragraph


def test_feedback_from_the_page_lands_in_the_log(handlers):
    turns = ask(handlers, "上坪乡的婚检率是多少？")[1]
    assert "请先选择" in handlers.submit_feedback(turns, 0, None, "x")[0]
    status, rating, comment = handlers.submit_feedback(turns, 0, "incorrect", "应为 98%")
    assert "已记录第 1 个回答" in status and rating is None and comment == ""
    row = json.loads(handlers.feedback_log.read_text(encoding="utf-8"))
    assert row["rating"] == "incorrect" and row["question"] == "上坪乡的婚检率是多少？"
    assert row["citations"] and row["settings"]["passages_shown"] == 5
    assert row["index"]["corpus_sha256"] == handlers.service.manifest["corpus"]["sha256"]


def test_a_failure_inside_answering_becomes_a_friendly_message(handlers, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(handlers.service, "ask", broken)
    with caplog.at_level(logging.ERROR):
        turns = ask(handlers, "上坪乡的婚检率是多少？")[1]
    assert "出错了" in turns[0].answer.text and "disk on fire" not in turns[0].answer.text
    assert "disk on fire" in caplog.text  # the traceback goes to the terminal log


def test_a_failing_page_event_shows_a_friendly_error(service, monkeypatch, caplog):
    import gradio as gr

    def broken():
        raise OSError("index folder vanished")

    monkeypatch.setattr(service, "reports", broken)
    with caplog.at_level(logging.ERROR), pytest.raises(gr.Error, match="出错了") as info:
        BrowseHandlers(service).pick_report(REPORTS[0])
    assert "vanished" not in str(info.value) and "index folder vanished" in caplog.text


def test_missing_index_is_a_message_in_the_chat(tmp_path):
    s = IndexService(tmp_path / "no-index", tmp_path / "no-corpus", model="hash")
    s.start(build_if_missing=False)
    assert s.state == FAILED
    turns = Handlers(s, tmp_path / "f.jsonl").respond("上坪乡的婚检率是多少？", [], None, None, 5, False)[1]
    assert turns[0].answer.refused and "还没有可用的索引" in turns[0].answer.text
    assert "python -m index build" in turns[0].answer.text
    assert "索引不可用" in s.status_line()


def test_browse_lists_reports_articles_and_sections(service):
    reports = report_choices(service)
    assert [v for _, v in reports] == list(REPORTS)
    assert all(k.startswith(REPORTS[1]) for _, k in article_choices(service, [REPORTS[1]]))
    picked, html = BrowseHandlers(service).pick_report(REPORTS[0])
    assert picked["value"] == f"{REPORTS[0]}#0" and "目录" in html and "-sec-" in html
