"""`python app.py` end to end through its API (gradio_client): /ask and /feedback.

The app is started as users start it, on a folder with no index yet, so the first-run build
(hash embedder, two bundled reports, a few seconds) is part of what is tested.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from index.settings import DEFAULT_CORPUS_DIR, PROJECT_ROOT
from prompts.ui import ui_text

REPORTS = ("000_d5fddbe05e13bb9f.txt", "001_a684307b764d9ee6.txt")
QUESTION = "上坪乡的婚检率是多少？"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(root: Path, corpus: Path, extra: tuple[str, ...] = ()) -> tuple[subprocess.Popen, str]:
    """Run app.py on a free port; returns the process and its URL once the page answers."""
    port = free_port()
    log = (root / "app.log").open("w")
    cmd = [sys.executable, "app.py", "--port", str(port), "--index-dir", str(root / "index"), "--corpus",
           str(corpus), "--model", "hash", "--feedback-log", str(root / "feedback.jsonl"), *extra]
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app.py exited: {(root / 'app.log').read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"app.py did not start: {(root / 'app.log').read_text()}")


def wait_until_indexed(client, timeout: float = 90) -> None:
    building = ui_text("index_building_chat", "zh")
    deadline = time.monotonic() + timeout
    while client.predict(QUESTION, api_name="/ask")["text"] == building:
        if time.monotonic() > deadline:
            raise TimeoutError("the first-run index build did not finish")
        time.sleep(0.5)


def two_report_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for name in REPORTS:
        shutil.copy(DEFAULT_CORPUS_DIR / name, corpus / name)
    return corpus


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from gradio_client import Client

    root = tmp_path_factory.mktemp("app")
    proc, url = start_app(root, two_report_corpus(root))
    try:
        client = Client(url, verbose=False)
        wait_until_indexed(client)
        yield url, client, root
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_only_ask_and_feedback_are_public_api(app):
    _, client, _ = app
    assert set(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == {"/ask", "/feedback"}


def test_ask_returns_the_cli_json_answer_with_citations(app):
    _, client, root = app
    answer = client.predict(QUESTION, api_name="/ask")
    assert not answer["refused"] and "98%" in answer["text"]
    assert answer["citations"] and answer["citations"][0]["report"] in REPORTS
    assert answer["citations"][0]["quote"] in answer["text"]
    cli = subprocess.run([sys.executable, "-m", "retrieval", "ask", QUESTION, "--json", "--index-dir",
                          str(root / "index")], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert answer == json.loads(cli.stdout)


def test_follow_up_uses_the_history(app):
    _, client, _ = app
    follow_up = client.predict("那人口呢？", [QUESTION], api_name="/ask")
    alone = client.predict("那人口呢？", api_name="/ask")
    assert any("上坪乡" in h["matched_terms"] for h in follow_up["hits"])
    assert not any("上坪乡" in h["matched_terms"] for h in alone["hits"])


def test_empty_and_over_long_questions_get_friendly_answers(app):
    _, client, _ = app
    empty = client.predict("", api_name="/ask")
    assert empty["refused"] and empty["text"].startswith("请输入一个问题")
    long = client.predict(QUESTION * 100, api_name="/ask")
    assert "500" in long["notice"] and len(long["question"]) == 500


def test_feedback_lands_in_the_log(app):
    _, client, root = app
    answer = client.predict(QUESTION, api_name="/ask")
    result = client.predict(QUESTION, "evidence_wrong", "出处应为第二篇", answer, api_name="/feedback")
    assert result["ok"] is True
    rows = [json.loads(line) for line in (root / "feedback.jsonl").read_text(encoding="utf-8").splitlines()]
    row = next(r for r in rows if r["comment"] == "出处应为第二篇")
    assert row["rating"] == "evidence_wrong" and row["answer"] == answer["text"]
    assert row["citations"][0]["quote"] == answer["citations"][0]["quote"]
    assert row["index"]["built_at"] and len(row["index"]["corpus_sha256"]) == 64


def test_feedback_with_a_bad_rating_is_refused(app):
    _, client, _ = app
    with pytest.raises(Exception, match="correct, incorrect, evidence_wrong"):
        client.predict(QUESTION, "great", api_name="/feedback")


def test_two_users_submitting_at_once_lose_no_lines(app):
    from gradio_client import Client

    url, _, root = app
    per_user = 8

    def user(n: int) -> None:
        client = Client(url, verbose=False)
        for i in range(per_user):
            client.predict(QUESTION, "correct", f"user{n}-{i}", api_name="/feedback")

    threads = [threading.Thread(target=user, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    comments = [json.loads(line)["comment"] for line in (root / "feedback.jsonl").read_text().splitlines()]
    assert {f"user{n}-{i}" for n in range(2) for i in range(per_user)} <= set(comments)
