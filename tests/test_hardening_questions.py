"""Hardening: any question (random Unicode, control characters, NUL, lone surrogates, emoji, markup,
SQL, a 100,000-character paste) gets an answer, never an exception, and nothing from a question or
a report reaches the page as markup (RELIABILITY.md). The app's /ask is fuzzed in test_hardening_serving.py."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.build import build_index
from index.settings import IndexSettings
from prompts import text as say
from retrieval.pipeline import MAX_HISTORY, Pipeline, clean_question
from retrieval.query import MAX_QUESTION_CHARS
from ui.handlers import Handlers
from ui.service import READY, IndexService
from ui.sources import answer_message, question_message, sources_html

EXCERPTS = Path(__file__).parent / "data" / "reports"
# A report that tries markup, script, Markdown links and LaTeX on whoever reads its quotes.
EVIL_REPORT = """第一篇:测试乡禁毒工作总结<script>window.__xss = 1</script>
一、主要做法
测试乡组织禁毒宣传活动二十次<img src=x onerror="alert(1)">,发放宣传资料五千份[点我](javascript:alert(1))。
二、工作成效
全乡连续三年没有新增吸毒人员<iframe src="javascript:alert(2)"></iframe>,群众满意度$$\\frac{1}{2}$$明显提高。
"""
FRAGMENTS = ["上坪乡的婚检率是多少？", "测试乡组织禁毒宣传活动多少次？", "那人口呢？", "What is the premarital check rate?",
             "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</div><div onclick=alert(1)>",
             "'; DROP TABLE chunks; --", "\" OR 1=1 --", "😀👍🏽🇨🇳", "？？！！……【】", "\x00", "\x1b[31m", "\x85",
             "\ud800", "\udfff", "\u202e", "\u200b", "\u2028", "\ufeff", "\r\n\r\n", "\r\r",
             "\n\n[点我](javascript:alert(1))\n\n![x](http://127.0.0.1:9/x.png)", "$$\\frac{1}{2}$$", "Шанпин",
             "مرحبا", "ｆｕｌｌ　ｗｉｄｔｈ", "&lt;b&gt;&amp;", "{{7*7}}${7*7}", "%s%n%x", "../../etc/passwd", "上坪乡" * 200]
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
QUESTIONS = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ANY_CHAR, max_size=20)), max_size=8).map("".join)
HISTORIES = st.lists(st.one_of(QUESTIONS, st.none(), st.integers()), max_size=3)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ALLOWED_TAGS = {"div", "sup", "br", "mark", "h3", "h4", "p", "strong", "details", "summary", "ol", "ul", "li", "b",
                "span", "a"}
ALLOWED_ATTRS = {"class", "id", "href", "style", "open"}


class TagAudit(HTMLParser):
    """Every tag and attribute in an HTML string, to check that only the app's own markup is there."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRS:
                self.problems.append(f"{tag}[{name}]")
            elif name == "href" and not (value or "").startswith("#"):
                self.problems.append(f"{tag}[href={value}]")
            elif name == "style" and not re.fullmatch(r"width:\d+%", value or ""):
                self.problems.append(f"{tag}[style={value}]")


def assert_safe_html(html: str) -> None:
    assert TagAudit(html).problems == []


def assert_safe_chat_message(html: str) -> None:
    """One HTML block without a line break: a blank line would end the block and let the rest be
    read as Markdown (links, images) by the chatbot."""
    assert_safe_html(html)
    assert html.startswith("<div") and html.endswith("</div>")
    assert not re.search(r"[\r\n]", html)


@pytest.fixture(scope="module")
def evil_corpus(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("evil") / "corpus"
    shutil.copytree(EXCERPTS, corpus)
    (corpus / "evil<img src=x onerror=alert(3)>.txt").write_text(EVIL_REPORT, encoding="utf-8")
    build_index(IndexSettings(corpus_dir=corpus, index_dir=corpus.parent / "index", model="hash"), progress=False,
                log=lambda _: None)
    return corpus


@pytest.fixture(scope="module")
def pipeline(evil_corpus) -> Pipeline:
    return Pipeline.open(evil_corpus.parent / "index")


@pytest.fixture(scope="module")
def handlers(evil_corpus, tmp_path_factory) -> Handlers:
    service = IndexService(evil_corpus.parent / "index", evil_corpus, model="hash")
    service.start(build_if_missing=False)
    assert service.state == READY, service.detail
    return Handlers(service, tmp_path_factory.mktemp("feedback") / "feedback.jsonl")


@FUZZ
@given(question=QUESTIONS, history=HISTORIES)
def test_any_question_gets_an_answer_that_encodes_and_renders_safely(pipeline, question, history):
    answer = pipeline.ask(question, history=history)
    json.dumps(answer.to_dict(), ensure_ascii=False).encode("utf-8")  # no lone surrogate survives
    assert answer.text and len(answer.question) <= MAX_QUESTION_CHARS
    assert answer.question == clean_question(answer.question)
    if len(clean_question(question)) > MAX_QUESTION_CHARS:
        assert answer.notice == say("truncated", answer.lang, n=MAX_QUESTION_CHARS)
    assert_safe_chat_message(question_message(question))
    assert_safe_chat_message(answer_message(answer))
    assert_safe_html(sources_html(answer, passages_shown=10, show_scores=True))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=QUESTIONS)
def test_any_question_in_the_chat_renders_safely(handlers, question):
    messages, turns, _, sources, _, _, target, _, _, box = handlers.respond(question, [], None, None, 10, True)
    assert [m["role"] for m in messages] == ["user", "assistant"] and box == ""
    for m in messages:
        assert_safe_chat_message(m["content"])
    assert_safe_html(sources) and assert_safe_html(target)


def test_a_report_full_of_markup_is_quoted_as_text(handlers):
    messages, turns, _, sources, _, _, _, _, _, _ = handlers.respond("测试乡组织禁毒宣传活动多少次？", [], None, None,
                                                                   10, True)
    answer = turns[0].answer
    assert not answer.refused and "二十次" in answer.text
    assert any("evil<img" in c.report for c in answer.citations)
    article = handlers.open_source("1", turns, 0)
    for html in (messages[1]["content"], sources, article):
        assert_safe_html(html)
        assert "二十次&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html  # shown as the report wrote it
    assert "evil&lt;img src=x onerror=alert(3)&gt;.txt" in sources  # the file name too
    assert "工作总结&lt;script&gt;window.__xss = 1&lt;/script&gt;" in article


def test_a_question_with_a_blank_line_cannot_smuggle_markdown_into_the_chat(handlers):
    question = "上坪乡婚检率\n\n[点我](javascript:alert(1)) ![x](http://127.0.0.1:9/x.png)\r\r<b>粗</b>"
    messages = handlers.respond(question, [], None, None, 5, False)[0]
    assert_safe_chat_message(messages[0]["content"])
    assert "<br><br>[点我](javascript:alert(1))" in messages[0]["content"]


def test_a_100000_character_paste_is_cut_with_a_notice(pipeline):
    answer = pipeline.ask("上坪乡的婚检率是多少？" + "啊" * 100_000)
    assert answer.notice == say("truncated", "zh", n=MAX_QUESTION_CHARS)
    assert len(answer.question) == MAX_QUESTION_CHARS


def test_history_from_a_client_is_bounded_like_the_question(pipeline, monkeypatch):
    """/ask takes the history from the client: 20 entries of 100,000 characters reach the search as
    the last MAX_HISTORY, each cut to MAX_QUESTION_CHARS (unbounded, one took seconds to prepare)."""
    seen = []
    real_prepare = pipeline.searcher.prepare
    monkeypatch.setattr(pipeline.searcher, "prepare", lambda q, h=None: seen.append(h) or real_prepare(q, h))
    answer = pipeline.ask("那人口呢？", history=["上坪乡的婚检率是多少？" * 10_000] * 20 + [None, 42])
    assert not answer.refused
    assert len(seen[0]) <= MAX_HISTORY and all(len(h) <= MAX_QUESTION_CHARS for h in seen[0])


@pytest.mark.parametrize("question", ["\ud800上坪乡的婚检率是多少？", "上坪乡\udcff的婚检率是多少？\x85"])
def test_lone_surrogates_and_c1_controls_are_removed(pipeline, question):
    answer = pipeline.ask(question)
    assert answer.question == "上坪乡的婚检率是多少？" and "98%" in answer.text


@pytest.mark.parametrize("question", [None, 42, ["上坪乡"], {"q": 1}])
def test_a_question_that_is_not_text_is_treated_as_empty(pipeline, question):
    answer = pipeline.ask(question)
    assert answer.refused and answer.text == say("empty_question", "zh")


def test_accented_latin_letters_are_read_plain():
    # "internet cafés": the glossary's English words, and the reports' pinyin, have no accents
    assert clean_question("How many internet cafés renewed their licences?") == \
        "How many internet cafes renewed their licences?"
    assert clean_question("Zürich naïve 网吧（一）") == "Zurich naive 网吧（一）"  # Chinese text untouched
    assert clean_question(clean_question("crème brûlée")) == "creme brulee"
