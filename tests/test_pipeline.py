"""Tests for retrieval.pipeline: question in, answer out, including the questions people really type
(empty, huge, with control characters or markup) and follow-ups."""
from __future__ import annotations

import pytest

from index.store import IndexLoadError
from prompts import text as say
from retrieval.pipeline import Pipeline
from retrieval.query import MAX_QUESTION_CHARS
from retrieval.search import Filters, SearchSettings


@pytest.fixture(scope="module")
def pipeline(excerpt_hash_index) -> Pipeline:
    return Pipeline.open(excerpt_hash_index)


def test_answers_a_question_with_a_citation(pipeline):
    answer = pipeline.ask("上坪乡的婚检率是多少？")
    assert not answer.refused and answer.notice == ""
    assert "98%" in answer.sentences[0].text and answer.citations[0].report == "shangping.txt"
    assert answer.hits and answer.hits[0].rank == 1


@pytest.mark.parametrize("question", ["", "   ", "\n\t ", None, "\x00\x07"])
def test_empty_question_gets_a_friendly_message(pipeline, question):
    answer = pipeline.ask(question)
    assert answer.refused and answer.text == say("empty_question", "zh")
    assert answer.hits == [] and answer.citations == []


@pytest.mark.parametrize("question", ["？？？", "……！", "【】"])
def test_question_with_nothing_to_search_gets_a_friendly_message(pipeline, question):
    answer = pipeline.ask(question)
    assert answer.refused and answer.text == say("no_content_question", "zh") and answer.hits == []


def test_huge_question_is_truncated_with_a_notice(pipeline):
    question = ("上坪乡的婚检率是多少？" * 10_000)[:100_000]
    answer = pipeline.ask(question)
    assert answer.notice == say("truncated", "zh", n=MAX_QUESTION_CHARS)
    assert len(answer.question) == MAX_QUESTION_CHARS
    assert answer.hits and "婚检" in answer.hits[0].chunk.text


def test_huge_english_question_gets_an_english_notice(pipeline):
    answer = pipeline.ask("What is the premarital check rate? " * 3000)
    assert answer.notice == say("truncated", "en", n=MAX_QUESTION_CHARS) and answer.lang == "en"


def test_control_characters_are_removed(pipeline):
    dirty = pipeline.ask("\x00上坪乡的\x07婚检率\x1b是多少？\x7f")
    clean = pipeline.ask("上坪乡的婚检率是多少？")
    assert dirty.question == "上坪乡的婚检率是多少？"
    assert dirty.text == clean.text and dirty.refused == clean.refused


@pytest.mark.parametrize("question", ["<script>alert('x')</script>上坪乡的婚检率是多少？",
                                      "<img src=x onerror=alert(1)>",
                                      "上坪乡的<b>婚检率</b>是多少？&lt;&amp;"])
def test_markup_in_a_question_does_not_raise_or_leak_into_the_answer(pipeline, question):
    answer = pipeline.ask(question)
    assert isinstance(answer.text, str) and answer.text
    assert "<script" not in answer.text and "onerror" not in answer.text and "<b>" not in answer.text


def test_follow_up_uses_the_history(pipeline):
    answer = pipeline.ask("那明溪口镇呢？", history=["上坪乡的总人口是多少？"])
    assert not answer.refused
    assert answer.citations[0].report == "mingxikou.txt" and "总人口2.16万人" in answer.sentences[0].text


def test_filters_reach_the_search(pipeline):
    answer = pipeline.ask("计生工作是怎么做的？", filters=Filters(reports=("mingxikou.txt",)))
    assert answer.hits and {h.chunk.report for h in answer.hits} == {"mingxikou.txt"}
    assert {c.report for c in answer.citations} <= {"mingxikou.txt"}


def test_bm25_mode_answers_without_the_dense_side(excerpt_hash_index):
    pipeline = Pipeline.open(excerpt_hash_index, SearchSettings(mode="bm25"))
    answer = pipeline.ask("铜盘村对种烟户减免多少度电？")
    assert all(h.dense_score == 0.0 for h in answer.hits)
    assert answer.refused or "100度电" in answer.sentences[0].text


def test_english_question_end_to_end_with_the_real_model(e5_searcher):
    from retrieval.answer import Composer

    pipeline = Pipeline(e5_searcher, Composer(e5_searcher.index))
    answer = pipeline.ask("What is the premarital check rate in Shangping?")
    assert not answer.refused and answer.lang == "en"
    assert answer.text.startswith(say("answer_intro", "en"))
    assert any("98%" in s.text for s in answer.sentences)


def test_open_a_missing_index_names_the_fix(tmp_path):
    with pytest.raises(IndexLoadError, match=r"no index at .*build it with `python -m index build"):
        Pipeline.open(tmp_path / "nothing-here")


def test_a_question_on_two_subjects_answers_each_under_its_name(pipeline):
    answer = pipeline.ask("明溪口镇和上坪乡的总人口分别是多少？")
    assert not answer.refused
    assert answer.text.index("明溪口镇：") < answer.text.index("上坪乡：")
    assert [c.marker for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert [s.citation for s in answer.sentences] == [c.marker for c in answer.citations]
    reports = [answer.citations[s.citation - 1].report for s in answer.sentences]
    assert reports[0] == "mingxikou.txt" and "shangping.txt" in reports
    assert "2.16万人" in answer.sentences[0].text
    assert [h.rank for h in answer.hits] == list(range(1, len(answer.hits) + 1))
    assert len({h.chunk.id for h in answer.hits}) == len(answer.hits)


def test_a_part_the_reports_do_not_answer_says_so_and_the_other_is_answered(pipeline):
    answer = pipeline.ask("上坪乡和广州市天河区的总人口分别是多少？")
    assert not answer.refused and "6659" in answer.text
    other = next(line for line in answer.text.splitlines() if line.startswith("广州市天河区："))
    assert say("refusal", "zh") in other and "【" not in other
    both = pipeline.ask("广州市天河区和深圳市南山区的总人口分别是多少？")
    assert both.refused and both.text.startswith("广州市天河区：")
