"""Questions that name a place by description: the description finds the report, the rest the fact."""
from __future__ import annotations

import pytest

from retrieval.reference import split_reference


@pytest.mark.parametrize("question, description, rest", [
    ("永安市东北部那个乡，帮回老家的计生家庭找活干，一共提供了多少条招工信息？", "永安市东北部乡",
     "帮回老家的计生家庭找活干，一共提供了多少条招工信息？"),
    ("沅陵县西北部、和古丈永顺交界的那个镇，干部考核里计划生育这一块占了多大分量？", "沅陵县西北部、和古丈永顺交界镇",
     "干部考核里计划生育这一块占了多大分量？"),
    ("那所位于布达拉宫东北面的小学，平均每个孩子能摊到几本书？", "位于布达拉宫东北面小学", "平均每个孩子能摊到几本书？"),
    # a kind of school after 那所: the description keeps it
    ("滨州滨城区那所农村小学，给学生开了多少本非读不可的书？", "滨州滨城区农村小学", "给学生开了多少本非读不可的书？"),
    ("布达拉宫东北面的那所第三小学，目前一共有多少在读的孩子？", "布达拉宫东北面第三小学", "目前一共有多少在读的孩子？"),
])
def test_a_place_named_by_description(question, description, rest):
    assert split_reference(question) == (description, rest)


@pytest.mark.parametrize("question", [
    "那位被请回来给中小学生讲革命故事的离休老人，到现在一共讲了大约多少场？",  # a person: the description is content
    "上坪乡的婚检率是多少？", "那个乡？",
    "城关区第三小学和“两基”汇报中那个区的小学,生均藏书分别是多少册?",  # 那个区的小学: no kind of school
])
def test_other_questions_are_not_split(question):
    assert split_reference(question) is None


def test_the_fact_of_a_described_place_comes_before_its_introduction(e5_searcher):
    question = "沅陵县西北部的那个镇，每年拿出多少钱奖励计生？"
    plain = e5_searcher._search_one(e5_searcher.prepare(question), 5, None)
    assert "沅陵县西北部" in plain[0].chunk.text and "3万元" not in plain[0].chunk.text  # the introduction
    hits = e5_searcher.search(question, k=5)
    assert "3万元" in hits[0].chunk.text and hits[0].chunk.report == "mingxikou.txt"
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert len({cid for h in hits for cid in h.chunk_ids}) == sum(len(h.chunk_ids) for h in hits)  # no passage twice


def test_the_answer_to_a_described_place_quotes_the_fact_not_the_introduction(e5_searcher):
    from retrieval.answer import Composer
    from retrieval.pipeline import Pipeline

    pipeline = Pipeline(e5_searcher, Composer(e5_searcher.index))
    answer = pipeline.ask("沅陵县西北部的那个镇，每年拿出多少钱奖励计生？")
    assert not answer.refused and "3万元" in answer.sentences[0].text
    # the excerpt lacks the weight of family planning in the cadres' assessment: the introduction,
    # which matches the description, is no answer
    answer = pipeline.ask("沅陵县西北部、和古丈永顺交界的那个镇，干部考核里计划生育这一块占了多大分量？")
    assert not any("沅陵县西北部" in s.text for s in answer.sentences)


def test_the_description_alone_picks_the_report_when_the_rest_points_elsewhere(e5_searcher):
    # "创建“无毒害县”" is what another report is about; the description names 上坪乡
    question = "永安市东北部的那个乡，创建“无毒害县”投入了多少资金？"
    plain = e5_searcher._search_one(e5_searcher.prepare(question), 5, None)
    assert plain[0].chunk.report == "wuduhai.txt"
    hits = e5_searcher.search(question, k=5)
    assert hits[0].chunk.report == "shangping.txt"
