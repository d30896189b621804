"""End to end on a tiny real index (hash embedder, two report excerpts): run_eval writes the run folder
with the DESIGN metrics, runs compare, grading sheets round-trip, and the CLI fails cleanly."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from eval.__main__ import main
from eval.compare import compare_runs, render_comparison
from eval.grading import GradingError, export_grading, import_grading, render_grading
from eval.qa import load_qa
from eval.run import composer_version, run_eval
from index.build import build_index
from index.settings import IndexSettings
from index.store import IndexLoadError, read_manifest
from retrieval.pipeline import Pipeline
from retrieval.search import SearchSettings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "data" / "eval_corpus"
QA_LINES = [
    {"id": "t1", "question": "上坪乡的总人口是多少？", "answer": "6659人", "evidence": ["10个行政村46个自然村,总人口6659人"],
     "source": "shangping.txt", "type": "factoid", "lang": "zh"},
    {"id": "t2", "question": "上坪乡在职工多少人以上的企业设立计生图书角？", "answer": "100人以上",
     "evidence": ["在职工100人以上的企业设立计生图书角"], "source": "shangping.txt", "type": "factoid", "lang": "zh"},
    {"id": "t3", "question": "石墩河镇纪委用哪些方式开展党风廉政建设调研？", "answer": "听汇报、召开座谈会、查阅资料",
     "evidence": ["采取听汇报、召开座谈会、查阅资料等方式"], "source": "sanzhuan.txt", "type": "procedure", "lang": "zh"},
    {"id": "t4", "question": "What responsibility documents did the villages sign with the discipline committee?",
     "answer": "党风廉政建设责任制责任书", "evidence": ["各村各单位与镇纪委签订20党风廉政建设责任制责任书"],
     "source": "sanzhuan.txt", "type": "english", "lang": "en"},
    {"id": "t5", "question": "上坪乡有多少名乡村医生？", "answer": "报告中没有提到", "evidence": [], "source": None,
     "type": "unanswerable", "lang": "zh"},
]
DESIGN_KEYS = {"n_questions", "n_answerable", "retrieval", "answer", "abstention", "by_type", "by_lang",
               "latency_ms", "config", "index"}
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A hash-model index over the two excerpts, the 5-line QA file, and a hybrid and a BM25 run."""
    root = tmp_path_factory.mktemp("eval")
    build_index(IndexSettings(corpus_dir=CORPUS, index_dir=root / "index", model="hash"), progress=False,
                log=lambda _: None)
    qa = root / "qa.jsonl"
    qa.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in QA_LINES), encoding="utf-8")
    items = load_qa(qa, CORPUS)
    for mode in ("hybrid", "bm25"):
        pipeline = Pipeline.open(root / "index", SearchSettings(mode=mode))
        run_eval(items, pipeline, root / mode, k=10, qa_path=qa, log=lambda _: None)
    return root


def _metrics(run: Path) -> dict:
    return json.loads((run / "metrics.json").read_text(encoding="utf-8"))


def _results(run: Path) -> list[dict]:
    return [json.loads(line) for line in (run / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def test_metrics_json_has_the_design_keys(workspace):
    m = _metrics(workspace / "hybrid")
    assert set(m) == DESIGN_KEYS
    assert set(m["retrieval"]) == {"recall@1", "recall@3", "recall@5", "recall@10", "mrr@10"}
    assert set(m["answer"]) == {"answer_hit", "char_f1", "citation_hit", "citation_faithfulness", "number_fidelity"}
    assert set(m["abstention"]) == {"refusal_rate_unanswerable", "false_refusal_rate"}
    assert set(m["latency_ms"]) == {"p50", "p95"}
    assert set(m["by_type"]) == {"factoid", "procedure", "english", "unanswerable"}
    assert all(set(g) == {"recall@5", "answer_hit", "mrr@10", "n"} for g in m["by_type"].values())
    assert set(m["by_lang"]) == {"zh", "en"}
    assert (m["n_questions"], m["n_answerable"]) == (5, 4)
    assert m["by_type"]["factoid"]["n"] == 2 and m["by_type"]["unanswerable"]["recall@5"] is None
    assert m["config"]["mode"] == "hybrid" and m["config"]["k"] == 10
    assert m["config"]["qa_file"].endswith("qa.jsonl")
    assert m["index"]["model"] == "hash-256" and len(m["index"]["corpus_sha256"]) == 64


def test_bm25_run_ranks_the_evidence_first_even_for_the_english_question(workspace):
    ranks = {r["id"]: r["outcomes"]["first_relevant_rank"] for r in _results(workspace / "bm25")}
    # the Chinese questions share words with their evidence; the English one reaches it through the glossary
    assert ranks == {"t1": 1, "t2": 1, "t3": 1, "t4": 1, "t5": None}
    m = _metrics(workspace / "bm25")
    assert m["retrieval"]["recall@1"] == 1.0 and m["retrieval"]["mrr@10"] == 1.0
    assert m["by_lang"]["en"]["recall@5"] == 1.0


def test_results_jsonl_has_one_explained_line_per_question(workspace):
    results = _results(workspace / "hybrid")
    assert [r["id"] for r in results] == ["t1", "t2", "t3", "t4", "t5"]
    for r in results:
        assert {"question", "type", "lang", "gold_answer", "hits", "answer", "refused", "confidence", "citations",
                "outcomes", "latency_ms"} <= set(r)
        assert [h["rank"] for h in r["hits"]] == list(range(1, len(r["hits"]) + 1))
        for h in r["hits"]:
            assert {"score", "bm25", "dense", "chunk_id", "report", "article", "section", "text", "relevant"} <= set(h)
    first = results[0]
    assert first["outcomes"]["first_relevant_rank"] == next(h["rank"] for h in first["hits"] if h["relevant"])
    assert results[4]["outcomes"]["answer_hit"] is None  # no gold evidence for the unanswerable one


def test_report_and_plots_are_written(workspace):
    run = workspace / "hybrid"
    report = (run / "report.md").read_text(encoding="utf-8")
    assert "## Headline" in report and "## By question type" in report and "## By language" in report
    assert "Worst questions" in report and "Unanswerable questions that were answered" in report
    assert ("placeholder composer" in report) == composer_version()[1]
    for png in ("recall_at_k.png", "by_type.png"):
        assert (run / png).read_bytes()[:8] == PNG


def test_compare_two_runs(workspace):
    c = compare_runs(workspace / "hybrid", workspace / "bm25")
    assert c.common == 5 and not c.warnings
    names = [d.name for d in c.metrics]
    assert "retrieval.recall@5" in names and "by_type.factoid.answer_hit" in names and "config.k" not in names
    hybrid, bm25 = _results(workspace / "hybrid"), _results(workspace / "bm25")
    changed = {r["id"] for r, s in zip(hybrid, bm25)
               if (r["outcomes"]["first_relevant_rank"], r["outcomes"]["answer_hit"], r["refused"])
               != (s["outcomes"]["first_relevant_rank"], s["outcomes"]["answer_hit"], s["refused"])}
    assert {ch.id for ch in c.changes} == changed
    text = render_comparison(c)
    assert "| retrieval.recall@1 |" in text and "unchanged (of 5 shared)" in text


def test_compare_a_run_with_itself_changes_nothing(workspace):
    c = compare_runs(workspace / "hybrid", workspace / "hybrid")
    assert not c.changes and all(d.delta in (0, None) for d in c.metrics)


def _fill(sheet: Path, out: Path, grades: list[str], encoding: str = "utf-8-sig") -> Path:
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for row, grade in zip(rows, grades):
        row["grade"] = grade
    with out.open("w", encoding=encoding, newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out


def test_grading_sheets_round_trip_with_kappa(workspace, tmp_path):
    sheet = tmp_path / "sheet.csv"
    assert export_grading(workspace / "hybrid", sheet) == 5
    data = sheet.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["id", "type", "question", "answer", "citations", "gold_answer", "grade", "comment"]
    assert [r["id"] for r in rows] == ["t1", "t2", "t3", "t4", "t5"] and all(r["grade"] == "" for r in rows)
    assert rows[0]["gold_answer"] == "6659人" and "shangping.txt · " in rows[0]["citations"]

    a = _fill(sheet, tmp_path / "a.csv", ["对", "correct", "错", "0", "1"])  # 1 1 0 0 1
    b = _fill(sheet, tmp_path / "b.csv", ["1", "错", "incorrect", "0", "√"], encoding="gb18030")  # 1 0 0 0 1, as WPS saves
    summary = import_grading([a, b])
    assert summary.accuracy == (0.6, 0.4)
    assert summary.by_type[0]["factoid"] == (1.0, 2) and summary.by_type[1]["factoid"] == (0.5, 2)
    # p_o = 4/5; A has 3 ones and 2 zeros, B 2 and 3: p_e = (3·2 + 2·3)/25 = 0.48 → kappa 0.32/0.52
    assert summary.shared == 5 and summary.kappa == pytest.approx(0.32 / 0.52)
    assert "Cohen's kappa 0.615" in render_grading(summary)


def test_grading_partial_and_blank_grades(workspace, tmp_path):
    sheet = tmp_path / "sheet.csv"
    export_grading(workspace / "hybrid", sheet)
    summary = import_grading([_fill(sheet, tmp_path / "a.csv", ["0.5", "部分", "", "Correct ", ""])])
    assert summary.accuracy == (pytest.approx(2 / 3),) and summary.kappa is None
    assert len(summary.sheets[0].grades) == 3


def test_unknown_grade_names_the_row(workspace, tmp_path):
    sheet = tmp_path / "sheet.csv"
    export_grading(workspace / "hybrid", sheet)
    bad = _fill(sheet, tmp_path / "bad.csv", ["1", "0", "maybe"])
    with pytest.raises(GradingError, match=r"row 4: grade 'maybe' is not a known grade"):
        import_grading([bad])


def test_cli_run_compare_and_grading(workspace, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", "--qa", str(workspace / "qa.jsonl"), "--corpus", str(CORPUS), "--out", str(out),
                 "--index-dir", str(workspace / "index"), "--mode", "dense", "--no-collapse", "--k", "5"]) == 0
    printed = capsys.readouterr().out
    assert "| recall@5 |" in printed
    m = _metrics(out)
    assert m["config"]["mode"] == "dense" and m["config"]["collapse_duplicates"] is False and m["config"]["k"] == 5
    assert main(["compare", str(workspace / "hybrid"), str(out), "--out", str(tmp_path / "cmp.md")]) == 0
    assert (tmp_path / "cmp.md").read_text(encoding="utf-8").startswith("# Comparison")
    assert main(["export-grading", str(out), "--out", str(tmp_path / "g.csv")]) == 0
    assert main(["import-grading", str(tmp_path / "g.csv")]) == 0
    assert "graded 0 of 5 questions" in capsys.readouterr().out


def test_cli_bad_qa_file_exits_2_naming_the_line(workspace, tmp_path, capsys):
    qa = tmp_path / "bad.jsonl"
    qa.write_text(json.dumps(QA_LINES[0], ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    code = main(["run", "--qa", str(qa), "--corpus", str(CORPUS), "--out", str(tmp_path / "r"),
                 "--index-dir", str(workspace / "index")])
    err = capsys.readouterr().err
    assert code == 2 and "line 2: bad JSON" in err and "Traceback" not in err


def test_cli_missing_index_exits_2_with_one_clear_line(workspace, tmp_path):
    missing = tmp_path / "no-index"
    proc = subprocess.run([sys.executable, "-m", "eval", "run", "--qa", str(workspace / "qa.jsonl"), "--corpus",
                           str(CORPUS), "--out", str(tmp_path / "r"), "--index-dir", str(missing)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    with pytest.raises(IndexLoadError) as expected:
        read_manifest(missing)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"error: {expected.value}"  # one line, the index's own message with its fix
    assert "no index at" in proc.stderr and "python -m index build" in proc.stderr


def test_cli_missing_run_folder_exits_2(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b")]) == 2
    assert "make the run with `python -m eval run" in capsys.readouterr().err
