"""Tests for index.structure: compilation files split into the right articles; heading paths."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.cleaning import clean_lines
from index.structure import heading_of, is_article_start, split_articles

DATA = Path(__file__).parent / "data"
CN = "一二三四五六七八九十"


# --- articles of the bundled reports (counted by hand from the files' lines) ----------------

@pytest.mark.parametrize("prefix,count", [("000", 5), ("001", 5), ("002", 9), ("003", 10), ("004", 5)])
def test_article_count(bundled_articles, prefix, count):
    assert len(bundled_articles[prefix]) == count


def test_000_titles(bundled_articles):
    titles = [a.title for a in bundled_articles["000"]]
    assert [t.split(":")[0] for t in titles] == [f"第{n}篇" for n in CN[:5]]
    assert titles[0] == "第一篇:抓常规攻难点创特色 开创和谐计生新局面"
    assert titles[2] == "第三篇:破难题 创特色 开创计生工作新局面"


def test_001_numbered_titles(bundled_articles):
    assert [a.title for a in bundled_articles["001"]] == [f"乡镇关工委工作总结范文{n}" for n in range(1, 6)]


def test_002_title_page_is_merged_into_the_first_plan(bundled_articles):
    articles = bundled_articles["002"]
    assert articles[0].title == "第一篇:乡镇教育运营活动实施方案"
    assert "\n乡镇教育运营活动方案1\n一、目标\n" in articles[0].text  # 方案1 lives inside 第一篇
    assert [a.title for a in articles[1:5]] == [f"乡镇教育运营活动方案{n}" for n in range(2, 6)]
    assert [a.title.split(":")[0] for a in articles[5:]] == [f"第{n}篇" for n in CN[1:5]]
    assert articles[8].title == "第五篇:乡镇大接访活动实施方案"


def test_003_preface_is_merged_into_the_first_article(bundled_articles):
    articles = bundled_articles["003"]
    assert [a.title.rsplit(" ", 1)[-1] for a in articles] == [f"篇{n}" for n in CN]
    assert articles[0].title == "1.教育局推进“三转”工作情况汇报 篇一"
    assert articles[0].text.startswith("教育局推进“三转”工作情况汇报(精选10篇)\n1.教育局推进“三转”工作情况汇报 篇一\n")
    assert articles[3].title == "4.推进素质教育工作汇报 篇四"
    assert articles[9].title == "10.教育局推进“三转”工作情况汇报 篇十"


def test_004_titles(bundled_articles):
    assert [a.title for a in bundled_articles["004"]] == [
        "第一篇:2016年 “无毒害区”巩固工作总结", "第二篇:创建“无毒害县”工作总结",
        "第三篇:区两基巩固提高情况汇报", "第四篇:区两基巩固提高情况汇报", "第五篇:区两基巩固提高情况汇报"]


def test_articles_partition_the_cleaned_text(bundled_raw, bundled_articles):
    """Splitting loses, repeats and reorders nothing; each article knows its file and position."""
    for prefix, raw in bundled_raw.items():
        articles = bundled_articles[prefix]
        assert "\n".join(a.text for a in articles) == "\n".join(clean_lines(raw))
        assert [a.index for a in articles] == list(range(len(articles)))
        assert {a.report[:3] for a in articles} == {prefix}


def test_article_headings_of_000_first_article(bundled_articles):
    article = bundled_articles["000"][0]
    assert [h.text for h in article.headings if h.level == 1] == ["一、主要做法", "二、工作成效", "三、几点体会"]
    for h in article.headings:
        assert article.text[h.start:].startswith(h.text)


def test_file_without_markers_is_one_article_titled_by_its_first_line():
    (article,) = split_articles("x.txt", clean_lines((DATA / "headings.txt").read_text(encoding="utf-8")))
    assert article.title == "争创人民满意学校"
    assert article.key == "x.txt#0"


def test_no_paragraphs_no_articles():
    assert split_articles("empty.txt", []) == []


@pytest.mark.parametrize("line,expected", [
    ("第一篇:抓常规攻难点创特色 开创和谐计生新局面", True),
    ("第二篇:创建“无毒害县”工作总结", True),
    ("1.教育局推进“三转”工作情况汇报 篇一", True),
    ("10.教育局推进“三转”工作情况汇报 篇十", True),
    ("一、主要做法", False),
    ("抓常规攻难点创特色 开创和谐计生新局面", False),
    ("第一篇:" + "很长的标题" * 15, False),
])
def test_is_article_start(line, expected):
    assert is_article_start(line, stems=set()) is expected


def test_numbered_titles_need_a_repeated_stem():
    assert is_article_start("乡镇关工委工作总结范文3", {"乡镇关工委工作总结范文"})
    assert not is_article_start("乡镇关工委工作总结范文3", set())


# --- headings and section paths --------------------------------------------------------------

@pytest.mark.parametrize("paragraph,expected", [
    ("一、主要做法", (1, "一、主要做法")),
    ("（一）组织领导，成立机构", (2, "（一）组织领导，成立机构")),
    ("(二)主要工作和措施", (2, "(二)主要工作和措施")),
    ("1、实施“优质服务”工程,提升群众国策意识。结合生产、生活、生育“三生”服务",
     (3, "1、实施“优质服务”工程,提升群众国策意识")),
    ("7.加强学校常规管理工作。", (3, "7.加强学校常规管理工作")),
    ("（1）坚持依法治校、以人为本，严格执行教师岗位制度。", (4, "（1）坚持依法治校、以人为本，严格执行教师岗位制度")),
    ("①医生在进行医疗活动时所运用的健康咨询。", (4, "①医生在进行医疗活动时所运用的健康咨询")),
    ("⒈筹建教育基地,加强对青少年的爱国主义和思想道德", (3, "⒈筹建教育基地,加强对青少年的爱国主义和思想道德")),
    ("3.24结核病防治宣传日", None),  # a date, not "3." heading
    ("2016年以来,在政府正确领导下", None),
    ("(一)学科结构失衡,在我校教师中,语文、数学、英语等主要学科教师占了大多数,而音乐、美术、体育和计算机等专业学科教师很少。",
     None),  # the first sentence is prose, too long for a heading
    ("近年来,XX乡认真贯彻执行计划生育政策。", None),
])
def test_heading_of(paragraph, expected):
    assert heading_of(paragraph) == expected


@pytest.fixture(scope="module")
def headed_article():
    (article,) = split_articles("headings.txt", clean_lines((DATA / "headings.txt").read_text(encoding="utf-8")))
    return article


def _path_at(article, snippet: str) -> tuple[str, ...]:
    return article.section_path(article.text.index(snippet) + 2)


def test_heading_levels(headed_article):
    assert [(h.level, h.text[:3]) for h in headed_article.headings] == [
        (1, "二、义"), (2, "(一)"), (2, "(二)"), (3, "1.认"), (3, "7.加"), (4, "(1)"), (4, "(3)"), (3, "8.学"),
        (1, "三、存")]


def test_section_path_before_any_heading_is_empty(headed_article):
    assert headed_article.section_path(0) == ()
    assert _path_at(headed_article, "——三小推进") == ()


def test_section_path_nests_and_pops(headed_article):
    a = headed_article
    top = "二、义务教育均衡发展工作开展情况"
    assert _path_at(a, "领导小组办公室设在德育处") == (top, "(一)组织领导,成立机构")
    assert _path_at(a, "开学以来") == (top, "(二)主要工作和措施", "1.认真做好义教均衡宣传工作")
    assert _path_at(a, "坚持依法治校") == (top, "(二)主要工作和措施", "7.加强学校常规管理工作",
                                           "(1)坚持依法治校、以人为本,严格执行教师岗位制度")
    # a sibling replaces its sibling; a shallower heading closes the deeper ones
    assert _path_at(a, "节假日严禁")[-1] == "(3)保障学生每天睡眠时间不少于10小时,体育锻炼不少于1小时"
    assert _path_at(a, "目前各小组") == (top, "(二)主要工作和措施", "8.学校于4月下旬开始对档案材料进行整理")
    assert _path_at(a, "学科结构失衡") == ("三、存在的一些主要问题",)


def test_section_path_at_the_heading_itself(headed_article):
    h = headed_article.headings[1]
    assert headed_article.section_path(h.start)[-1] == h.text
    assert headed_article.section_path(h.start - 1)[-1] == headed_article.headings[0].text
