"""Metrics of eval/metrics.py on hand-checked examples: relevance rule, recall/MRR, CMRC F1, kappa."""
from __future__ import annotations

import random

import pytest

from eval import metrics
from eval.metrics import (answer_hit, char_f1, cmrc_tokens, cohen_kappa, first_relevant_rank, is_faithful,
                          is_relevant, longest_common_run, mrr_at, number_counts, percentile, recall_at_k)

SPAN = "一二三四五六七八九十"  # ten characters: 60% is six


def test_exact_substring_is_relevant():
    assert is_relevant("上坪乡辖10个行政村46个自然村,总人口6659人。长期以来", "10个行政村46个自然村,总人口6659人")


def test_sixty_percent_boundary():
    assert is_relevant("前文一二三四五六后文", SPAN)  # 6 of 10 in one run
    assert not is_relevant("前文一二三四五后文", SPAN)  # 5 of 10
    # 9 of the 10 characters are there, but the longest contiguous run is 5: not relevant
    assert not is_relevant("一二三四五 and 七八九十", SPAN)


def test_boundary_when_sixty_percent_is_not_a_whole_number():
    span = "甲" * 12  # 60% is 7.2 characters, so a run of 8 is needed
    assert is_relevant("乙" + "甲" * 8 + "乙", span)
    assert not is_relevant("乙" + "甲" * 7 + "乙", span)


def test_relevance_ignores_width_and_white_space():
    assert is_relevant("总 人口\n6659人", "总人口６６５９人")  # full-width digits, spaces and a line break
    assert is_relevant("ＡＢＣ 计生协会", "ABC计生协会")


def test_empty_span_is_never_relevant():
    assert not is_relevant("任何段落", "  ")


def _brute_force_run(a, b):
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def test_longest_common_run_matches_dynamic_programming():
    rng = random.Random(7)
    for _ in range(200):
        # small alphabets and long strings: the case where difflib's autojunk would drop characters
        a = "".join(rng.choice("的是在了") for _ in range(rng.randint(0, 320)))
        b = "".join(rng.choice("的是在了") for _ in range(rng.randint(0, 320)))
        assert longest_common_run(a, b) == _brute_force_run(a, b)


def test_longest_common_run_with_a_long_repetitive_span():
    passage = "前" + "的" * 250 + "后"
    span = "的" * 260
    assert longest_common_run(passage, span) == 250


def test_first_relevant_rank():
    passages = ["无关的段落", "也无关", "辖10个行政村46个自然村,总人口6659人"]
    assert first_relevant_rank(passages, ["总人口6659人"]) == 3
    assert first_relevant_rank(passages, ["婚检率达到98%以上"]) is None


def test_recall_and_mrr_on_hand_made_rankings():
    ranks = [1, 3, None, 2]
    assert recall_at_k(ranks, 1) == 0.25
    assert recall_at_k(ranks, 3) == 0.75
    assert recall_at_k(ranks, 10) == 0.75
    assert mrr_at(ranks, 10) == pytest.approx((1 + 1 / 3 + 0 + 1 / 2) / 4)
    assert mrr_at([11], 10) == 0.0  # beyond the cutoff counts as none
    assert recall_at_k([], 5) is None


def test_cmrc_tokens():
    assert cmrc_tokens("98%以上, ABC def 2.16万") == ["98", "以", "上", "abc", "def", "2.16", "万"]
    assert cmrc_tokens("“计生三户”：GDP2010年") == ["计", "生", "三", "户", "gdp2010", "年"]
    assert cmrc_tokens("，。！ ") == []


def test_char_f1_pinned_values():
    assert char_f1("6659人", "6659人") == 1.0
    assert char_f1("上坪乡", "明溪口") == 0.0
    # pred [总 人 口 6659 人], gold [6659 人]: run 2, precision 2/5, recall 1 → F1 = 0.8/1.4
    assert char_f1("总人口6659人", "6659人") == pytest.approx(4 / 7)
    # a run of Latin letters is one token: pred [gdp 增 长], gold [gdp] → P 1/3, R 1 → 0.5
    assert char_f1("GDP增长", "gdp") == pytest.approx(0.5)
    # a number is one token: "665" shares no token with "6659"
    assert char_f1("665人", "6659人") == pytest.approx(0.5)
    assert char_f1("98%以上。", "98%以上") == 1.0  # punctuation is ignored


def test_answer_hit_ignores_citation_markers():
    assert answer_hit("总人口6659【1】人。", ["总人口6659人"])
    assert not answer_hit("报告中没有找到这个问题的答案。", ["总人口6659人"])


def test_is_faithful():
    passage = "长期以来,我乡认真贯彻执行计划生育政策。"
    assert is_faithful("我乡认真贯彻执行计划生育政策。", passage)
    assert not is_faithful("我乡认真执行计划生育政策。", passage)
    assert not is_faithful("  ", passage)


def test_number_counts():
    passage = "辖10个行政村46个自然村,总人口6659人。"
    assert number_counts("总人口6659人【1】", [passage]) == (1, 1)
    assert number_counts("总人口6人【1】", [passage]) == (0, 1)  # 6 is not 6659
    assert number_counts("1. 辖10个行政村【1】\n2. 46个自然村【2】\n3. 共7个【3】", [passage]) == (2, 3)
    assert number_counts("没有数字【12】", [passage]) == (0, 0)


def test_cohen_kappa_on_a_hand_computed_table():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 → p_o 0.7, p_e 0.5, kappa 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa([1, 0, 1], [1, 0, 1]) == 1.0
    assert cohen_kappa([1, 1], [1, 1]) == 1.0  # one shared label: agreement is total
    with pytest.raises(ValueError, match="equally long"):
        cohen_kappa([1], [1, 0])


def test_percentile():
    assert percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95) == pytest.approx(4.8)
    assert percentile([], 50) is None


def test_strip_markers():
    assert metrics.strip_markers("甲【1】乙【23】") == "甲乙"
