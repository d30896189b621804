"""Tests for retrieval.query: normalisation, polite filler, language, follow-ups folded into the earlier topic."""
from __future__ import annotations

import pytest

from retrieval.query import MAX_QUESTION_CHARS, detect_lang, fold_history, is_followup, prepare, strip_filler


@pytest.mark.parametrize("question, expected", [
    ("请问上坪乡的婚检率是多少？", "上坪乡的婚检率是多少？"),
    ("请问一下，上坪乡的婚检率是多少？", "上坪乡的婚检率是多少？"),
    ("帮我查一下明溪口镇的总人口", "明溪口镇的总人口"),
    ("麻烦您明溪口镇的总人口是多少", "明溪口镇的总人口是多少"),
    ("我想知道无毒害县是怎么创建的", "无毒害县是怎么创建的"),
    ("你好，请问上坪乡的婚检率是多少？", "上坪乡的婚检率是多少？"),  # openers stacked
    ("上坪乡的婚检率是多少，谢谢！", "上坪乡的婚检率是多少"),
    ("上坪乡的婚检率是多少？", "上坪乡的婚检率是多少？"),  # nothing to strip
])
def test_strip_filler_removes_polite_words(question, expected):
    assert strip_filler(question) == expected


@pytest.mark.parametrize("question", ["请示报告制度是怎么执行的？", "请假制度怎么执行？"])
def test_strip_filler_keeps_words_that_begin_with_a_filler_character(question):
    assert strip_filler(question) == question


def test_strip_filler_removes_a_request_to_look_something_up():
    assert strip_filler("麻烦您帮我查一下明溪口镇的总人口") == "明溪口镇的总人口"


def test_prepare_keeps_a_question_that_is_only_filler():
    assert prepare("请问").text == "请问"  # stripping everything would leave nothing to search


@pytest.mark.parametrize("text, lang", [
    ("上坪乡的婚检率是多少？", "zh"),
    ("What is the premarital check rate in Shangping?", "en"),
    ("How many 行政村?", "en"),  # 10 Latin letters against 3 Chinese characters
    ("上坪乡 rate 是多少", "zh"),
    ("", "zh"),
])
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


@pytest.mark.parametrize("question, followup", [
    ("那明溪口镇呢？", True),
    ("具体怎么做的？", True),
    ("还有其他措施吗？", True),
    ("这些措施效果如何？", True),
    ("效果呢", True),
    ("上坪乡计划生育工作取得了哪些成效？", False),
    ("明溪口镇辖多少个行政村和村民小组？", False),
])
def test_is_followup(question, followup):
    assert is_followup(question) is followup


def test_fold_history_replaces_the_earlier_place_with_the_new_one():
    folded = fold_history("那明溪口镇呢？", ["上坪乡的婚检率是多少？", "上坪乡的总人口是多少？"])
    assert "总人口" in folded and "明溪口镇" in folded  # topic of the latest turn, place of this one
    assert "上坪乡" not in folded and "婚检率" not in folded


def test_fold_history_keeps_the_earlier_topic_when_no_place_is_named():
    folded = fold_history("具体怎么做的？", ["上坪乡的婚检率是多少？"])
    assert "上坪乡" in folded and "婚检率" in folded and "具体怎么做的" in folded


def test_prepare_normalises_traditional_and_full_width():
    q = prepare("上坪鄉的婚檢率是多少？")
    assert q.text == "上坪乡的婚检率是多少?"
    assert q.original == "上坪鄉的婚檢率是多少？"  # the user's words are kept as typed
    assert prepare("ＡＢＣ上坪乡２０１０年婚检率").text == "abc上坪乡2010年婚检率"


def test_prepare_folds_history_only_for_follow_ups():
    follow = prepare("那明溪口镇呢？", ["上坪乡的总人口是多少？"])
    assert follow.is_followup and "总人口" in follow.text and "明溪口镇" in follow.text
    fresh = prepare("明溪口镇的总人口是多少？", ["上坪乡的婚检率是多少？"])
    assert not fresh.is_followup and "婚检" not in fresh.text
    alone = prepare("那明溪口镇呢？", ["", "   "])  # blank turns are no history
    assert not alone.is_followup and alone.text == "那明溪口镇呢?"


def test_prepare_truncates_long_questions():
    q = prepare("婚" * (MAX_QUESTION_CHARS + 1))
    assert q.truncated and len(q.text) == MAX_QUESTION_CHARS
    assert not prepare("婚" * MAX_QUESTION_CHARS).truncated


def test_prepare_detects_english():
    q = prepare("How did townships sign responsibility agreements?")
    assert q.lang == "en" and q.text == "how did townships sign responsibility agreements?"
