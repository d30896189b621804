"""Choosing an answer's sentences: joined quotes, plural factoids, list items, places."""
from __future__ import annotations

import pytest

from index.types import Chunk
from retrieval.answer import ComposeSettings
from retrieval.questions import ITEM, asks_plural, enumerates
from retrieval.selection import (Candidate, antecedent, blank_asked, fullest_of_duplicates, join_adjacent,
                                 label_before, per_place, redacted_near, select, with_detail, with_items, with_label,
                                 with_lead_in, with_title, without_contained)
from retrieval.types import Hit

# From data/reports/003 (教师考核办法): two clauses of one sentence, split at the semicolon.
ARTICLE = "奖励办法：\n年级学科组达质量目标的,人均奖励200元;超质量目标的,人均奖励300元;\n其他说明。"


def candidate(text: str, score: float, key: str | None = None, article: str = ARTICLE, report: str = "r.txt") -> Candidate:
    start = article.index(text)
    chunk = Chunk(id="c0", report=report, article_index=0, article_title="考核办法", section_path=(), start=0,
                  end=len(article), text=article)
    span = (text.index(key), text.index(key) + len(key)) if key else None
    return Candidate(Hit(chunk=chunk, rank=1, score=1.0), 0, start, start + len(text), text, article, 0.0, score, span)


FIRST = "年级学科组达质量目标的,人均奖励200元;"
SECOND = "超质量目标的,人均奖励300元;"


def test_adjacent_sentences_become_one_quote_keeping_the_lead_span():
    lead, other = candidate(SECOND, 0.9, "300"), candidate(FIRST, 0.8, "200")
    [joined] = join_adjacent([lead, other])
    assert joined.text == FIRST + SECOND == ARTICLE[joined.start:joined.end]
    assert joined.text[joined.key_span[0]:joined.key_span[1]] == "300"  # the lead's, shifted


def test_sentences_of_other_paragraphs_or_articles_stay_apart():
    lead = candidate(FIRST, 0.9)
    across_line = candidate("其他说明。", 0.8)
    other_article = candidate(SECOND, 0.8, report="other.txt")
    assert len(join_adjacent([lead, across_line])) == 2
    assert len(join_adjacent([lead, other_article])) == 2


def test_a_plural_factoid_keeps_a_second_value_that_a_single_one_drops():
    settings = ComposeSettings()
    cands = [candidate(FIRST, 0.66, "200"), candidate(SECOND, 0.54, "300")]
    assert len(select(cands, "factoid", settings)) == 1  # 0.54 is not "nearly as good" as 0.66
    assert len(select(cands, "factoid", settings, plural=True)) == 2
    assert asks_plural("达标或者超额，每个人分别能拿到多少奖金？") and not asks_plural("人均奖励多少？")


def test_a_list_keeps_a_measure_that_a_plural_factoid_would_drop():
    settings = ComposeSettings()  # list items down to 0.6 of the best; several values asked for, 0.7
    cands = [candidate(FIRST, 1.0, "200"), candidate(SECOND, 0.65, "300")]
    assert len(select(cands, "practice", settings)) == 2
    assert len(select(cands, "factoid", settings, plural=True)) == 1


@pytest.mark.parametrize("sentence, is_item", [
    ("一是建立城乡联动计生模式。", True), ("(二)加强宣传教育。", True), ("3、加强写字教学。", True),
    ("③每天上午上课前15分钟为晨读时间", True), ("其次,完善制度。", True),
    ("重点从加强城乡联动、企业共建等方面,探索建立“两种模式”。", False), ("2008年,我乡成立了中心。", False),
])
def test_list_items_are_recognised(sentence, is_item):
    assert bool(ITEM.match(sentence)) == is_item


def test_enumeration_questions():
    assert enumerates("上坪乡在流动人口管理上建立了哪两种模式？")
    assert not enumerates("上坪乡的总人口是多少？")


def test_per_place_takes_each_places_best_sentence_with_the_value():
    article = "上坪乡总人口6659人。明溪口镇总人口2.16万人。明溪口镇风景优美。"
    a = candidate("明溪口镇风景优美。", 0.9, article=article)
    b = candidate("明溪口镇总人口2.16万人。", 0.8, "2.16", article=article)
    c = candidate("上坪乡总人口6659人。", 0.7, "6659", article=article)
    assert per_place([a, b, c], ["上坪乡", "明溪口镇"], "number") == [c, b]
    assert per_place([a, b, c], ["明溪口镇"], None) == [a]


def _sentences(article: str, texts: list[str]) -> list[tuple[int, int, int]]:
    return [(article.index(t), article.index(t) + len(t), row) for row, t in enumerate(texts)]


def test_a_short_item_takes_the_sentence_that_says_what_it_is():
    article = "三是各村开展了“双述双评”制度。即每半年召集群众代表参加述职述廉大会。四是加强监督。\n下一段。"
    texts = ["三是各村开展了“双述双评”制度。", "即每半年召集群众代表参加述职述廉大会。", "四是加强监督。", "下一段。"]
    sentences = _sentences(article, texts)
    item = candidate(texts[0], 0.9, article=article)
    assert with_detail(item, sentences).text == texts[0] + texts[1]
    assert with_detail(candidate(texts[1], 0.9, article=article), sentences).text == texts[1]  # not an item
    last = candidate(texts[2], 0.9, article=article)
    assert with_detail(last, sentences).text == texts[2]  # the next sentence is in another paragraph


def test_a_line_labelled_before_a_colon_is_an_item_that_takes_its_detail():
    # ../shared/corpus/002 (健康教育工作计划): a month's line names the days first, then what is taught
    texts = ["六月份:结合国际儿童节、环境日、爱眼日、禁毒日。", "重点宣传儿童保健,近视防治,环境保护,远离毒品等方面的知识。",
             "七月份:重点开展夏秋季肠道传染病,饮水饮食卫生知识教育。"]
    article = "".join(texts[:2]) + "\n" + texts[2]
    sentences = _sentences(article, texts)
    assert with_detail(candidate(texts[0], 0.9, article=article), sentences).text == texts[0] + texts[1]
    assert with_detail(candidate(texts[1], 0.9, article=article), sentences).text == texts[1]  # no label


def test_an_item_takes_its_own_sub_items_up_to_the_lists_next_item():
    # data/reports/001 (黄圩镇老年大学): the measure's detail is its 首先… after a general sentence
    texts = ["二是围绕“学乐结合”,突出老年教育的娱乐性。", "我们围绕“寓教于乐”做文章,努力为老同志改善和优化学习软环境。",
             "首先,在课程设置上增设了文体课,内容涉及歌舞、游艺、卫生保健、书画等。",
             "其次,在教学形式上,突出故事性、趣味性,如经常搞答辩、评比、研讨等。", "三是围绕“学用结合”,突出老年教育的实用性。"]
    article = "".join(texts)
    item = candidate(texts[0], 0.9, article=article)
    assert with_detail(item, _sentences(article, texts)).text == "".join(texts[:3])  # to 60 characters of detail
    short = "".join([texts[0], texts[4]])
    assert with_detail(candidate(texts[0], 0.9, article=short), _sentences(short, [texts[0], texts[4]])).text == texts[0]


def test_a_sentence_announcing_measures_takes_the_others_of_its_paragraph():
    # data/reports/003 (夏镇…小学): the colon announces the measures, the first ends the sentence
    texts = ["我们在校园文化的宣传方面精心构建“双语”氛围:在布置各教室、办公室和室内外墙壁时,全部使用汉语或汉维双语;",
             "我们在校园内的文化石上用汉、维两种语言书写并配图形,校园广播站使用汉维两种语言播音。",
             "目的是想创设“双语”教学的校园文化。"]
    article = "".join(texts[:2]) + "\n" + texts[2]
    sentences = _sentences(article, texts)
    assert with_items(candidate(texts[0], 0.9, article=article), sentences).text == texts[0] + texts[1]
    assert with_items(candidate(texts[1], 0.9, article=article), sentences).text == texts[1]  # announces nothing


def test_of_two_copies_of_a_sentence_the_one_with_more_figures_leads():
    # data/reports/004 holds the report twice; one copy lost its years ("由的2所")
    texts = ["中小学一级图书馆的数量由的2所增加到现在的18所,增置图书资料20余万册。",
             "中小学一级图书馆的数量由2002年的2所增加到现在的18所,增置图书资料20余万册。", "全区中小学藏书89.8万册,生均26.5册。"]
    bare, full, other = (candidate(t, score, article=t, report=r)
                         for t, score, r in zip(texts, (0.9, 0.8, 0.85), ("a.txt", "b.txt", "b.txt")))
    ordered = fullest_of_duplicates([bare, other, full])
    assert [c.text for c in ordered] == [full.text, other.text, bare.text]
    assert ordered[0].score == 0.9  # it takes the place, and the score, of its copy
    assert fullest_of_duplicates([other, bare]) == [other, bare]  # no copy: unchanged


# From data/reports/002 (大接访活动实施方案): each item's label is too short to be a sentence of its own.
STEPS = ("(二)组织实施阶段重点把握好四个环节:一是公示。用广播、村务公开栏及发布公告等形式向社会进行公布。"
         "二是接访。镇党委书记、镇长每周安排一天时间公开接访。\n(三)检查总结阶段")


def test_an_item_takes_the_short_label_that_names_it():
    item = with_label(candidate("用广播、村务公开栏及发布公告等形式向社会进行公布。", 1.0, article=STEPS))
    assert item.text == "一是公示。用广播、村务公开栏及发布公告等形式向社会进行公布。"
    assert STEPS[item.start:item.end] == item.text
    second = with_label(candidate("镇党委书记、镇长每周安排一天时间公开接访。", 1.0, article=STEPS))
    assert second.text.startswith("二是接访。")
    plain = candidate("年级学科组达质量目标的,人均奖励200元;", 1.0)  # no label before it: unchanged
    assert with_label(plain) == plain


def test_a_lists_first_item_takes_the_clause_that_announces_it():
    first = with_lead_in(with_label(candidate("用广播、村务公开栏及发布公告等形式向社会进行公布。", 1.0, article=STEPS)))
    assert first.text == "组织实施阶段重点把握好四个环节:一是公示。用广播、村务公开栏及发布公告等形式向社会进行公布。"
    assert STEPS[first.start:first.end] == first.text  # still a verbatim quote
    second = with_label(candidate("镇党委书记、镇长每周安排一天时间公开接访。", 1.0, article=STEPS))
    assert with_lead_in(second) == second  # the list's second item: no clause before it
    plain = candidate(FIRST, 1.0)
    assert with_lead_in(plain) == plain


def test_the_first_sentence_of_a_numbered_item_takes_the_item_s_title():
    # data/reports/002 (方案5): "已评8所" says what was rated only by the title before it
    title = "1.继续做好小学素质教育市级特色学校的创建工作。"
    first, second = "在目前已评8所的基础上,20--年力争再创建1-2所市级特色学校。", "在市级特色学校发展共同体的机制下,开展建设。"
    article = f"一、加强学校文化建设\n{title}{first}{second}\n2.启动我区初中素质教育综合督导评估。"
    item = with_title(candidate(first, 1.0, article=article))
    assert item.text == title + first and article[item.start:item.end] == item.text
    assert with_title(candidate(second, 1.0, article=article)).text == second  # not the item's first sentence
    statement = "镇中心学校的每个同志要保证1/3的时间深入学校、班级、课堂,为学校排忧解难,为教师办实事。"
    long_title = f"3.{statement}{first}"  # a numbered sentence too long for a title
    assert with_title(candidate(first, 1.0, article=long_title)).text == first


def test_a_sentence_another_quote_holds_is_dropped():
    whole = candidate(FIRST + SECOND, 1.0)
    part = candidate(SECOND, 0.9)
    assert without_contained([whole, part]) == [whole]
    assert without_contained([candidate(FIRST, 1.0), part]) == [candidate(FIRST, 1.0), part]


def test_a_blanked_count_before_or_after_the_thing_it_counts():
    # ../shared/corpus/003 (篇四) and 000 (明溪口镇)
    assert redacted_near("课标要求背诵优秀诗文160篇,我们整理了xx2首古诗词,安排在12个学期", ["古诗词"])
    assert redacted_near("全镇已婚育龄妇女XXX人。", ["育龄妇女"])
    assert not redacted_near("我们整理了xx2首古诗词", ["学期"])


def test_a_blank_among_counts_written_out_is_not_the_only_count():
    # ../shared/corpus/004: the target is blanked out, the townships already named are counted (11个), and a share
    text = "到2010年底,将我县?个乡镇创建成“无毒 5乡镇”,加上原已命名的11个“无毒乡镇”,实现85%的乡镇创建为无毒乡镇。"
    assert not redacted_near(text, ["乡镇", "年底"])  # 年底 tells when; 乡镇 is counted openly as well
    assert redacted_near("全镇已婚育龄妇女XXX人,总人口6659人。", ["已婚育龄妇女"])
    assert blank_asked(text, "乡镇创建")  # "将多少个乡镇创建成无毒乡镇": the very figure asked for
    assert not blank_asked(text, "乡镇被评")  # "已经有几个乡镇被评上了": 11个
    # a share asked for is not blanked by a sum ("落实?万元的创建经费")
    assert not redacted_near("由禁毒委向县政府专题报告并落实?万元的创建经费。", ["落实"], units="%％")
    assert redacted_near("由禁毒委向县政府专题报告并落实?万元的创建经费。", ["落实"], units="元万亿")


def test_the_short_label_before_a_sentence_names_what_it_tells():
    # ../shared/corpus/002 (群众路线) and 000 (上坪乡): an unnumbered and a numbered label over a measure
    article = "广泛听取干部群众意见。\n搞好思想发动。在镇党委深入动员基础上,各单位召开动员大会。"
    assert label_before(candidate("在镇党委深入动员基础上,各单位召开动员大会。", 1.0, article=article)) == "搞好思想发动。"
    article = "四、实施“依法行政”工程,转变管理方式。一是强化责任促法治。层层签订计划生育《行政执法责任书》。"
    assert label_before(candidate("层层签订计划生育《行政执法责任书》。", 1.0, article=article)) == "一是强化责任促法治。"
    # a clause of a longer sentence is no label
    article = "全镇教育工作成效明显,各项指标位居全县前列。今年投入资金50万元。"
    assert label_before(candidate("今年投入资金50万元。", 1.0, article=article)) == ""


def test_a_label_may_follow_an_ordinal_or_dashes_and_covers_the_clauses_of_its_sentence():
    # ../shared/corpus/003 (富阳烟草 纪检监察) and 004 (两基 汇报)
    article = "真真正正做好监察工作。第二,严格管理。纪检监察员不仅自己做到严于律己,规范绩效考评工作。"
    assert label_before(candidate("纪检监察员不仅自己做到严于律己,规范绩效考评工作。", 1.0, article=article)) == "严格管理。"
    article = ("分别比上年增长3.2 %。------生均教育事业费逐年增长。2002年至2004年,小学为1300元、1316元和1328元,"
               "分别比上年增长0.8%、1%和1%;初中为1799元、1905元和2019元。")
    assert label_before(candidate("2002年至2004年,小学为1300元、1316元和1328元,分别比上年增长0.8%、1%和1%;", 1.0,
                                  article=article)) == "生均教育事业费逐年增长。"
    assert label_before(candidate("初中为1799元、1905元和2019元。", 1.0, article=article)) == "生均教育事业费逐年增长。"
    # the second item of a list is not under the first item's label
    article = "一是强化责任促法治。层层签订责任书;二是完善制度。"
    assert label_before(candidate("二是完善制度。", 1.0, article=article)) == ""


def test_a_sentence_pointing_back_takes_the_sentence_before_it():
    # ../shared/corpus/002 (群众路线 实施方案): 会议 is the 总结大会 named just before
    article = "按照上级总体安排,适时召开教育实践活动总结大会。会议由单位党组织主要负责同志主持并讲话,对教育实践活动进行总结;"
    assert antecedent(candidate("会议由单位党组织主要负责同志主持并讲话,对教育实践活动进行总结;", 1.0, article=article)) \
        == "按照上级总体安排,适时召开教育实践活动总结大会。"
    article = "我县创建了9个省教育强乡镇。此外,我县要继续开展省级教育强乡镇创建工作。"
    assert antecedent(candidate("此外,我县要继续开展省级教育强乡镇创建工作。", 1.0, article=article)) == ""
