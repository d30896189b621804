"""ui/html.py: quotes highlighted inside escaped text; nothing from a report or question runs as HTML."""
from __future__ import annotations

from index.types import Article, Heading
from ui.html import article_html, esc, highlight, highlight_quote, highlight_spans, highlight_terms, with_markers

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_highlight_marks_the_span_and_escapes_everything_else():
    text = "甲<b>乙</b>丙丁"
    start = text.index("丙")
    assert highlight(text, start, start + 2) == "甲&lt;b&gt;乙&lt;/b&gt;<mark>丙丁</mark>"


def test_highlight_escapes_inside_the_mark_and_clamps_offsets():
    assert highlight("a<b", 0, 99) == "<mark>a&lt;b</mark>"
    assert highlight("abc", 2, 1) == "abc"  # empty span: no mark at all


def test_script_in_a_report_paragraph_is_escaped():
    paragraph = f"前文{EVIL}婚检率达到98%以上。后文"
    out = highlight_quote(paragraph, "婚检率达到98%以上。", None)
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<mark>婚检率达到98%以上。</mark>" in out


def test_highlight_quote_uses_the_offset_then_falls_back_to_searching():
    paragraph = "一二三。一二三。"
    assert highlight_quote(paragraph, "一二三。", 4) == "一二三。<mark>一二三。</mark>"
    assert highlight_quote(paragraph, "一二三。", 2) == "<mark>一二三。</mark>一二三。"  # wrong offset: found
    assert highlight_quote(paragraph, "不在其中", 0) == "<mark>不在其中</mark>"


def test_highlight_quote_cuts_a_long_paragraph_around_the_quote():
    paragraph = "前" * 500 + "引文" + "后" * 500
    out = highlight_quote(paragraph, "引文", 500, context=10)
    assert out == "…" + "前" * 10 + "<mark>引文</mark>" + "后" * 10 + "…"


def test_highlight_terms_marks_literal_terms_without_overlap():
    out = highlight_terms("婚检率<提高>婚检", ("婚检", "婚检率", ""))
    assert out == '<mark class="term">婚检率</mark>&lt;提高&gt;<mark class="term">婚检</mark>'


def test_with_markers_styles_citations_and_escapes_the_answer():
    out = with_markers("甲<i>【1】\n乙【12】")
    assert out == '甲&lt;i&gt;<sup class="cite">【1】</sup><br>乙<sup class="cite">【12】</sup>'


def test_esc_covers_attribute_quotes():
    assert esc('"\'<>&') == "&quot;&#x27;&lt;&gt;&amp;"


def _article() -> Article:
    text = f"标题{EVIL}\n一、主要做法\n全乡婚检率达到98%以上。\n二、工作成效\n成效明显。"
    return Article(report="r.txt", index=0, title=f"标题{EVIL}", text=text,
                   headings=(Heading(text.index("一、"), 1, "一、主要做法"), Heading(text.index("二、"), 1, "二、工作成效")))


def test_article_html_marks_the_quote_anchors_headings_and_escapes():
    article = _article()
    start = article.text.index("全乡")
    out = article_html(article, start, start + len("全乡婚检率达到98%以上。"), id_prefix="t",
                       contents_label="目录")
    assert "<script" not in out and "<img" not in out
    assert "<mark>全乡婚检率达到98%以上。</mark>" in out
    assert f'id="t-sec-{article.headings[0].start}"' in out
    assert f'href="#t-sec-{article.headings[1].start}"' in out
    assert "<strong>二、工作成效</strong>" in out


def test_article_html_marks_a_quote_that_spans_two_paragraphs():
    article = _article()
    start, end = article.text.index("98%"), article.text.index("工作成效")
    out = article_html(article, start, end)
    assert "<mark>98%以上。</mark>" in out and "<mark>二、</mark>" in out


def test_highlight_spans_marks_several_quotes_with_their_markers():
    text = "甲乙丙丁戊己庚辛"
    out = highlight_spans(text, [(4, 6), (0, 2)], labels=["【2】", "【1】"])
    assert out == ('<mark>甲乙</mark><sup class="cite">【1】</sup>丙丁'
                   '<mark>戊己</mark><sup class="cite">【2】</sup>庚辛')


def test_highlight_spans_never_nests_overlapping_quotes():
    out = highlight_spans("甲乙丙丁戊", [(0, 3), (2, 4)])
    assert out == "<mark>甲乙丙</mark><mark>丁</mark>戊"
