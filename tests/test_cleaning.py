"""Tests for index.cleaning: web boilerplate goes, broken paragraphs are mended, characters stay."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.cleaning import clean_lines, is_boilerplate, is_broken_pair

DATA = Path(__file__).parent / "data"


def test_scraped_page_keeps_only_the_report():
    raw = (DATA / "boilerplate.txt").read_text(encoding="utf-8")
    lines = raw.splitlines()
    # 0 site preface, 3 【精品文档】, 6 "【…】推荐阅读:", 7-9 related links ending in a date
    assert clean_lines(raw) == [lines[1], lines[2], lines[4], lines[5]]


@pytest.mark.parametrize("line", [
    "前言:中文期刊网精心挑选了乡镇关工委工作总结范文供你参考和学习,希望我们的参考范文能激发你的文章创作灵感,欢迎阅读。",
    "用科学发展观统揽工作全局,坚持“学前教育抓规范、义务教育促均衡、基础教育提质量、人民满意为宗旨”的工作思路,"
    "规范办学行为,以下是东星资源网小编为大家精心整理的乡镇教育运营活动方案五篇,欢迎阅读。",
    "【精品文档】",
    "【教育局推进“三转”工作情况汇报】推荐阅读:",
    "推进义务教育均衡发展所做的工作汇报08-02",
    "   ",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "乡镇关工委工作总结范文1",
    "三、精心组织质量监测工作,提高质量监测的效度",
    "借此机会学校全体师生对各位领导莅临我校检查指导工作,表示热烈欢迎和衷心的感谢!",
    "禁毒委员会 0年0月0日",
    "叶首得(永安市上坪乡党委书记)",
])
def test_report_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_long_paragraph_is_content_even_with_a_template_phrase():
    paragraph = (DATA / "reports" / "shangping.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert len(paragraph) > 200
    line = paragraph + "以下是东星资源网小编为大家精心整理的乡镇教育运营活动方案五篇,欢迎阅读。"
    assert not is_boilerplate(line)
    assert clean_lines(line) == [line]


def test_every_long_line_of_the_bundled_corpus_survives(bundled_raw):
    for name, raw in bundled_raw.items():
        cleaned = "\n".join(clean_lines(raw))
        for line in raw.splitlines():
            if len(line.strip()) > 200:
                assert line.strip() in cleaned, (name, line[:30])


def test_paragraph_broken_mid_sentence_is_joined():
    lines = (DATA / "reports" / "shangping.txt").read_text(encoding="utf-8").splitlines()
    assert lines[3] == "上坪乡位于永安市东北部,辖" and lines[4].startswith("10个行政村")
    out = clean_lines("\n".join(lines))
    assert out[3] == lines[3] + lines[4]
    assert out[4] == "一、主要做法"


def test_title_author_and_heading_lines_stay_apart():
    lines = (DATA / "reports" / "shangping.txt").read_text(encoding="utf-8").splitlines()
    out = clean_lines("\n".join(lines))
    assert out[:3] == ["第一篇:抓常规攻难点创特色 开创和谐计生新局面",
                       "抓常规攻难点创特色 开创和谐计生新局面",
                       "叶首得(永安市上坪乡党委书记)"]
    assert len(out) == len(lines) - 1  # only the one broken pair was joined


@pytest.mark.parametrize("left,right,joined", [
    ("4、整体推进图书工作,图书馆建", "设实现优质化", True),  # jieba reads 建设 across the break
    ("推进“三项改革”,增强教育创新活", "力", True),
    ("上坪乡位于永安市东北部,辖", "10个行政村46个自然村,总人口6659人。", True),
    ("第六", ",以乡镇卫生院管理年活动为契机,全面提升职工综合素质", True),  # right opens with a comma
    ("抓常规攻难点创特色 开创和谐计生新局面", "叶首得(永安市上坪乡党委书记)", False),
    ("一、主要做法", "1、实施“优质服务”工程,提升群众国策意识。", False),
    ("提高了出生人口素质,保障了广大妇女儿童的身心健康。", "二、工作成效", False),
    ("1.教育局推进“三转”工作情况汇报 篇一", "转职能、转方式、转作风", False),
    ("乡镇关工委工作总结范文1", "我院于底正式启动了乡镇卫生院管理年活动", False),
])
def test_is_broken_pair(left, right, joined):
    assert is_broken_pair(left, right) is joined


def test_joined_lines_in_context():
    text = "3、实验设备上档升类,教学装备实现标准化\n4、整体推进图书工作,图书馆建\n设实现优质化\n我区以图书工作为突破口。"
    assert clean_lines(text) == ["3、实验设备上档升类,教学装备实现标准化", "4、整体推进图书工作,图书馆建设实现优质化",
                                 "我区以图书工作为突破口。"]


def test_characters_are_never_changed(bundled_raw):
    """The output is exactly the kept lines, in order, glued together: nothing inside is rewritten."""
    for name, raw in bundled_raw.items():
        kept = [line.strip() for line in raw.splitlines() if not is_boilerplate(line)]
        assert "".join(clean_lines(raw)) == "".join(kept), name


def test_line_endings_do_not_matter(bundled_raw):
    raw = bundled_raw["000"]
    assert clean_lines(raw.replace("\n", "\r\n")) == clean_lines(raw) == clean_lines(raw.replace("\n", "\r"))


@pytest.mark.parametrize("text", ["", "\n\n  \n", "【精品文档】\n推进义务教育均衡发展所做的工作汇报08-02\n"])
def test_nothing_left(text):
    assert clean_lines(text) == []
