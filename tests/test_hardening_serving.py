"""Hardening of the served app: /ask fuzzed through gradio_client, Gradio's file routes probed for
path traversal, the optional login, the queue settings, a short load test, and the feedback log
under concurrent writers (RELIABILITY.md). Apps are launched in this process on 127.0.0.1 only."""
from __future__ import annotations

import http.client
import json
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import AUTH_ENV, CONCURRENCY, QUEUE_SIZE, create_app, launch_kwargs, parse_auth
from index.build import build_index
from index.settings import PROJECT_ROOT, IndexSettings
from retrieval.query import MAX_QUESTION_CHARS
from tests import load_app
from tests.test_app_api import free_port
from tests.test_hardening_questions import QUESTIONS
from ui.feedback import append_jsonl

EXCERPTS = Path(__file__).parent / "data" / "reports"
QUESTION = "上坪乡的婚检率是多少？"
LOGIN = ("reader", "s3cret:with-colon")


def _serve(root: Path, auth=None):
    index_dir = root / "index"
    if not index_dir.exists():
        build_index(IndexSettings(corpus_dir=EXCERPTS, index_dir=index_dir, model="hash"), progress=False,
                    log=lambda _: None)
    feedback = root / "feedback.jsonl"
    demo = create_app(index_dir, EXCERPTS, feedback, model="hash")
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                **launch_kwargs(auth, (index_dir, EXCERPTS, feedback)))
    return demo, port


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(port, root, client, Blocks) of an app over the excerpt index, without a login."""
    from gradio_client import Client

    root = tmp_path_factory.mktemp("served")
    demo, port = _serve(root)
    try:
        yield port, root, Client(f"http://127.0.0.1:{port}/", verbose=False), demo
    finally:
        demo.close()


@pytest.fixture(scope="module")
def served_with_login(tmp_path_factory):
    root = tmp_path_factory.mktemp("login")
    demo, port = _serve(root, auth=LOGIN)
    try:
        yield port
    finally:
        demo.close()


def _get(port: int, path: str) -> tuple[int, bytes]:
    """GET `path` as written (http.client sends it without normalising `..` or %-escapes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# --- questions through the API ----------------------------------------------------------------

@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=QUESTIONS.filter(lambda q: not any("\ud800" <= c <= "\udfff" for c in q)))
def test_any_question_through_ask_gets_an_answer(served, question):
    answer = served[2].predict(question, api_name="/ask")
    assert answer["text"] and len(answer["question"]) <= MAX_QUESTION_CHARS


def _call(port: int, api: str, data: list) -> tuple[str, object]:
    """Call a named endpoint with a raw JSON payload (gradio_client cannot send a lone surrogate);
    returns the last server-sent event's name and data."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", f"/gradio_api/call/{api}", json.dumps({"data": data}),  # ASCII: "\\ud800" escapes
                     {"Content-Type": "application/json"})
        event_id = json.loads(conn.getresponse().read())["event_id"]
        conn.request("GET", f"/gradio_api/call/{api}/{event_id}")
        lines = conn.getresponse().read().decode("utf-8").splitlines()
    finally:
        conn.close()
    event = [line[7:] for line in lines if line.startswith("event: ")][-1]
    payload = [line[6:] for line in lines if line.startswith("data: ")][-1]
    return event, json.loads(payload)


@pytest.mark.parametrize("data", [
    ["\ud800上坪乡的婚检率是多少？\udfff", []],  # lone surrogates, as JSON's "\ud800" decodes
    ["那人口呢？", [None, 42, {"x": 1}, "上坪乡" * 50_000]],
    [12345, "not a list"],
    ["x" * 100_000, ["y" * 100_000] * 20],
    ["<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))", []],
], ids=["surrogates", "odd-history", "not-text", "huge", "markup"])
def test_odd_payloads_through_ask_get_an_answer(served, data):
    event, result = _call(served[0], "ask", data)
    assert event == "complete"
    answer = result[0]
    assert answer["text"] and len(answer["question"]) <= MAX_QUESTION_CHARS
    assert not any("\ud800" <= c <= "\udfff" for c in answer["question"])


# --- files Gradio might serve -----------------------------------------------------------------

def _traversal_paths(root: Path) -> list[str]:
    secrets = ["/etc/passwd", str(PROJECT_ROOT / "app.py"), str(root / "index" / "manifest.json"),
               str(root / "feedback.jsonl"), str(EXCERPTS / "shangping.txt"), "/proc/self/environ"]
    paths = ["/file=/etc/passwd", "/file/../../etc/passwd", "/gradio_api/file=../../etc/passwd",
             "/gradio_api/file=..%2F..%2F..%2Fetc%2Fpasswd", "/gradio_api/file=%2Fetc%2Fpasswd",
             "/gradio_api/file=%252Fetc%252Fpasswd", "/gradio_api/file=/tmp/gradio/../../etc/passwd",
             "/gradio_api/file=//etc/passwd", "/gradio_api/file/..%2F..%2Fetc%2Fpasswd",
             "/gradio_api/file=file:///etc/passwd", "/gradio_api/file=/etc/passwd%00.png",
             "/static/../../../../etc/passwd", "/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd"]
    for secret in secrets:
        paths += [f"/gradio_api/file={secret}", f"/gradio_api/file={quote(secret, safe='')}"]
    return paths


def test_no_file_outside_the_apps_own_is_served(served):
    port, root = served[:2]
    (root / "feedback.jsonl").write_text('{"comment": "private"}\n', encoding="utf-8")
    for path in _traversal_paths(root):
        status, body = _get(port, path)
        assert status in (403, 404), path
        assert b"root:" not in body and b"private" not in body and b"format_version" not in body, path


def test_the_file_route_does_not_fetch_urls_on_this_machine(served):
    port = served[0]
    status, body = _get(port, f"/gradio_api/file=http://127.0.0.1:{port}/config")
    assert status == 403 and b"components" not in body


def test_monitoring_is_off(served):
    assert _get(served[0], "/monitoring/summary")[0] == 403


def test_uploads_are_bounded(served):
    port = served[0]
    body = (b"--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n"
            b"Content-Type: text/plain\r\n\r\n" + b"a" * (2 * 2**20) + b"\r\n--x--\r\n")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("POST", "/gradio_api/upload", body, {"Content-Type": "multipart/form-data; boundary=x"})
    assert conn.getresponse().status == 413
    conn.close()


# --- login ------------------------------------------------------------------------------------

def test_login_is_required_when_set(served_with_login):
    from gradio_client import Client

    url = f"http://127.0.0.1:{served_with_login}/"
    assert _get(served_with_login, "/config")[0] == 401
    assert _get(served_with_login, "/gradio_api/file=/etc/passwd")[0] in (401, 403)
    with pytest.raises(Exception):
        Client(url, verbose=False)
    with pytest.raises(Exception):
        Client(url, auth=(LOGIN[0], "wrong"), verbose=False)
    answer = Client(url, auth=LOGIN, verbose=False).predict(QUESTION, api_name="/ask")
    assert "98%" in answer["text"]


class LaunchRecorder:
    """Stands in for the Blocks that create_app returns: records what main() would launch it with."""

    def __init__(self, *args, **kwargs):
        self.launched: dict = {}
        LaunchRecorder.last = self

    def launch(self, **kwargs):
        self.launched = kwargs


def test_login_from_the_flag_or_the_environment(monkeypatch):
    import app

    assert parse_auth("reader:s3cret:with-colon") == LOGIN
    assert parse_auth("") is None and parse_auth(None) is None
    for bad in ("reader", "reader:", ":pw"):
        with pytest.raises(ValueError, match="user:password"):
            parse_auth(bad)
    monkeypatch.setattr(app, "create_app", LaunchRecorder)
    monkeypatch.delenv(AUTH_ENV, raising=False)
    assert app.main(["--port", "1"]) == 0
    assert LaunchRecorder.last.launched["auth"] is None and LaunchRecorder.last.launched["server_name"] == "127.0.0.1"
    monkeypatch.setenv(AUTH_ENV, "env-user:env-pw")
    assert app.main(["--port", "1"]) == 0 and LaunchRecorder.last.launched["auth"] == ("env-user", "env-pw")
    assert app.main(["--port", "1", "--auth", "flag-user:flag-pw"]) == 0
    assert LaunchRecorder.last.launched["auth"] == ("flag-user", "flag-pw")
    monkeypatch.setenv(AUTH_ENV, "no-password")
    assert app.main(["--port", "1"]) == 2


def test_serving_settings_are_deliberate():
    kwargs = launch_kwargs(None, (Path("var/index"),))
    assert kwargs["allowed_paths"] == [] and str(PROJECT_ROOT) in kwargs["blocked_paths"]
    assert str(Path("var/index").resolve()) in kwargs["blocked_paths"]
    assert kwargs["share"] is False and kwargs["enable_monitoring"] is False and kwargs["mcp_server"] is False
    assert kwargs["max_file_size"] == "1mb"


def test_queue_and_chat_settings_are_deliberate(served):
    demo = served[3]
    assert (demo._queue.default_concurrency_limit, demo._queue.max_size) == (CONCURRENCY, QUEUE_SIZE) == (4, 64)
    chatbot = next(c for c in served[2].config["components"] if c.get("props", {}).get("elem_id") == "chatbot")
    props = chatbot["props"]
    assert props["sanitize_html"] is True and props["allow_tags"] is False and props["latex_delimiters"] == []
    # /ask and the chat's three ways to send share one group of CONCURRENCY, not CONCURRENCY each
    answering = [fn for fn in demo.fns.values() if fn.concurrency_id == "answer"]
    assert sorted(fn.name for fn in answering) == ["api_ask", "respond", "respond", "respond"]
    assert {fn.concurrency_limit for fn in answering} == {"default"}


# --- load and the feedback log ----------------------------------------------------------------

def test_five_users_for_ten_seconds(served):
    """The CI form of the load test (the full one: 20 users × 60 s, figures in RELIABILITY.md)."""
    port, root = served[:2]
    report = load_app.run(f"http://127.0.0.1:{port}/", users=5, seconds=10, feedback_log=root / "feedback.jsonl")
    assert report["errors"] == 0, report["error_samples"]
    assert report["requests"] >= 25 and report["feedback_sent"] >= 5 and report["feedback_lost"] == 0
    assert report["threads_still_running"] == 0


def test_the_load_test_only_targets_this_machine():
    with pytest.raises(SystemExit, match="not on this machine"):
        load_app.check_loopback("http://example.com:7860/")
    load_app.check_loopback("http://127.0.0.1:7860/")


def _record(writer: int, i: int) -> dict:
    # 70 KB lines: far over PIPE_BUF, so only the lock keeps two writers' bytes apart
    return {"writer": writer, "i": i, "comment": "评" * 24_000, "odd": "\ud800"}


APPEND_MANY = """
import sys
from pathlib import Path
from ui.feedback import append_jsonl
for i in range(int(sys.argv[3])):
    append_jsonl(Path(sys.argv[1]), {"writer": int(sys.argv[2]), "i": i, "comment": "评" * 24_000, "odd": "\\ud800"})
"""  # the same records as _record, written from another process


def _append_many(log: Path, writer: int, n: int) -> None:
    for i in range(n):
        append_jsonl(log, _record(writer, i))


def test_feedback_log_loses_no_line_under_concurrent_processes_and_threads(tmp_path):
    """Four processes (as separate app processes would) and four threads (one app's handlers) append at once."""
    log = tmp_path / "feedback.jsonl"
    per_writer = 40
    procs = [subprocess.Popen([sys.executable, "-c", APPEND_MANY, str(log), str(w), str(per_writer)], cwd=PROJECT_ROOT)
             for w in range(4)]
    threads = [threading.Thread(target=_append_many, args=(log, 10 + w, per_writer)) for w in range(4)]
    for t in threads:
        t.start()
    for p in procs:
        assert p.wait(timeout=60) == 0
    for t in threads:
        t.join(timeout=60)
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 8 * per_writer
    assert {(r["writer"], r["i"]) for r in rows} == {(w, i) for w in (0, 1, 2, 3, 10, 11, 12, 13)
                                                     for i in range(per_writer)}
    assert all(r["odd"] == "?" and len(r["comment"]) == 24_000 for r in rows)
