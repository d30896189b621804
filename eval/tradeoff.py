"""The refusal trade-off: refusals on unanswerable questions against false refusals on answerable
ones, as the confidence threshold moves. One pass of the question set, then every threshold."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from eval.metrics import answer_hit
from eval.qa import QAItem
from retrieval.pipeline import Pipeline

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(0, 17))


@dataclass(frozen=True)
class Outcome:
    answerable: bool
    refused_anyway: bool  # refused for a reason other than confidence (e.g. the number is missing)
    confidence: float
    hit: bool  # the answer (when given) covers an evidence span


@dataclass(frozen=True)
class Point:
    threshold: float
    refusal_rate_unanswerable: float
    false_refusal_rate: float
    answer_hit: float


def collect(items: Sequence[QAItem], pipeline: Pipeline) -> list[Outcome]:
    """Answer every question with the confidence threshold switched off."""
    open_pipeline = replace(pipeline, composer=replace(pipeline.composer,
                                                       settings=replace(pipeline.composer.settings, refuse_below=-1.0)))
    out = []
    for item in items:
        a = open_pipeline.ask(item.question)
        out.append(Outcome(bool(item.evidence), a.refused, a.confidence,
                           not a.refused and bool(item.evidence) and answer_hit(a.text, item.evidence)))
    return out


def curve(outcomes: Sequence[Outcome], thresholds: Sequence[float] = THRESHOLDS) -> list[Point]:
    """The trade-off at each threshold: a question is refused when refused anyway or below threshold."""
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    points = []
    for t in thresholds:
        refused = [o.refused_anyway or o.confidence < t for o in outcomes]
        by = dict(zip(map(id, outcomes), refused))
        points.append(Point(
            threshold=t,
            refusal_rate_unanswerable=_rate([by[id(o)] for o in unanswerable]),
            false_refusal_rate=_rate([by[id(o)] for o in answerable]),
            answer_hit=_rate([o.hit and not by[id(o)] for o in answerable]),
        ))
    return points


def _rate(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 0.0


def render(points: Sequence[Point], current: float) -> str:
    lines = ["| threshold | refusal on unanswerable | false refusal | answer_hit |", "|---|---|---|---|"]
    for p in points:
        mark = " ←" if abs(p.threshold - current) < 1e-9 else ""
        lines.append(f"| {p.threshold:.2f}{mark} | {p.refusal_rate_unanswerable:.3f} | {p.false_refusal_rate:.3f} "
                     f"| {p.answer_hit:.3f} |")
    return "\n".join(lines)


def plot(points: Sequence[Point], out: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.8), dpi=100)
    ax.plot([p.false_refusal_rate for p in points], [p.refusal_rate_unanswerable for p in points], marker="o")
    for p in points[::4]:
        ax.annotate(f"{p.threshold:.2f}", (p.false_refusal_rate, p.refusal_rate_unanswerable), fontsize=7)
    ax.set_xlabel("false refusals (answerable questions)")
    ax.set_ylabel("refusals of unanswerable questions")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_title("Refusal trade-off by confidence threshold")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out
