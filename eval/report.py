"""Render a run as text: the headline table for the terminal and report.md for reading."""
from __future__ import annotations

from collections.abc import Sequence

from eval.scoring import QuestionResult

HEADLINE = (
    ("retrieval", "recall@1"), ("retrieval", "recall@3"), ("retrieval", "recall@5"), ("retrieval", "recall@10"),
    ("retrieval", "mrr@10"), ("answer", "answer_hit"), ("answer", "char_f1"), ("answer", "citation_hit"),
    ("answer", "citation_faithfulness"), ("answer", "number_fidelity"),
    ("abstention", "refusal_rate_unanswerable"), ("abstention", "false_refusal_rate"),
    ("latency_ms", "p50"), ("latency_ms", "p95"),
)
WORST_RANK = 5  # answerable questions with no relevant hit within this rank are listed as the worst
PASSAGE_CHARS = 300


def fmt(x: float | int | None) -> str:
    if x is None:
        return "–"
    return str(x) if isinstance(x, int) else f"{x:.3f}"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured markdown table (also readable as plain text in a terminal)."""
    cells = [[str(c).replace("|", "\\|").replace("\n", " ") for c in row] for row in rows]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in cells])


def headline_table(m: dict) -> str:
    rows = [(f"{group}.{name}" if group == "latency_ms" else name, fmt(m[group][name])) for group, name in HEADLINE]
    rows = [("questions (answerable)", f"{m['n_questions']} ({m['n_answerable']})")] + rows
    return table(("metric", "value"), rows)


def group_table(groups: dict, label: str) -> str:
    rows = [(name, g["n"], fmt(g["recall@5"]), fmt(g["mrr@10"]), fmt(g["answer_hit"])) for name, g in groups.items()]
    return table((label, "n", "recall@5", "mrr@10", "answer_hit"), rows)


def _short(text: str, limit: int = PASSAGE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _worst(results: Sequence[QuestionResult]) -> list[str]:
    worst = [r for r in results if r.answerable and (r.outcomes.first_relevant_rank or 99) > WORST_RANK]
    out = [f"## Worst questions: no relevant passage in the top {WORST_RANK} ({len(worst)})", ""]
    for r in worst:
        rank = r.outcomes.first_relevant_rank
        out += [f"### {r.id} ({r.type}) {r.question}", "",
                f"- gold answer: {r.gold_answer}",
                f"- evidence: {_short(r.evidence[0], 120)}" + (f" (+{len(r.evidence) - 1} more)" if len(r.evidence) > 1 else ""),
                f"- first relevant rank: {rank if rank else 'none in the hits'}", ""]
        for h in r.hits[:3]:
            out.append(f"{h['rank']}. `{h['report']}` · {h['article']} · {h['section'] or '—'} "
                       f"(score {h['score']:.3f}): {_short(h['text'])}")
        out.append("")
    return out


def _listing(title: str, rows: Sequence[QuestionResult], show_answer: bool) -> list[str]:
    out = [f"## {title} ({len(rows)})", ""]
    for r in rows:
        line = f"- **{r.id}** ({r.type}) {r.question} — gold: {r.gold_answer}"
        if show_answer:
            line += f"; answered (confidence {r.confidence:.3f}): {_short(r.answer, 160)}"
        out.append(line)
    return out + [""]


def render_report(m: dict, results: Sequence[QuestionResult], placeholder: bool) -> str:
    """report.md: headline table, tables by type and language, and the questions to look at."""
    cfg, idx = m["config"], m["index"]
    out = ["# Evaluation report", "",
           f"QA file `{cfg['qa_file']}` · index model `{idx['model']}` · corpus sha256 `{idx['corpus_sha256'][:12]}…` · "
           f"mode {cfg['mode']} (fusion {cfg['fusion']}, dense weight {cfg['dense_weight']}, "
           f"collapse duplicates {cfg['collapse_duplicates']}) · k {cfg['k']} · composer {cfg['composer']}", ""]
    if placeholder:
        out += ["> **Note:** retrieval/answer.py is still the placeholder composer: every answer is the top "
                "passage quoted whole, so the answer metrics (answer_hit, char_f1, citation_*, number_fidelity, "
                "refusals) come from the top passage, not from a real answer.", ""]
    out += ["## Headline", "", headline_table(m), "",
            "## By question type", "", group_table(m["by_type"], "type"), "",
            "## By language", "", group_table(m["by_lang"], "lang"), "",
            "![recall@k](recall_at_k.png) ![by type](by_type.png)", ""]
    out += _worst(results)
    out += _listing("False refusals: answerable questions that were refused",
                    [r for r in results if r.answerable and r.refused], show_answer=False)
    out += _listing("Unanswerable questions that were answered",
                    [r for r in results if not r.answerable and not r.refused], show_answer=True)
    return "\n".join(out)
