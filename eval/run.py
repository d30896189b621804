"""Run a question set through search and the answer composer, score it, and write the run folder:
metrics.json, results.jsonl, report.md and PNG plots."""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from eval.aggregate import aggregate, recall_curve
from eval.plots import write_plots
from eval.qa import QAItem
from eval.report import headline_table, render_report
from eval.scoring import QuestionResult, score_question
from retrieval import answer as answer_module
from retrieval.pipeline import Pipeline

METRICS_FILE = "metrics.json"
RESULTS_FILE = "results.jsonl"
REPORT_FILE = "report.md"


def composer_version() -> tuple[str, bool]:
    """(name of the answer composer, whether it is the top-passage placeholder)."""
    version = getattr(answer_module, "COMPOSER_VERSION", None)
    return (f"retrieval.answer v{version}", False) if version is not None else ("placeholder (top passage)", True)


def _answer_one(pipeline: Pipeline, question: str, k: int):
    """Question in → answer out, timed as the user would wait for it."""
    start = time.perf_counter()
    answer = pipeline.ask(question, k=k)
    return answer.hits, answer, (time.perf_counter() - start) * 1000.0


def answer_all(qa_items: Sequence[QAItem], pipeline: Pipeline, k: int) -> list[QuestionResult]:
    """Search, answer and score every question; one untimed warm-up query first (model load, caches)."""
    _answer_one(pipeline, "warm-up: " + qa_items[0].question, k)
    articles = pipeline.searcher.index.articles
    results = []
    for item in qa_items:
        hits, answer, ms = _answer_one(pipeline, item.question, k)
        results.append(score_question(item, hits, answer, articles, ms))
    return results


def run_config(pipeline: Pipeline, k: int, qa_path: Path | str | None) -> dict:
    return {**asdict(pipeline.searcher.settings), **asdict(pipeline.composer.settings), "k": k,
            "qa_file": str(qa_path) if qa_path else None, "composer": composer_version()[0],
            "index_dir": str(pipeline.searcher.index.path),
            "store": _store(pipeline)}


def _store(pipeline: Pipeline) -> dict:
    backend = getattr(pipeline.searcher, "backend", None)
    return backend.describe() if backend is not None else {"kind": "faiss"}


def write_run(out_dir: Path, m: dict, results: Sequence[QuestionResult]) -> None:
    """Write metrics.json, results.jsonl, report.md and the plots into `out_dir` (created if needed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / METRICS_FILE).write_text(json.dumps(m, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with (out_dir / RESULTS_FILE).open("w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    (out_dir / REPORT_FILE).write_text(render_report(m, results, composer_version()[1]) + "\n", encoding="utf-8")
    write_plots(recall_curve(results), m["by_type"], out_dir, label=m["config"]["mode"])


def run_eval(qa_items: Sequence[QAItem], pipeline: Pipeline, out_dir: Path, k: int = 10,
             qa_path: Path | str | None = None, log: Callable[[str], None] = print) -> dict:
    """Evaluate `qa_items` with `pipeline` (search + answer composer); write the run to `out_dir`.

    `k` hits are retrieved per question (recall@10 and mrr@10 see only these when k < 10).
    Returns the metrics (the content of metrics.json) and logs the headline table.
    Raises ValueError for an empty question list or k < 1.
    """
    if not qa_items:
        raise ValueError("no questions to evaluate; pass a QA file with at least one line")
    if k < 1:
        raise ValueError(f"k {k} must be at least 1")
    results = answer_all(qa_items, pipeline, k)
    manifest = pipeline.searcher.index.manifest
    m = {**aggregate(results), "config": run_config(pipeline, k, qa_path),
         "index": {"model": manifest["model"]["name"], "corpus_sha256": manifest["corpus"]["sha256"]}}
    out_dir = Path(out_dir)
    write_run(out_dir, m, results)
    log(headline_table(m))
    if composer_version()[1]:
        log("note: the answer composer is the placeholder; answer metrics come from the top passage")
    log(f"run written to {out_dir} ({METRICS_FILE}, {RESULTS_FILE}, {REPORT_FILE}, plots)")
    return m


def load_run(run_dir: Path) -> tuple[dict, list[QuestionResult]]:
    """Read back a run folder's metrics and per-question results.

    Raises FileNotFoundError naming the missing file and how to make it.
    """
    run_dir = Path(run_dir)
    for name in (METRICS_FILE, RESULTS_FILE):
        if not (run_dir / name).is_file():
            raise FileNotFoundError(f"{run_dir / name} does not exist; make the run with "
                                    f"`python -m eval run --qa FILE --out {run_dir}`")
    m = json.loads((run_dir / METRICS_FILE).read_text(encoding="utf-8"))
    with (run_dir / RESULTS_FILE).open(encoding="utf-8") as f:
        results = [QuestionResult.from_dict(json.loads(line)) for line in f if line.strip()]
    return m, results
