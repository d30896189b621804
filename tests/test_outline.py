"""A list question answered by the report's own outline: the sub-headings of the section that names
what is asked for, or that says how many things it lists. The corpus is data/outline/: shidunhe.txt and
shiyan.txt, excerpts of bundled report 003; data/inline/jiefang.txt and data/announced/qunzhong.txt are
excerpts of bundled report 002."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.types import Article, Heading
from retrieval.outline import Section, announced, inline_items, lists, numbered_paragraphs, sections_of
from retrieval.questions import bodies_named, listed_noun

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


def test_an_english_list_question_is_answered_by_the_sections_sub_headings(pipeline):
    answer = pipeline.ask("What kinds of problems did the Shidunhe town discipline commission have in carrying out "
                          "the three transformations?")  # "problems": 问题, as in "二、…存在的问题"
    assert [s.text.split("。")[0] for s in answer.sentences] == ["1、主业不突出", "2、部分班子无合力", "3、认识不到位"]


def test_a_question_on_one_sub_heading_is_answered_from_it_not_by_the_outline(pipeline):
    answer = pipeline.ask("石墩河镇纪委在深入学习上做了哪些实践？")  # only 1、深入学习 holds 深入学习
    assert not answer.refused
    assert [s.text.split("。")[0] for s in answer.sentences] != list(PRACTICE)
    quotes = [s.text for s in answer.sentences]  # an item that took its detail along is not followed by that detail
    assert not any(a != b and a in b for a in quotes for b in quotes)


def _article(text: str, headings: list[tuple[str, int]]) -> Article:
    at, out = 0, []
    for heading, level in headings:
        at = text.index(heading, at)
        out.append(Heading(at, level, heading))
    return Article(report="r.txt", index=0, title="t", text=text, headings=tuple(out))


def test_a_section_that_says_how_many_things_it_lists():
    counted = _article("三、实施“三项”制度。\n1、流动红旗评比制度。\n2、教学常检制度。\n3、绩效保障制度。\n",
                       [("三、实施“三项”制度", 1), ("1、流动红旗评比制度", 3), ("2、教学常检制度", 3), ("3、绩效保障制度", 3)])
    assert announced(counted, sections_of(counted)[0]) == "三、实施“三项”制度。"
    before = _article("三、落实课程评价\n老师兼任两门课程。\n评价分四个阶段来落实。\n1、甲。\n2、乙。\n3、丙。\n4、丁。\n",
                      [("三、落实课程评价", 1), ("1、甲", 3), ("2、乙", 3), ("3、丙", 3), ("4、丁", 3)])
    assert announced(before, sections_of(before)[0]) == "评价分四个阶段来落实。"  # not 两门, which counts no item
    wrong = _article("三、落实制度\n分三个阶段。\n1、甲。\n2、乙。\n", [("三、落实制度", 1), ("1、甲", 3), ("2、乙", 3)])
    assert announced(wrong, sections_of(wrong)[0]) == ""  # three announced, two listed
    digits = _article("二、方法步骤\n着力抓好3个环节:\n1.甲。\n2、乙。\n3、丙。\n",
                      [("二、方法步骤", 1), ("1.甲", 3), ("2、乙", 3), ("3、丙", 3)])
    assert announced(digits, sections_of(digits)[0]) == "着力抓好3个环节:"  # a count in digits
    late = _article("三、找出差距\n达到二类标准。\n2、甲。\n3、乙。\n", [("三、找出差距", 1), ("2、甲", 3), ("3、乙", 3)])
    assert announced(late, sections_of(late)[0]) == ""  # the list does not start at its first item


def test_how_a_counted_list_is_done_is_answered_by_its_items(pipeline):
    answer = pipeline.ask("实验小学对教师的教学质量评价是怎么分阶段落实的？")
    assert [s.text.split("。")[0] for s in answer.sentences] == [
        "1、科学实验操作技能抽查", "2、音体美技能抽查", "3、语数英书面考试", "4、学校对教师的教学质量考查"]


def test_a_question_on_one_item_of_a_counted_list_is_answered_from_it(pipeline):
    answer = pipeline.ask("实验小学期末是怎样考核科学老师的实验教学的？")  # only item 1 is on 科学实验
    assert not answer.refused
    assert len(answer.sentences) != 4 and "科学" in answer.sentences[0].text


def test_a_list_told_within_a_paragraph():
    paragraph = "重点把握好四个环节:一是公示。用广播公布。二是接访。每周一天。三是包案。实行责任制。四是落实。件件有着落。"
    starts = inline_items(paragraph, "环节")
    assert [paragraph[at:at + 4] for at in starts] == ["一是公示", "二是接访", "三是包案", "四是落实"]
    assert inline_items(paragraph, "措施") == []  # a list of other things
    assert inline_items(paragraph.replace("四是落实", "落实"), "环节") == []  # four announced, three told


def test_which_items_of_a_list_told_within_a_paragraph(tmp_path):
    from index.build import build_index
    from index.settings import IndexSettings
    from retrieval.pipeline import Pipeline

    build_index(IndexSettings(corpus_dir=OUTLINE_DIR.parent / "inline", index_dir=tmp_path, model="hash"),
                progress=False, log=lambda _: None)
    pipeline = Pipeline.open(tmp_path)
    # jiefang.txt breaks that paragraph mid-sentence ("…“四定四包一查究”\n和“四个真正弄清楚”的要求"): item 4 is after it
    answer = pipeline.ask("大接访活动在组织实施阶段要抓好哪几个环节？")
    assert [s.text.split("。")[0] for s in answer.sentences] == [
        "重点把握好四个环节:一是公示", "二是接访", "三是包案", "四是落实"]


def _list_pipeline(tmp_path_factory, name: str):
    """A pipeline over data/`name` with hash vectors: one short article and hash vectors make a low
    confidence, and what is tested is the list, not the refusal."""
    from index.build import build_index
    from index.settings import IndexSettings
    from retrieval.answer import ComposeSettings
    from retrieval.pipeline import Pipeline

    index_dir = tmp_path_factory.mktemp(name) / "index"
    build_index(IndexSettings(corpus_dir=OUTLINE_DIR.parent / name, index_dir=index_dir, model="hash"),
                progress=False, log=lambda _: None)
    return Pipeline.open(index_dir, compose=ComposeSettings(refuse_below=0.0))


@pytest.fixture(scope="module")
def framed(tmp_path_factory):
    return _list_pipeline(tmp_path_factory, "framed")


def test_a_list_announced_before_its_items_answers_for_its_noun(tmp_path_factory):
    # data/announced is ../shared/corpus/002's "第三篇" with its "二、方法步骤": "…着力抓好3个环节:" over 1. 2、 3、;
    # item 1 ("1.学习教育、听取意见") shares only 教育 with the question, which does not make it about that item
    answer = _list_pipeline(tmp_path_factory, "announced").ask("XX镇开展群众路线教育实践活动,各单位要抓好哪几个环节?")
    assert [s.text[:2] for s in answer.sentences] == ["1.", "2、", "3、"]


def test_numbered_paragraphs_after_a_colon_or_before_a_summing_up():
    text = "以语文为例:\n①背诵古诗。\n②阅读好书。\n③每天晨读。这样,目标具体化了。\n2、校本课程特色化。\n"
    first, last = text.index("①"), text.index("③")
    assert numbered_paragraphs(text, first, forward=True) == [first, text.index("②"), last]  # not 2、
    assert numbered_paragraphs(text, last, forward=False) == [first, text.index("②"), last]
    assert numbered_paragraphs(text, text.index("②"), forward=True) == []  # not from its first item


def test_a_list_framed_by_a_colon_and_a_summing_up_is_answered_by_its_items(framed):
    # data/framed is report 003's "1、国家课程校本化": "…以语文为例:" ①…⑥, "⑥…这样,通过定时间、定内容,…具体化了。"
    answer = framed.ask("实验小学是怎样把语文课程标准校本化的？")
    assert [s.text[0] for s in answer.sentences] == list("①②③④⑤⑥")


@pytest.fixture(scope="module")
def ordinal(tmp_path_factory):
    return _list_pipeline(tmp_path_factory, "ordinal")


def test_a_run_of_ordinal_paragraphs_answers_what_the_article_did(ordinal):
    # data/ordinal is ../shared/corpus/001's first article: 首先,… 其次,… 第三,… up to 第六,…, under no heading
    answer = ordinal.ask("渡口中心卫生院在推进乡镇卫生院管理年活动中总结了哪些做法？")
    assert [s.text[:2] for s in answer.sentences] == ["首先", "其次", "第三", "第四", "第五", "第六"]
    # one item's own words ask for that item alone
    answer = ordinal.ask("渡口中心卫生院怎么做好信息收集及反馈工作？")
    assert answer.sentences[0].text.startswith("第五") and len(answer.sentences) < 6
    # a detail told within one item ("第六,…建立就诊患者意见簿,…") asks for that detail, not the whole run
    answer = ordinal.ask("渡口中心卫生院打算通过什么办法来收集看病群众的意见？")
    assert "意见簿" in answer.sentences[0].text and len(answer.sentences) < 6


def test_first_then_third_is_one_numbered_list():
    text = "首先,统一认识。\n其次,分解任务。\n第三,落实到人。\n"
    assert numbered_paragraphs(text, 0, forward=True) == [0, text.index("其次"), text.index("第三")]


def test_a_list_asked_for_by_another_word_for_measures(tmp_path_factory):
    # "做法" asked, "三、…进行的实践" written; "志愿服务活动" asked, "(一)环境保洁服务活动" written
    from retrieval.questions import other_names

    assert other_names("做法")[:2] == ["做法", "措施"] and "实践" in other_names("做法")
    assert other_names("志愿服务活动") == ["志愿服务活动", "愿服务活动", "服务活动"]
    assert other_names("疏导做法") == ["疏导做法"]  # "疏导" is what is asked: not any 做法
    answer = _list_pipeline(tmp_path_factory, "outline").ask("石墩河镇纪委在落实“三转”方面采取了哪些做法？")
    assert [s.text.split("。")[0] for s in answer.sentences] == list(PRACTICE)


def test_a_list_told_within_a_paragraph_by_first_second_third():
    from retrieval.questions import counted_list

    paragraph = ("将纪检监察打造成忠诚可靠的队伍,做到三个严格。第一,严格教育。认真学习。第二,严格管理。"
                 "严格执行考勤制度。第三,严格监督。将转变作风建设与专项整治相结合。")
    starts = inline_items(paragraph, "严格")
    assert [paragraph[at:at + 7] for at in starts] == ["第一,严格教育", "第二,严格管理", "第三,严格监督"]
    assert inline_items(paragraph.replace("第三,", "再者,"), "严格") == []  # three announced, two told
    assert counted_list("富阳烟草专卖局纪检监察队伍是怎样做到“三个严格”的?") == "严格"
    assert counted_list("纪检监察队伍是怎样做到严格管理的?") == ""


def test_a_list_under_a_line_naming_its_kind_answers_for_it(tmp_path_factory):
    # data/labelled is ../shared/corpus/003's "篇八" (山左口中学), cut: "存在问题" over 1、…5、, "下一步打算:" over 1、…5、
    pipeline = _list_pipeline(tmp_path_factory, "labelled")
    answer = pipeline.ask("东海县山左口中学迎接教育现代化验收的下一步打算有哪些？")
    assert answer.sentences[0].text.startswith("1、继续根据评估细则查漏补缺")
    assert len(answer.sentences) == 6 and all("下一步打算" not in s.text for s in answer.sentences)
    assert listed_noun("下一步打算有哪些？") == "打算" and listed_noun("学校有哪些做法？") == "做法"


def test_a_school_named_once_in_its_own_report_is_what_the_report_is_about(tmp_path_factory):
    # data/ourschool is ../shared/corpus/001's "乡镇关工委工作总结范文3": a school speaking as 我校, named once, with
    # its city, in a title it quotes ("《资兴市三都中学学生心理危机干预工作方案》"), far from its figures
    pipeline = _list_pipeline(tmp_path_factory, "ourschool")
    answer = pipeline.ask("资兴市三都中学举办了几次班级黑板报竞赛?")
    assert not answer.refused and "二次班级黑板报" in answer.sentences[0].text
    assert bodies_named("会上除了向家长汇报学校的工作情况") == []  # 汇报 is told, not a school's name


def test_a_question_in_a_sections_heading_words_is_answered_by_its_items(tmp_path_factory):
    # data/headed is ../shared/corpus/002's "乡镇教育运营活动方案4", its "三、主要措施": the question asks in the words
    # of "(三)、强化学校内部管理,切实做好日常工作。", whose items tell how (its long item 3 is not read as a heading)
    answer = _list_pipeline(tmp_path_factory, "headed").ask("双泉镇中心学校要求如何强化学校内部管理、做好日常工作?")
    assert [s.text[:12] for s in answer.sentences] == ["1、全镇实行教育党支部领", "2、镇中心学校实行校长主", "4、教师实行岗位责任制。"]


def test_a_list_naming_none_of_the_chinese_an_english_question_quotes_does_not_answer_it(tmp_path_factory):
    # data/quoted is ../shared/corpus/003's 嘉峪关 report ("篇九"), its 二、主要工作成就: "(三)推进教育公平方面" lists
    # 1.…招生 2.…义务教育 3.关爱特殊儿童, two of them naming 教育; the question quotes 三残, which only a sentence names
    answer = _list_pipeline(tmp_path_factory, "quoted").ask(
        "What kinds of education does Jiayuguan City comprehensively promote for children and adolescents with the "
        "'three disabilities' (三残)?")
    assert any("“三残”" in s.text for s in answer.sentences)
    assert not any(s.text.startswith(("2.消除", "3.关爱")) for s in answer.sentences)


def test_a_practice_question_quoting_a_label_is_answered_by_what_the_label_heads(tmp_path_factory):
    # data/quotedlabel is ../shared/corpus/003's "篇二" (富阳烟草 纪检监察): "做到三个严格。第一,严格教育。…第二,严格管理。
    # 纪检监察员不仅自己做到严于律己,规范绩效考评工作,…"; other sentences say 严格管理 too ("严格要求、严格教育、严格管理")
    answer = _list_pipeline(tmp_path_factory, "quotedlabel").ask("富阳烟草纪检监察在“严格管理”方面采取了哪些措施?")
    assert len(answer.sentences) == 1 and answer.sentences[0].text.startswith("纪检监察员不仅自己做到严于律己,规范绩效考评工作")
