"""ui/sources.py and ui/conversation.py: chat bubbles and the sources panel, escaped and explained."""
from __future__ import annotations

from dataclasses import replace

from index.types import Chunk
from retrieval.types import Answer, Citation, Hit
from ui.conversation import Turn, chat_messages, history_of, turn_at_message
from ui.sources import answer_message, question_message, source_choices, sources_html

EVIL = "<script>alert(1)</script>"
PARAGRAPH = f"三是坚持健康服务为要{EVIL}。经过努力,近年全乡婚检率达到98%以上。"
QUOTE = "经过努力,近年全乡婚检率达到98%以上。"


def make_answer(refused: bool = False, lang: str = "zh", question: str = "上坪乡的婚检率是多少？") -> Answer:
    chunk = Chunk(id="c1", report=f"r{EVIL}.txt", article_index=0, article_title=f"第一篇{EVIL}",
                  section_path=("一、主要做法",), start=100, end=100 + len(PARAGRAPH), text=PARAGRAPH)
    hit = Hit(chunk=chunk, rank=1, score=0.86, bm25_score=8.24, dense_score=0.872, matched_terms=("婚检", "婚检率"))
    other = Hit(chunk=Chunk(id="c2", report="r.txt", article_index=1, article_title="第二篇", section_path=(),
                            start=0, end=6, text="其他的段落内容"), rank=2, score=0.2)
    start = 100 + PARAGRAPH.index(QUOTE)
    citation = Citation(marker=1, chunk_id="c1", report=chunk.report, article_index=0,
                        article_title=chunk.article_title, section_path=chunk.section_path, start=start,
                        end=start + len(QUOTE), quote=QUOTE, paragraph=PARAGRAPH, paragraph_start=100,
                        also_in=("r2.txt#3",))
    return Answer(question=question, text=f"{QUOTE}【1】", citations=[citation], refused=refused,
                  confidence=0.7, hits=[hit, other], lang=lang)


def test_answer_bubble_keeps_markers_and_escapes_report_text():
    answer = make_answer()
    answer.text = f"甲{EVIL} **粗** 【1】"
    out = answer_message(answer)
    assert out.startswith('<div class="answer">') and "\n\n" not in out
    assert "<script" not in out and "&lt;script&gt;" in out
    assert '<sup class="cite">【1】</sup>' in out and "**粗**" in out


def test_question_bubble_escapes_the_question():
    assert question_message(f"问{EVIL}") == '<div class="question">问&lt;script&gt;alert(1)&lt;/script&gt;</div>'


def test_sources_panel_marks_the_quote_in_its_paragraph_and_escapes():
    out = sources_html(make_answer(), passages_shown=5, show_scores=False)
    assert "<script" not in out
    assert f"<mark>{QUOTE}</mark>" in out
    assert "第一篇&lt;script&gt;" in out and "一、主要做法" in out and "r2.txt#3" in out
    assert "为什么是这一段" not in out  # scores only when asked for
    assert "检索到的段落 (2)" in out and "引用为【1】" in out


def test_quotes_from_one_paragraph_share_a_card():
    answer = make_answer()
    first = answer.citations[0]
    second_quote = "三是坚持健康服务为要"
    answer.citations.append(replace(first, marker=2, start=100, end=100 + len(second_quote), quote=second_quote))
    out = sources_html(answer)
    assert out.count('class="source"') == 1 and "【1】【2】" in out
    assert f'<mark>{second_quote}</mark><sup class="cite">【2】</sup>' in out
    assert f'<mark>{QUOTE}</mark><sup class="cite">【1】</sup>' in out


def test_scores_explain_why_a_passage_was_found():
    out = sources_html(make_answer(), passages_shown=1, show_scores=True)
    assert "为什么是这一段" in out and "婚检、婚检率" in out
    assert "8.24" in out and "0.872" in out and "0.86" in out
    assert "检索到的段落 (1)" in out


def test_refusal_panel_says_closest_passages_in_the_question_language():
    out = sources_html(make_answer(refused=True, lang="en"), passages_shown=0)
    assert "Closest passages (the reports do not answer this)" in out
    assert 'mark class="near"' in out and "Retrieved passages" not in out


def test_empty_panel_and_source_choices():
    assert "提问后" in sources_html(None)
    assert source_choices(None) == []
    label, value = source_choices(make_answer())[0]
    assert value == "1" and label.startswith("【1】第一篇") and "一、主要做法" in label


def test_conversation_history_messages_and_clicked_turn():
    turns = [Turn("第一问", make_answer()), Turn("  ", make_answer()), Turn("那第二问呢", make_answer())]
    assert history_of(turns) == ["第一问", "那第二问呢"]
    messages = chat_messages(turns)
    assert [m["role"] for m in messages] == ["user", "assistant"] * 3
    assert turn_at_message(turns, 3) == 1 and turn_at_message(turns, [4, 0]) == 2
    assert turn_at_message(turns, 6) is None and turn_at_message(turns, None) is None
