"""App benchmark: `python app.py` cold start to the first answer over /ask, then serving the
questions through the API, with the server process's peak resident memory (VmHWM)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from eval.bench_proc import percentiles, proc_memory_mb
from index.settings import PROJECT_ROOT

START_TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _first_answer(proc: subprocess.Popen, url: str, question: str, building: str, deadline: float):
    """Poll /ask until the app gives a real answer; returns (client, answer, seconds the page took)."""
    from gradio_client import Client

    page_s = None
    client = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app.py exited with {proc.returncode} before answering")
        try:
            if client is None:
                client = Client(url, verbose=False)
                page_s = time.monotonic()
            answer = client.predict(question, api_name="/ask")
            if answer.get("text") != building:
                return client, answer, page_s
        except Exception:  # not listening yet, or still starting its queue
            pass
        time.sleep(0.1)
    raise TimeoutError(f"app.py gave no answer within {START_TIMEOUT:.0f}s")


def app_run(index_dir: Path, corpus: Path, model: str, questions: list[str], serve: bool) -> dict:
    """Start the app on a free port, time it to the first answer; with `serve`, ask every question
    through /ask and read the server's peak memory. The server is stopped before returning."""
    import gradio_client  # noqa: F401  imported before the clock starts: the client is not the app
    from prompts.ui import ui_text

    building = ui_text("index_building_chat", "zh")
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "app.py", "--port", str(port), "--index-dir", str(index_dir), "--corpus", str(corpus),
               "--model", model, "--feedback-log", str(Path(tmp) / "feedback.jsonl")]
        log_path = Path(tmp) / "app.log"
        with log_path.open("w") as log:
            start = time.monotonic()
            proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
                                    env={**os.environ, "PYTHONUNBUFFERED": "1"})
            try:
                client, answer, page_at = _first_answer(proc, f"http://127.0.0.1:{port}/", questions[0], building,
                                                        start + START_TIMEOUT)
                out = {"cold_start_s": time.monotonic() - start, "page_s": page_at - start,
                       "first_answer_refused": bool(answer.get("refused")),
                       "after_first_answer_mb": proc_memory_mb(proc.pid)}
                if serve:
                    ms = []
                    for q in questions:
                        t = time.perf_counter()
                        client.predict(q, api_name="/ask")
                        ms.append((time.perf_counter() - t) * 1000)
                    out["api_ms"] = percentiles(ms)
                    out["serve_memory_mb"] = proc_memory_mb(proc.pid)
                return out
            except Exception as exc:
                raise RuntimeError(f"{exc}; app log ends:\n{log_path.read_text()[-2000:]}") from exc
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def measure_app(index_dir: Path, corpus: Path, model: str, questions: list[str], repeats: int,
                log: Callable[[str], None] = print) -> dict:
    """Median cold start to first answer over `repeats` starts; the last start also serves every
    question through /ask (API latency, including HTTP and Gradio's queue) for the serving memory."""
    import statistics

    runs = [app_run(index_dir, corpus, model, questions, serve=(r == repeats - 1)) for r in range(repeats)]
    for r, run in enumerate(runs):
        log(f"  app start {r + 1}/{repeats}: first answer after {run['cold_start_s']:.1f}s")
    last = runs[-1]
    return {
        "cold_start_s": round(statistics.median(r["cold_start_s"] for r in runs), 2),
        "page_s": round(statistics.median(r["page_s"] for r in runs), 2),
        "cold_start_runs": [round(r["cold_start_s"], 2) for r in runs],
        "first_answer_refused": last["first_answer_refused"],
        "api_ms": last["api_ms"],
        "serve_peak_rss_mb": round(last["serve_memory_mb"]["hwm_mb"], 1),
        "serve_rss_mb": last["serve_memory_mb"]["rss_mb"], "serve_anon_mb": last["serve_memory_mb"].get("anon_mb"),
        "first_answer_rss_mb": last["after_first_answer_mb"]["rss_mb"],
    }
