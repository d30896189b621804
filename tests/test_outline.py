"""A list question answered by the report's own outline: the sub-headings of the section that names
what is asked for. The corpus is data/outline/shidunhe.txt, an excerpt of bundled report 003."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.types import Article, Heading
from retrieval.outline import Section, lists, sections_of
from retrieval.questions import listed_noun

OUTLINE_DIR = Path(__file__).parent / "data" / "outline"
PRACTICE = ("1、深入学习,统一思想认识", "2、积极沟通,赢得党政支持", "3、完善机制,倒逼工作落实")


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    from index.build import build_index
    from index.settings import IndexSettings
    from retrieval.pipeline import Pipeline

    index_dir = tmp_path_factory.mktemp("outline") / "index"
    build_index(IndexSettings(corpus_dir=OUTLINE_DIR, index_dir=index_dir, model="hash"), progress=False,
                log=lambda _: None)
    return Pipeline.open(index_dir)


def test_sections_list_their_direct_sub_headings():
    text = "一、做法\n1、甲。\n(1)细节。\n2、乙。\n二、问题\n只有一段。\n三、建议\n1、丙。\n"
    levels = [("一、做法", 1), ("1、甲", 3), ("(1)细节", 4), ("2、乙", 3), ("二、问题", 1), ("三、建议", 1), ("1、丙", 3)]
    at, headings = 0, []
    for heading, level in levels:
        at = text.index(heading, at)
        headings.append(Heading(at, level, heading))
    article = Article(report="r.txt", index=0, title="t", text=text, headings=tuple(headings))
    sections = sections_of(article)
    assert [s.heading.text for s in sections] == ["一、做法"]  # one sub-heading is no list
    assert [c.text for c in sections[0].children] == ["1、甲", "2、乙"]  # not the sub-item (1)


def test_a_section_lists_what_its_heading_or_its_sub_headings_name():
    practice = Section(Heading(0, 1, "三、镇纪委落实“三转”进行的实践"), tuple(Heading(i, 3, t) for i, t in enumerate(PRACTICE)))
    assert lists(practice, "实践") and not lists(practice, "问题")
    services = Section(Heading(0, 1, "三、活动内容"),
                       (Heading(1, 2, "(一)环境保洁服务活动"), Heading(2, 2, "(二)文明交通服务活动")))
    assert lists(services, "服务活动")


@pytest.mark.parametrize("question, noun", [
    ("石墩河镇纪委为落实“三转”做了哪些实践？", "实践"),
    ("学雷锋活动安排了哪些服务活动?", "服务活动"),
    ("大接访活动在组织实施阶段要把握哪几个环节？", "环节"),
    ("石墩河镇纪委是怎么统一思想认识的？", ""),
])
def test_listed_noun(question, noun):
    assert listed_noun(question) == noun


def test_a_list_question_is_answered_by_the_sections_sub_headings(pipeline):
    answer = pipeline.ask("石墩河镇纪委为落实“三转”做了哪些实践？")
    assert not answer.refused
    assert [s.text.split("。")[0] for s in answer.sentences] == list(PRACTICE)
    assert all(c.section_path == ("三、镇纪委落实“三转”进行的实践", heading)
               for c, heading in zip(answer.citations, PRACTICE))  # each cites its own sub-heading
    assert "建立定期工作督导机制。" in answer.sentences[2].text  # an item takes its detail, unindexed short sentence included
    assert "- 1、深入学习" in answer.text and "1. 1、" not in answer.text  # the report's numbering, not ours again


def test_a_question_on_one_sub_heading_is_answered_from_it_not_by_the_outline(pipeline):
    answer = pipeline.ask("石墩河镇纪委在深入学习上做了哪些实践？")  # only 1、深入学习 holds 深入学习
    assert not answer.refused
    assert [s.text.split("。")[0] for s in answer.sentences] != list(PRACTICE)
    quotes = [s.text for s in answer.sentences]  # an item that took its detail along is not followed by that detail
    assert not any(a != b and a in b for a in quotes for b in quotes)
