"""`python -m eval run|compare|export-grading|import-grading`: score a question set offline,
compare two runs, and hand grading through a spreadsheet."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval.grading import GradingError
from eval.qa import QAFileError
from index.settings import DEFAULT_CORPUS_DIR, DEFAULT_INDEX_DIR
from index.store import IndexLoadError
from index.store_options import add_store_arguments, store_from_args
from retrieval.fusion import RRF_K
from retrieval.answer import ComposeSettings
from retrieval.search import FUSIONS, MODES, SearchSettings


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m eval", description="Evaluate the report question answering offline.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="answer a QA file and write metrics.json, results.jsonl, report.md, plots")
    r.add_argument("--qa", type=Path, required=True, help="QA file (JSON Lines)")
    r.add_argument("--out", type=Path, required=True, help="run folder to write")
    r.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR)
    r.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS_DIR, help="reports the QA evidence must quote")
    r.add_argument("--mode", choices=MODES, default=SearchSettings.mode)
    r.add_argument("--fusion", choices=FUSIONS, default=SearchSettings.fusion)
    r.add_argument("--k", type=int, default=10, help="hits retrieved per question (default 10)")
    r.add_argument("--dense-weight", type=float, default=SearchSettings.dense_weight)
    r.add_argument("--rrf-k", type=int, default=RRF_K)
    r.add_argument("--candidates", type=int, default=SearchSettings.candidates)
    r.add_argument("--coverage-weight", type=float, default=SearchSettings.coverage_weight)
    r.add_argument("--sentence-weight", type=float, default=SearchSettings.sentence_weight)
    r.add_argument("--no-collapse", action="store_true", help="keep near-duplicate passages as separate hits")
    r.add_argument("--merge-adjacent", action=argparse.BooleanOptionalAction, default=SearchSettings.merge_adjacent,
                   help="join overlapping passages of one article into one hit (small-to-big; default on)")
    r.add_argument("--refuse-below", type=float, default=ComposeSettings.refuse_below,
                   help="answer confidence under which the bot refuses")
    r.add_argument("--passages", type=int, default=ComposeSettings.passages, help="hits the answer draws on")
    add_store_arguments(r)
    t = sub.add_parser("tradeoff", help="refusals vs false refusals as the confidence threshold moves")
    t.add_argument("--qa", type=Path, required=True)
    t.add_argument("--out", type=Path, required=True, help="folder for tradeoff.md and tradeoff.png")
    t.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR)
    t.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS_DIR)
    c = sub.add_parser("compare", help="compare run B against run A")
    c.add_argument("run_a", type=Path)
    c.add_argument("run_b", type=Path)
    c.add_argument("--out", type=Path, help="also write the comparison as markdown here")
    e = sub.add_parser("export-grading", help="write a run as a CSV sheet for hand grading")
    e.add_argument("run", type=Path)
    e.add_argument("--out", type=Path, required=True)
    i = sub.add_parser("import-grading", help="graded accuracy of one sheet, or two sheets and their kappa",
                       description="Grades: 1/对/正确/correct, 0.5/部分/半对/partial, 0/错/错误/incorrect "
                                   "(also yes/no, true/false, √/×); a blank grade means not graded.")
    i.add_argument("sheets", type=Path, nargs="+", metavar="sheet.csv")
    return p


def _run(args) -> int:
    from eval.qa import load_qa
    from eval.run import run_eval
    from retrieval.pipeline import Pipeline

    settings = SearchSettings(mode=args.mode, fusion=args.fusion, rrf_k=args.rrf_k, dense_weight=args.dense_weight,
                              candidates=args.candidates, collapse_duplicates=not args.no_collapse,
                              coverage_weight=args.coverage_weight, sentence_weight=args.sentence_weight,
                              merge_adjacent=args.merge_adjacent)
    compose = ComposeSettings(refuse_below=args.refuse_below, passages=args.passages)
    if args.k < 1:
        raise ValueError(f"--k {args.k} must be at least 1")
    items = load_qa(args.qa, args.corpus)
    pipeline = Pipeline.open(args.index_dir, settings, compose, store=store_from_args(args))
    run_eval(items, pipeline, args.out, k=args.k, qa_path=args.qa)
    return 0


def _tradeoff(args) -> int:
    from eval.qa import load_qa
    from eval.tradeoff import collect, curve, plot, render
    from retrieval.pipeline import Pipeline

    pipeline = Pipeline.open(args.index_dir)
    points = curve(collect(load_qa(args.qa, args.corpus), pipeline))
    table = render(points, pipeline.composer.settings.refuse_below)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "tradeoff.md").write_text(table + "\n", encoding="utf-8")
    plot(points, args.out / "tradeoff.png")
    print(table)
    print(f"\nwritten to {args.out / 'tradeoff.md'} and {args.out / 'tradeoff.png'}")
    return 0


def _compare(args) -> int:
    from eval.compare import compare_runs, render_comparison

    text = render_comparison(compare_runs(args.run_a, args.run_b))
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"\ncomparison written to {args.out}")
    return 0


def _export(args) -> int:
    from eval.grading import export_grading

    n = export_grading(args.run, args.out)
    print(f"{n} questions written to {args.out}; fill the grade column (1/0/0.5, 对/错/部分) and run "
          f"`python -m eval import-grading {args.out}`")
    return 0


def _import(args) -> int:
    from eval.grading import import_grading, render_grading

    print(render_grading(import_grading(args.sheets)))
    return 0


COMMANDS = {"run": _run, "tradeoff": _tradeoff, "compare": _compare, "export-grading": _export, "import-grading": _import}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (IndexLoadError, QAFileError, GradingError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
