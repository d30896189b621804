"""Aggregate per-question results into the metrics.json figures of DESIGN.md."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from eval import metrics
from eval.scoring import QuestionResult

RECALL_CUTOFFS = (1, 3, 5, 10)
MRR_CUTOFF = 10
GROUP_KEYS = ("recall@5", "answer_hit", "mrr@10", "n")


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _answerable(results: Sequence[QuestionResult]) -> list[QuestionResult]:
    return [r for r in results if r.answerable]


def _ratio(found: int, total: int) -> float | None:
    return found / total if total else None


def retrieval_metrics(results: Sequence[QuestionResult]) -> dict:
    ranks = [r.outcomes.first_relevant_rank for r in _answerable(results)]
    out = {f"recall@{k}": _round(metrics.recall_at_k(ranks, k)) for k in RECALL_CUTOFFS}
    out[f"mrr@{MRR_CUTOFF}"] = _round(metrics.mrr_at(ranks, MRR_CUTOFF))
    return out


def answer_metrics(results: Sequence[QuestionResult]) -> dict:
    """answer_hit and char_f1 over answerable questions; citation_hit over answered answerable ones;
    faithfulness and number fidelity over all sentences and numbers of all answered questions."""
    answerable = _answerable(results)
    answered = [r for r in results if not r.refused]
    return {
        "answer_hit": _round(metrics.share(bool(r.outcomes.answer_hit) for r in answerable)),
        "char_f1": _round(metrics.share(r.outcomes.char_f1 or 0.0 for r in answerable)),
        "citation_hit": _round(metrics.share(r.outcomes.citation_hit for r in answerable if not r.refused)),
        "citation_faithfulness": _round(_ratio(sum(r.outcomes.faithful_sentences for r in answered),
                                               sum(r.outcomes.sentences for r in answered))),
        "number_fidelity": _round(_ratio(sum(r.outcomes.numbers_found for r in answered),
                                         sum(r.outcomes.numbers for r in answered))),
    }


def abstention_metrics(results: Sequence[QuestionResult]) -> dict:
    return {
        "refusal_rate_unanswerable": _round(metrics.share(r.refused for r in results if not r.answerable)),
        "false_refusal_rate": _round(metrics.share(r.refused for r in results if r.answerable)),
    }


def group_metrics(results: Sequence[QuestionResult], key: Callable[[QuestionResult], str]) -> dict:
    """{group: {recall@5, answer_hit, mrr@10, n}}; the first three are None for a group with no
    answerable question (the unanswerable type), n counts all its questions."""
    groups: dict[str, list[QuestionResult]] = {}
    for r in results:
        groups.setdefault(key(r), []).append(r)
    out = {}
    for name, members in groups.items():
        ranks = [r.outcomes.first_relevant_rank for r in _answerable(members)]
        out[name] = {
            "recall@5": _round(metrics.recall_at_k(ranks, 5)),
            "answer_hit": _round(metrics.share(bool(r.outcomes.answer_hit) for r in _answerable(members))),
            f"mrr@{MRR_CUTOFF}": _round(metrics.mrr_at(ranks, MRR_CUTOFF)),
            "n": len(members),
        }
    return out


def recall_curve(results: Sequence[QuestionResult], max_k: int = 10) -> list[float]:
    """recall@k for k = 1..max_k over the answerable questions."""
    ranks = [r.outcomes.first_relevant_rank for r in _answerable(results)]
    return [metrics.recall_at_k(ranks, k) or 0.0 for k in range(1, max_k + 1)]


def aggregate(results: Sequence[QuestionResult]) -> dict:
    """The result-derived part of metrics.json (everything but config and index)."""
    latencies = [r.latency_ms for r in results]
    return {
        "n_questions": len(results),
        "n_answerable": len(_answerable(results)),
        "retrieval": retrieval_metrics(results),
        "answer": answer_metrics(results),
        "abstention": abstention_metrics(results),
        "by_type": group_metrics(results, lambda r: r.type),
        "by_lang": group_metrics(results, lambda r: r.lang),
        "latency_ms": {"p50": _round(metrics.percentile(latencies, 50)),
                       "p95": _round(metrics.percentile(latencies, 95))},
    }
