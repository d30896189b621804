"""The benchmark's targets and its printed table (the same figures as bench.json)."""
from __future__ import annotations

# (name, where in bench.json, comparison, target): the project's targets for a 2-core machine
TARGETS = (
    ("warm query p50 ≤ 50 ms", ("query", "query_ms", "p50"), "<=", 50.0),
    ("warm query p95 ≤ 120 ms", ("query", "query_ms", "p95"), "<=", 120.0),
    ("build overhead ≤ 1.2× pure embedding", ("build", "build_overhead_ratio"), "<=", 1.2),
    ("one changed report rebuilds in ≤ 20% of a cold build", ("build", "incremental_ratio"), "<=", 0.2),
)
SCALE_N = 1_000_000


def _get(data: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(data, dict) or data.get(key) is None:
            return None
        data = data[key]
    return data


def _row(result: dict, engine: str, n: int) -> dict | None:
    rows = (result.get("scale") or {}).get("rows", [])
    return next((r for r in rows if r["engine"] == engine and r["n"] == n), None)


def evaluate_targets(result: dict) -> list[dict]:
    """Each target with its measured value and whether it is met (None: not measured in this run)."""
    out = []
    subset = _get(result, ("build", "subset_chars"))
    for name, path, _, target in TARGETS:
        value = _get(result, path)
        if path[0] == "build" and subset:  # a quick run's subset says nothing about the bundled corpus
            out.append({"target": name, "value": value, "met": None,
                        "note": f"measured on a {subset:,}-character subset (--quick)"})
            continue
        out.append({"target": name, "value": value, "met": None if value is None else value <= target})
    faiss, bm25, both = (_row(result, engine, SCALE_N) for engine in ("faiss", "bm25", "searcher"))
    for name, row, key, limit, better in (
            ("1M chunks: FAISS search p95 ≤ 150 ms", faiss, "p95_ms", 150.0, "low"),
            ("1M chunks: BM25 search p95 ≤ 150 ms", bm25, "p95_ms", 150.0, "low"),
            ("1M chunks: hybrid Searcher p95 ≤ 150 ms", both, "p95_ms", 150.0, "low"),
            ("1M chunks: FAISS resident memory ≤ 3 GB", faiss, "rss_mb", 3072.0, "low"),
            ("1M chunks: BM25 resident memory ≤ 3 GB", bm25, "rss_mb", 3072.0, "low"),
            ("1M chunks: hybrid Searcher resident memory ≤ 3 GB", both, "rss_mb", 3072.0, "low"),
            ("1M chunks: FAISS recall@10 ≥ 0.95 against exact", faiss, "recall@10", 0.95, "high")):
        value = row.get(key) if row else None
        met = None if value is None else (value <= limit if better == "low" else value >= limit)
        out.append({"target": name, "value": value, "met": met})
    return out


def _fmt(value, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}{unit}"


def _build_lines(b: dict) -> list[str]:
    c = b["corpus"]
    subset = f" (first ~{b['subset_chars']:,} characters)" if b.get("subset_chars") else ""
    return [
        f"Build  {c['dir']}{subset}: {c['files']} files, {c['chars']:,} chars, {c['chunks']} chunks + {c['sentences']} "
        f"sentences = {c['texts_embedded']} texts embedded, model {b['model']}, median of {b['repeats']}",
        f"  cold build              {_fmt(b['cold_s'], ' s')}   {_fmt(b['chars_per_s'], ' chars/s')}   "
        f"{_fmt(b['chunks_per_s'], ' chunks/s', 2)}   peak RSS {_fmt(b['peak_rss_mb'], ' MB', 0)}",
        f"  pure embedding          {_fmt(b['embed_s'], ' s')}   {_fmt(b['embed_chars_per_s'], ' chars/s')}   "
        f"{_fmt(b['embed_texts_per_s'], ' texts/s', 2)}   peak RSS {_fmt(b['embed_peak_rss_mb'], ' MB', 0)}",
        f"  build overhead ratio    {_fmt(b['build_overhead_ratio'], '×', 3)}   round by round "
        f"{_fmt(b.get('build_overhead_ratio_paired'), '×', 3)}   against its own embedding time "
        f"{_fmt(b.get('build_overhead_ratio_in_build'), '×', 3)}",
        f"  one report changed      {_fmt(b['incremental_s'], ' s')}   ratio {_fmt(b['incremental_ratio'], '', 3)}"
        f"   ({b['incremental_embedded']} texts re-embedded)",
        f"  nothing changed         {_fmt(b['nochange_s'], ' s')}   ratio {_fmt(b['nochange_ratio'], '', 3)}",
    ]


def _query_lines(q: dict) -> list[str]:
    stages = " | ".join(f"{k} {v['mean']:.1f}" for k, v in q["stages_ms"].items())
    return [
        f"Query  {q['index_dir']}: {q['chunks']} chunks, {q['n_questions']} questions × {q['repeats']} passes, "
        f"warm (index opened in {q['open_s']:.2f} s, first question {q['first_query_ms']:.0f} ms)",
        f"  question → answer       p50 {_fmt(q['query_ms']['p50'], ' ms')}   p95 {_fmt(q['query_ms']['p95'], ' ms')}"
        f"   mean {_fmt(q['query_ms']['mean'], ' ms')}",
        f"  stages, mean ms         {stages}",
    ]


def _app_lines(a: dict) -> list[str]:
    return [
        f"App    cold start → first answer {_fmt(a['cold_start_s'], ' s')} (server up {_fmt(a['page_s'], ' s')}), "
        f"runs {a['cold_start_runs']}",
        f"  serving peak RSS        {_fmt(a['serve_peak_rss_mb'], ' MB', 0)}   "
        f"/ask over HTTP p50 {_fmt(a['api_ms']['p50'], ' ms')}   p95 {_fmt(a['api_ms']['p95'], ' ms')}",
    ]


def _scale_lines(s: dict) -> list[str]:
    lines = [f"Scale  synthetic, dim {s['dim']}, {s['queries']} queries × {s['repeats']} passes",
             f"  {'chunks':>9}  {'engine':8}  {'index':26}  {'build s':>8}  {'disk MB':>8}  {'RSS MB':>7}  "
             f"{'anon MB':>7}  {'p50 ms':>7}  {'p95 ms':>7}  {'recall@10':>9}"]
    for r in s["rows"]:
        lines.append(f"  {r['n']:>9,}  {r['engine']:8}  {r['type'][:26]:26}  {_fmt(r.get('build_s'), '', 1):>8}  "
                     f"{_fmt(r.get('disk_mb'), '', 1):>8}  {_fmt(r.get('rss_mb'), '', 0):>7}  "
                     f"{_fmt(r.get('anon_mb'), '', 0):>7}  {_fmt(r.get('p50_ms'), '', 2):>7}  "
                     f"{_fmt(r.get('p95_ms'), '', 2):>7}  {_fmt(r.get('recall@10'), '', 3):>9}")
    return lines


def render(result: dict) -> str:
    """The printed table: machine, each measured stage, and the targets."""
    m = result["machine"]
    lines = [f"报告问答 benchmark ({result['mode']}): {m['nproc']} cores, {m['cpu']}, {m['memory_gb']} GB, "
             f"load average {m['load_avg']} → {result.get('load_avg_end')}"]
    milvus = lambda s: ["Milvus Lite beside FAISS + bm25s (eval/bench_milvus.py)"] + _scale_lines(s)[1:]  # noqa: E731
    for key, fn in (("build", _build_lines), ("query", _query_lines), ("app", _app_lines), ("scale", _scale_lines),
                    ("milvus", milvus)):
        if result.get(key):
            lines += [""] + fn(result[key])
    lines += ["", "Targets"]
    for t in result["targets"]:
        mark = {True: "met", False: "NOT met", None: "not measured"}[t["met"]]
        value = t["value"] if not isinstance(t["value"], float) else round(t["value"], 3)
        note = f"; {t['note']}" if t.get("note") else ""
        lines.append(f"  {mark:12}  {t['target']}  (measured {value if value is not None else '—'}{note})")
    return "\n".join(lines)
