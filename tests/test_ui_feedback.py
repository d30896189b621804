"""ui/feedback.py: one JSON line per rating, nothing lost or interleaved under concurrent writers."""
from __future__ import annotations

import json
import multiprocessing
import threading
from pathlib import Path

import pytest

from ui.feedback import append_jsonl, feedback_record, validate_rating

ANSWER = {
    "question": "上坪乡的婚检率是多少？", "text": "全乡婚检率达到98%以上。【1】", "refused": False, "confidence": 0.7,
    "citations": [{"marker": 1, "report": "000.txt", "article_index": 0, "article_title": "第一篇", "section_path":
                   ["一、主要做法"], "start": 10, "end": 24, "quote": "全乡婚检率达到98%以上。", "paragraph": "…"}],
}
MANIFEST = {"built_at": "2026-01-01T00:00:00+00:00", "model": {"name": "hash"}, "corpus": {"sha256": "abc"}}


def test_record_holds_question_answer_citations_settings_and_index_version():
    r = feedback_record(ANSWER, "evidence_wrong", "  出处不对 ", {"k": 10}, MANIFEST, history=["前一个问题"])
    assert r["rating"] == "evidence_wrong" and r["comment"] == "出处不对"
    assert r["question"] == ANSWER["question"] and r["answer"] == ANSWER["text"]
    assert r["citations"][0]["quote"] == "全乡婚检率达到98%以上。" and "paragraph" not in r["citations"][0]
    assert r["settings"] == {"k": 10} and r["history"] == ["前一个问题"]
    assert r["index"] == {"built_at": MANIFEST["built_at"], "model": "hash", "corpus_sha256": "abc"}
    assert r["time"].endswith("+00:00")


def test_bad_rating_names_the_choices():
    with pytest.raises(ValueError, match="correct, incorrect, evidence_wrong"):
        validate_rating("great")


def test_append_creates_the_folder_and_appends_lines(tmp_path: Path):
    log = tmp_path / "sub" / "feedback.jsonl"
    append_jsonl(log, {"n": 1, "text": "中文"})
    append_jsonl(log, {"n": 2})
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["n"] for line in lines] == [1, 2]
    assert "中文" in lines[0]  # readable, not \u escapes


def _writer(path: str, worker: int, n: int) -> None:
    for i in range(n):
        # Lines far larger than a pipe buffer or a page, so an unlocked, split write would show.
        append_jsonl(Path(path), {"worker": worker, "i": i, "pad": "报" * 20000})


def test_concurrent_processes_and_threads_lose_and_mangle_no_line(tmp_path: Path):
    log = tmp_path / "feedback.jsonl"
    procs = [multiprocessing.get_context("fork").Process(target=_writer, args=(str(log), w, 25)) for w in range(4)]
    threads = [threading.Thread(target=_writer, args=(str(log), 10 + w, 25)) for w in range(4)]
    for t in procs + threads:
        t.start()
    for t in procs + threads:
        t.join()
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 8 * 25
    assert {(r["worker"], r["i"]) for r in rows} == {(w, i) for w in (0, 1, 2, 3, 10, 11, 12, 13) for i in range(25)}
