"""Tests for `python -m retrieval ask`: text and JSON output, exit codes, and the message for a missing index."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from index.store import load_index
from prompts import text as say
from retrieval.__main__ import main

QUESTION = "上坪乡的婚检率是多少？"


def ask(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["ask", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_has_the_answer_and_its_citation_line(capsys, excerpt_hash_index):
    code, out, err = ask(capsys, QUESTION, "--index-dir", str(excerpt_hash_index))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert "98%" in lines[0] and lines[0].endswith("【1】")
    citation = [line for line in lines if line.startswith("【1】")]
    assert len(citation) == 1
    assert re.fullmatch(r"【1】shangping\.txt · 第一篇:抓常规攻难点创特色 开创和谐计生新局面 · 一、主要做法 > .+ \[\d+:\d+\]",
                        citation[0])


def test_json_output_is_the_structured_answer(capsys, excerpt_hash_index):
    code, out, _ = ask(capsys, QUESTION, "--index-dir", str(excerpt_hash_index), "--json")
    assert code == 0
    data = json.loads(out)
    assert {"question", "text", "citations", "refused", "confidence", "hits", "sentences", "lang"} <= set(data)
    assert data["question"] == QUESTION and data["refused"] is False and data["lang"] == "zh"
    assert isinstance(data["confidence"], float) and 0.0 <= data["confidence"] <= 1.0
    assert data["citations"] and data["hits"]
    articles = load_index(excerpt_hash_index).articles
    for c in data["citations"]:
        assert {"report", "article_title", "section_path", "start", "end", "quote"} <= set(c)
        assert isinstance(c["section_path"], list)
        assert articles[f"{c['report']}#{c['article_index']}"].text[c["start"]:c["end"]] == c["quote"]
        assert f"{c['quote']}【{c['marker']}】" in data["text"]
    assert data["hits"][0]["rank"] == 1 and "婚检率达到98%" in data["hits"][0]["chunk"]["text"]


def test_refusal_exits_zero(capsys, excerpt_hash_index):
    code, out, _ = ask(capsys, "？？？", "--index-dir", str(excerpt_hash_index))
    assert code == 0 and out.strip() == say("no_content_question", "zh")
    code, out, _ = ask(capsys, "？？？", "--index-dir", str(excerpt_hash_index), "--json")
    assert code == 0 and json.loads(out)["refused"] is True


def test_report_filter_history_and_mode(capsys, excerpt_hash_index):
    code, out, _ = ask(capsys, "计生工作是怎么做的？", "--index-dir", str(excerpt_hash_index), "--json",
                       "--report", "mingxikou.txt", "--mode", "bm25", "--k", "3")
    hits = json.loads(out)["hits"]
    assert code == 0 and 1 <= len(hits) <= 3 and {h["chunk"]["report"] for h in hits} == {"mingxikou.txt"}
    assert all(h["dense_score"] == 0.0 for h in hits)
    code, out, _ = ask(capsys, "那明溪口镇呢？", "--history", "上坪乡的总人口是多少？", "--index-dir",
                       str(excerpt_hash_index), "--json")
    assert code == 0 and json.loads(out)["hits"][0]["chunk"]["report"] == "mingxikou.txt"


def test_missing_index_exits_2_and_names_the_build_command(capsys, tmp_path):
    code, out, err = ask(capsys, QUESTION, "--index-dir", str(tmp_path / "no-index"))
    assert code == 2 and out == ""
    assert "python -m index build" in err and str(tmp_path / "no-index") in err


def test_broken_index_exits_2(capsys, tmp_path, excerpt_hash_index):
    broken = tmp_path / "index"
    shutil.copytree(excerpt_hash_index, broken)
    (broken / "chunks.jsonl").write_text('{"not": "a chunk"', encoding="utf-8")
    code, _, err = ask(capsys, QUESTION, "--index-dir", str(broken))
    assert code == 2 and "damaged" in err and "python -m index build" in err


def test_bad_arguments_exit_2(capsys, excerpt_hash_index):
    with pytest.raises(SystemExit) as exc:
        main(["ask", QUESTION, "--index-dir", str(excerpt_hash_index), "--mode", "fuzzy"])
    assert exc.value.code == 2 and "invalid choice: 'fuzzy'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2
