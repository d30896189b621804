"""ui/export.py: a conversation as Markdown, with every citation's place and quoted words."""
from __future__ import annotations

from datetime import datetime, timezone

from tests.test_ui_sources import EVIL, QUOTE, make_answer
from ui.conversation import Turn
from ui.export import conversation_markdown, md_text, write_export

MANIFEST = {"built_at": "2026-01-01T00:00:00+00:00", "corpus": {"sha256": "0123456789abcdef"}}
NOW = datetime(2026, 2, 3, 4, 5, 6, tzinfo=timezone.utc)


def test_markdown_holds_questions_answers_and_citations():
    turns = [Turn("上坪乡的婚检率是多少？", make_answer()), Turn("那人口呢", make_answer(refused=True))]
    md = conversation_markdown(turns, MANIFEST, now=NOW)
    assert md.startswith("# 报告问答 · 对话记录\n")
    assert "2026-02-03T04:05:06+00:00" in md and "2026-01-01T00:00:00+00:00" in md and "0123456789ab" in md
    assert "## 问题 1: 上坪乡的婚检率是多少？" in md and "## 问题 2: 那人口呢" in md
    assert f"{QUOTE}【1】" in md
    assert "**来源**" in md and "**最接近的段落**" in md
    assert "第一篇&lt;script&gt;" in md and "一、主要做法" in md
    assert f"> {QUOTE}" in md
    start = 100 + len("三是坚持健康服务为要") + len(EVIL) + 1
    assert f"文中位置 {start}–{start + len(QUOTE)}" in md
    assert "<script" not in md


def test_english_conversation_is_framed_in_english():
    md = conversation_markdown([Turn("How?", make_answer(lang="en", question="How?"))], MANIFEST, now=NOW)
    assert "# Report Q&A · conversation" in md and "## Question 1: How?" in md and "**Sources**" in md


def test_md_text_makes_markdown_and_html_inert():
    assert md_text("**粗** #1 <b>x</b> [a](b)") == r"\*\*粗\*\* \#1 &lt;b&gt;x&lt;/b&gt; \[a\](b)"


def test_write_export_writes_a_file_or_nothing(tmp_path):
    assert write_export([], MANIFEST, tmp_path) is None
    path = write_export([Turn("问", make_answer())], MANIFEST, tmp_path)
    assert path.parent == tmp_path and path.suffix == ".md" and "【1】" in path.read_text(encoding="utf-8")
