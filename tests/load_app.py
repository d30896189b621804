"""A bounded load test of the running app: N simulated users ask through /ask (and rate some answers
through /feedback) for S seconds, each with its own gradio_client; prints latency percentiles and
errors, and checks that the feedback log lost no line.

    python app.py --port 7861 --feedback-log /tmp/load-feedback.jsonl &
    python tests/load_app.py --url http://127.0.0.1:7861/ --users 20 --seconds 60 \
        --feedback-log /tmp/load-feedback.jsonl

Traffic goes to this machine only (127.0.0.1, localhost or ::1; any other host is refused), and every
loop is bounded in time and in count. Exit status 1 when any request failed or a feedback line is missing.
tests/test_hardening_serving.py runs a short form (5 users × 10 s) in CI.
"""
from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_REQUESTS_PER_USER = 5000  # a bound besides time, should a request ever return at once
FEEDBACK_EVERY = 5  # every 5th answer of each user is rated
QUESTIONS = [
    "上坪乡的婚检率是多少？", "各乡镇怎么签订责任书的？", "如何做好留守儿童关爱工作？", "那人口呢？",
    "明溪口镇怎么加强村干部队伍建设？", "What is the premarital check rate in Shangping?", "无毒害县创建工作有哪些措施？",
    "<script>alert(1)</script>", "？？？", "", "流动人口计划生育管理" * 60, "2015年白塘镇的婚检率是多少？",
]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    feedback_sent: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def check_loopback(url: str) -> str:
    host = urlparse(url).hostname or ""
    if host not in LOOPBACK:
        raise SystemExit(f"error: {url} is not on this machine; the load test only targets "
                         f"{', '.join(sorted(LOOPBACK))}")
    return url


def _user(n: int, url: str, deadline: float, run_id: str, tally: Tally) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:  # counted, not raised: one user failing to connect is a finding
        with tally.lock:
            tally.errors.append(f"user {n}: connect: {exc.__class__.__name__}: {exc}")
        return
    history: list[str] = []
    for i in range(MAX_REQUESTS_PER_USER):
        if time.monotonic() >= deadline:
            break
        question = QUESTIONS[(n + i) % len(QUESTIONS)]
        started = time.perf_counter()
        try:
            answer = client.predict(question, history[-3:], api_name="/ask")
            if not isinstance(answer, dict) or not answer.get("text"):
                raise ValueError(f"unexpected answer {answer!r:.200}")
            latency = time.perf_counter() - started
            comment = ""
            if i % FEEDBACK_EVERY == 0:
                comment = f"load {run_id} user{n}-{i}"
                client.predict(question, "correct", comment, answer, history[-3:], api_name="/feedback")
        except Exception as exc:
            with tally.lock:
                tally.errors.append(f"user {n} request {i}: {exc.__class__.__name__}: {exc}"[:300])
            continue
        history.append(question)
        with tally.lock:
            tally.latencies.append(latency)
            if comment:
                tally.feedback_sent.append(comment)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def lost_feedback(log: Path, sent: list[str], run_id: str) -> list[str]:
    """Comments sent in this run that are not on a line of `log` (every line must also parse)."""
    found = set()
    for line in log.read_text(encoding="utf-8").splitlines():
        comment = json.loads(line).get("comment", "")
        if run_id in comment:
            found.add(comment)
    return sorted(set(sent) - found)


def run(url: str, users: int, seconds: float, feedback_log: Path | None = None) -> dict:
    """Drive `users` concurrent users for `seconds`; returns the figures (latencies in milliseconds)."""
    check_loopback(url)
    run_id, tally = uuid.uuid4().hex[:8], Tally()
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=_user, args=(n, url, deadline, run_id, tally), daemon=True)
               for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)  # a request in flight at the deadline may still finish
    elapsed = time.monotonic() - started
    ms = [x * 1000 for x in tally.latencies]
    report = {"users": users, "seconds": round(elapsed, 1), "requests": len(ms), "errors": len(tally.errors),
              "error_samples": tally.errors[:5], "throughput_rps": round(len(ms) / elapsed, 2),
              "latency_ms": {"p50": round(percentile(ms, 0.50), 1), "p95": round(percentile(ms, 0.95), 1),
                             "max": round(max(ms), 1) if ms else None},
              "feedback_sent": len(tally.feedback_sent), "threads_still_running": sum(t.is_alive() for t in threads)}
    if feedback_log is not None:
        report["feedback_lost"] = len(lost_feedback(feedback_log, tally.feedback_sent, run_id))
    return report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python tests/load_app.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--url", default="http://127.0.0.1:7860/")
    p.add_argument("--users", type=int, default=20)
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--feedback-log", type=Path, help="the app's --feedback-log, to check that no line was lost")
    args = p.parse_args(argv)
    if not (1 <= args.users <= 200 and 0 < args.seconds <= 600):
        p.error("--users must be 1-200 and --seconds at most 600")
    report = run(check_loopback(args.url), args.users, args.seconds, args.feedback_log)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 1 if report["errors"] or report.get("feedback_lost") or report["threads_still_running"] else 0


if __name__ == "__main__":
    sys.exit(main())
