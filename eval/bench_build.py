"""Build benchmark: cold build, pure embedding of the same texts, rebuilds (one report changed, none),
each in a fresh process so its time and peak memory are its own.

`python -m eval.bench_build build|embed --corpus DIR --index-dir DIR --model NAME` is the worker the
benchmark starts; it prints one JSON line.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from eval.bench_proc import print_result, run_worker

# The edit made to one report for the incremental rebuild: a corrected figure and an added paragraph,
# what a clerk does when a report is revised.
ADDED_PARAGRAPH = "补充说明：截至年底，全乡共开展计划生育宣传活动12次，发放宣传资料3000余份，群众满意率达到95%以上。"


def copy_corpus(src: Path, dst: Path, max_chars: int | None = None) -> Path:
    """Copy the report files of `src` into `dst`; with `max_chars`, keep only the first lines of
    each file, about max_chars in all (the quick benchmark's subset). Returns `dst`."""
    from index.readers import list_report_files

    files = list_report_files(src)
    dst.mkdir(parents=True, exist_ok=True)
    for path in files:
        target = dst / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        if max_chars is None or path.suffix.lower() not in (".txt", ".md"):
            shutil.copy(path, target)
            continue
        kept, budget = [], max_chars // len(files)
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            if sum(map(len, kept)) >= budget:
                break
            kept.append(line)
        target.write_text("".join(kept), encoding="utf-8")
    return dst


def change_one_report(corpus: Path) -> str:
    """Revise the largest .txt report: one figure in a middle paragraph and a paragraph added at the
    end. Returns the file's name."""
    path = max(corpus.rglob("*.txt"), key=lambda p: p.stat().st_size)
    lines = path.read_text(encoding="utf-8").splitlines()
    middle = [i for i, line in enumerate(lines) if any(ch.isdigit() for ch in line) and len(line) > 40]
    if middle:
        i = middle[len(middle) // 2]
        j = next(j for j, ch in enumerate(lines[i]) if ch.isdigit())
        lines[i] = lines[i][:j] + str((int(lines[i][j]) + 1) % 10) + lines[i][j + 1:]
    lines.append(ADDED_PARAGRAPH)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.relative_to(corpus).as_posix()


def embedding_texts(corpus: Path, chunk_size: int = 300, chunk_overlap: int = 50,
                    sentences: bool = True) -> tuple[list[str], int, int, int]:
    """The texts a cold build embeds, each once, in build order, with the counts behind them:
    (texts, characters read, chunks, sentences). Uses the build's own reading and chunking."""
    from index.build import article_sentences, read_corpus
    from index.chunking import chunk_article
    from index.types import text_hash

    articles, _, _ = read_corpus(corpus)
    chunks = [c for a in articles for c in chunk_article(a, chunk_size, chunk_overlap)]
    s_texts = article_sentences(articles)[1] if sentences else []
    unique = {text_hash(t): t for t in [c.context_text for c in chunks] + s_texts}
    return list(unique.values()), sum(len(a.text) for a in articles), len(chunks), len(s_texts)


def _worker_build(args) -> dict:
    from index.build import build_index
    from index.settings import IndexSettings

    start = time.perf_counter()
    s = build_index(IndexSettings(corpus_dir=args.corpus, index_dir=args.index_dir, model=args.model),
                    progress=False, log=lambda _: None)
    return {"seconds": time.perf_counter() - start, "embed_seconds": s.embed_seconds, "embedded": s.embedded,
            "files": s.files, "articles": s.articles, "chunks": s.chunks, "changed": s.changed_files}


def _worker_embed(args) -> dict:
    """Load the model and embed the build's texts in the build's batches, nothing else (timed)."""
    from index.embedders import load_embedder
    from index.settings import IndexSettings

    texts = embedding_texts(args.corpus)[0]
    batch = IndexSettings.batch_size
    start = time.perf_counter()
    embedder = load_embedder(args.model)
    for b in range(0, len(texts), batch):
        embedder.embed_passages(texts[b:b + batch])
    return {"seconds": time.perf_counter() - start, "texts": len(texts), "chars": sum(map(len, texts))}


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def measure_build(corpus: Path, work: Path, model: str, repeats: int,
                  log: Callable[[str], None] = print) -> dict:
    """Cold build, pure embedding, rebuild with nothing changed and with one report changed;
    `repeats` rounds, cold build and embedding interleaved so background load hits both alike."""
    texts, chars, n_chunks, n_sentences = embedding_texts(corpus)
    rounds: dict[str, list[dict]] = {"cold": [], "embed": [], "nochange": [], "incremental": []}
    for r in range(repeats):
        copy = work / f"corpus-{r}"
        shutil.rmtree(copy, ignore_errors=True)
        copy_corpus(corpus, copy)
        index_dir = work / f"index-{r}"
        shutil.rmtree(index_dir, ignore_errors=True)
        args = ["--corpus", str(copy), "--index-dir", str(index_dir), "--model", model]
        rounds["embed"].append(run_worker("eval.bench_build", ["embed", *args]))
        rounds["cold"].append(run_worker("eval.bench_build", ["build", *args]))
        rounds["nochange"].append(run_worker("eval.bench_build", ["build", *args]))
        changed = change_one_report(copy)
        rounds["incremental"].append(run_worker("eval.bench_build", ["build", *args]))
        log(f"  build round {r + 1}/{repeats}: cold {rounds['cold'][-1]['seconds']:.1f}s, "
            f"embedding {rounds['embed'][-1]['seconds']:.1f}s, no change {rounds['nochange'][-1]['seconds']:.1f}s, "
            f"one report changed {rounds['incremental'][-1]['seconds']:.1f}s")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.rmtree(index_dir, ignore_errors=True)
    cold, embed = _median(rounds["cold"], "seconds"), _median(rounds["embed"], "seconds")
    paired = [c["seconds"] / e["seconds"] for c, e in zip(rounds["cold"], rounds["embed"])]
    in_build = [c["seconds"] / c["embed_seconds"] for c in rounds["cold"] if c["embed_seconds"]]
    incremental, nochange = _median(rounds["incremental"], "seconds"), _median(rounds["nochange"], "seconds")
    return {
        "corpus": {"dir": str(corpus), "files": rounds["cold"][0]["files"], "articles": rounds["cold"][0]["articles"],
                   "chars": chars, "chunks": n_chunks, "sentences": n_sentences, "texts_embedded": len(texts),
                   "texts_embedded_by_build": rounds["cold"][0]["embedded"]},
        "model": model, "repeats": repeats,
        "cold_s": cold, "chars_per_s": chars / cold, "chunks_per_s": n_chunks / cold,
        "embed_s": embed, "embed_texts_per_s": len(texts) / embed, "embed_chars_per_s": chars / embed,
        "build_embed_s": _median(rounds["cold"], "embed_seconds"),
        "build_overhead_ratio": cold / embed,
        # the same ratio round by round (each round's build and embedding ran back to back), and
        # the build against its own time inside the embedder: both less exposed to drifting load
        "build_overhead_ratio_paired": statistics.median(paired),
        "build_overhead_ratio_in_build": statistics.median(in_build) if in_build else None,
        "incremental_s": incremental, "incremental_ratio": incremental / cold, "incremental_changed": changed,
        "incremental_embedded": rounds["incremental"][0]["embedded"],
        "nochange_s": nochange, "nochange_ratio": nochange / cold,
        "peak_rss_mb": max(r["peak_rss_mb"] for r in rounds["cold"]),
        "embed_peak_rss_mb": max(r["peak_rss_mb"] for r in rounds["embed"]),
        "runs": {k: [round(r["seconds"], 3) for r in v] for k, v in rounds.items()},
        "build_embed_runs": [round(r["embed_seconds"], 3) for r in rounds["cold"]],
        "wall_runs": {k: [round(r["wall_s"], 3) for r in v] for k, v in rounds.items()},
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench_build", description="benchmark worker (one JSON line)")
    p.add_argument("what", choices=("build", "embed"))
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--index-dir", type=Path, required=True)
    p.add_argument("--model", required=True)
    args = p.parse_args(argv)
    print_result(_worker_build(args) if args.what == "build" else _worker_embed(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
