"""Tests for index.sentences: sentence splitting of real report text with exact offsets, and sentence windows."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.sentences import MIN_SENTENCE, sentence_window, split_sentences

SHANGPING = (Path(__file__).parent / "data" / "reports" / "shangping.txt").read_text(encoding="utf-8")

# Real lines of the bundled reports (003: a school's work plan; 004: an education report).
CIRCLED = ("1、国家课程校本化。为了把课程标准(或指导纲要)中的课程目标具体化,我们尝试学科课程的校本化,以语文为例:\n"
           "①课标要求背诵优秀诗文160篇,我们整理了xx2首古诗词,安排在12个学期,每学期16首,基本上每周一首;\n"
           "②课标要求阅读145万字,我们筛选了36本必读书和72本选读书,写出推荐理由,利用好书推荐会推荐给学生阅读;")
PARENTHESISED = ("7.加强学校常规管理工作。\n(1)坚持依法治校、以人为本,严格执行教师岗位制度。\n"
                 "(3)保障学生每天睡眠时间不少于10小时,体育锻炼不少于1小时。节假日严禁组织学生补课。")
ENUMERATED = ("义务教育学校招生中坚决贯彻三项制度:一是严格执行“划片招生、就近入学”制度;"
              "二是切实落实“阳光招生、均衡分班”制度;三是率先实现“同城待遇”政策。")


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_splits_at_chinese_sentence_ends_and_enumerations():
    part = SHANGPING[SHANGPING.index("三是坚持健康服务为要"):]
    assert texts(part) == [
        "三是坚持健康服务为要。",
        "及时出台了《关于进一步做好婚前医学检查工作的实施方案》,是永安市第一个提出免费婚检的乡镇,"
        "组织开展以“尊重生命,自觉婚检”为主题的免费婚检宣传活动。",
        "经过努力,婚检率逐年提高,近年全乡婚检率达到98%以上,提高了出生人口素质,保障了广大妇女儿童的身心健康。",
    ]


def test_yi_shi_er_shi_after_a_colon_or_comma_start_new_sentences():
    assert texts(ENUMERATED) == [
        "义务教育学校招生中坚决贯彻三项制度:",
        "一是严格执行“划片招生、就近入学”制度;",
        "二是切实落实“阳光招生、均衡分班”制度;",
        "三是率先实现“同城待遇”政策。",
    ]
    assert texts("主要抓了三点,一是加强思想教育,二是落实奖励政策。") == [
        "主要抓了三点,", "一是加强思想教育,", "二是落实奖励政策。"]


def test_numbered_items_start_new_sentences():
    assert texts(CIRCLED)[2:4] == [
        "①课标要求背诵优秀诗文160篇,我们整理了xx2首古诗词,安排在12个学期,每学期16首,基本上每周一首;",
        "②课标要求阅读145万字,我们筛选了36本必读书和72本选读书,写出推荐理由,利用好书推荐会推荐给学生阅读;",
    ]
    assert texts(PARENTHESISED) == [
        "7.加强学校常规管理工作。",
        "(1)坚持依法治校、以人为本,严格执行教师岗位制度。",
        "(3)保障学生每天睡眠时间不少于10小时,体育锻炼不少于1小时。",
        "节假日严禁组织学生补课。",
    ]
    assert texts("主要措施有:(1)建立领导小组,由乡长任组长,(2)签订责任书,层层落实责任。") == [
        "主要措施有:", "(1)建立领导小组,由乡长任组长,", "(2)签订责任书,层层落实责任。"]
    assert texts("工作中,1、实施优质服务工程,2、开展婚检宣传活动。") == [
        "1、实施优质服务工程,", "2、开展婚检宣传活动。"]  # "工作中," is under MIN_SENTENCE


def test_decimals_and_numbers_after_commas_do_not_split():
    sentence = "全镇辖18个行政村,总人口2.16万人,共投入资金3.5万元。"
    assert texts(sentence) == [sentence]


@pytest.mark.parametrize("text", [SHANGPING, CIRCLED, PARENTHESISED, ENUMERATED])
@pytest.mark.parametrize("base", [0, 1000])
def test_offsets_point_at_the_sentence(text, base):
    sentences = split_sentences(text, base=base)
    assert sentences
    for s in sentences:
        assert text[s.start - base:s.end - base] == s.text
        assert s.text == s.text.strip() and len(s.text) >= MIN_SENTENCE
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))  # in order, no overlap


def test_nothing_to_split():
    assert split_sentences("") == []
    assert split_sentences("短句。好。\n\n") == []  # too short to be sentences


def test_sentence_window_widens_to_whole_sentences():
    text = "第一句话在这里。第二句话很长,中间有逗号,还有更多内容。第三句话也在这里。"
    start = text.index("中间")
    left, right = sentence_window(text, start, start + 2)
    assert text[left:right] == "第二句话很长,中间有逗号,还有更多内容。"


def test_sentence_window_on_report_text_and_at_the_edges():
    i = SHANGPING.index("98%")
    left, right = sentence_window(SHANGPING, i, i + 3)
    assert SHANGPING[left:right] == "经过努力,婚检率逐年提高,近年全乡婚检率达到98%以上,提高了出生人口素质,保障了广大妇女儿童的身心健康。"
    whole = "第一句话在这里。第二句话。"
    assert sentence_window(whole, 0, 8) == (0, 8)  # already whole: unchanged


def test_sentence_window_reaches_the_end_of_an_unpunctuated_last_sentence():
    text = "取得了明显成效。全年共签订责任书十八份"
    start = text.index("责任书")
    assert sentence_window(text, start, start + 3) == (text.index("全年"), len(text))


def test_a_semicolon_inside_brackets_does_not_end_the_sentence():
    # a real note of the bundled 002 report: its date is part of the note, not a sentence of its own
    text = "2、举办“榜样在我身边”演讲比赛。(责任单位:团委、教办;活动时间:10月份)\n校长不定期巡堂;教师每周听课。"
    assert texts(text) == ["2、举办“榜样在我身边”演讲比赛。", "(责任单位:团委、教办;活动时间:10月份)",
                           "校长不定期巡堂;", "教师每周听课。"]


def test_a_question_mark_before_a_classifier_stands_for_a_figure_left_out():
    # ../shared/corpus/004: the county's target is blanked out, mid-sentence
    text = "到2010年底,将我县?个乡镇创建成“无毒乡镇”,实现85%的乡镇创建为无毒乡镇。从?年?月起为创建阶段。教育何去何从?我们在实践中探索。"
    assert texts(text) == ["到2010年底,将我县?个乡镇创建成“无毒乡镇”,实现85%的乡镇创建为无毒乡镇。", "从?年?月起为创建阶段。",
                           "教育何去何从?", "我们在实践中探索。"]
