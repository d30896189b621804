"""Compare two evaluation runs: the change in every metric, and which questions got better or worse."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eval.report import fmt, table
from eval.run import load_run
from eval.scoring import QuestionResult

LOWER_IS_BETTER = ("false_refusal_rate", "latency_ms")
SKIPPED_GROUPS = ("config", "index")


@dataclass(frozen=True)
class MetricDelta:
    name: str  # dotted path in metrics.json, e.g. "retrieval.recall@5"
    a: float | None
    b: float | None

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def verdict(self) -> str:
        d = self.delta
        if not d or self.name.endswith(".n") or self.name.startswith("n_"):
            return ""
        better = d < 0 if any(key in self.name for key in LOWER_IS_BETTER) else d > 0
        return "better" if better else "worse"


@dataclass(frozen=True)
class QuestionChange:
    id: str
    type: str
    question: str
    rank: tuple[int | None, int | None]  # first relevant rank in A and B
    hit: tuple[bool | None, bool | None]  # answer_hit in A and B
    refused: tuple[bool, bool]
    wins: tuple[str, ...]
    losses: tuple[str, ...]

    @property
    def verdict(self) -> str:
        return "mixed" if self.wins and self.losses else "win" if self.wins else "loss"


@dataclass(frozen=True)
class Comparison:
    run_a: Path
    run_b: Path
    metrics: tuple[MetricDelta, ...]
    changes: tuple[QuestionChange, ...]  # questions in both runs whose outcome changed
    common: int  # questions in both runs
    warnings: tuple[str, ...]


def _flatten(m: dict, prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in m.items():
        if not prefix and key in SKIPPED_GROUPS:
            continue
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        elif value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = value
    return out


def _rank_key(rank: int | None) -> float:
    return float("inf") if rank is None else rank


def _change(a: QuestionResult, b: QuestionResult) -> QuestionChange | None:
    wins, losses = [], []
    ra, rb = a.outcomes.first_relevant_rank, b.outcomes.first_relevant_rank
    if _rank_key(rb) != _rank_key(ra):
        (wins if _rank_key(rb) < _rank_key(ra) else losses).append("rank")
    ha, hb = a.outcomes.answer_hit, b.outcomes.answer_hit
    if ha != hb:
        (wins if hb else losses).append("answer_hit")
    if a.refused != b.refused:
        (wins if b.refused != b.answerable else losses).append("refusal")
    if not wins and not losses:
        return None
    return QuestionChange(id=a.id, type=a.type, question=a.question, rank=(ra, rb), hit=(ha, hb),
                          refused=(a.refused, b.refused), wins=tuple(wins), losses=tuple(losses))


def compare_runs(run_a: Path, run_b: Path) -> Comparison:
    """Compare run B against run A (B − A). Raises FileNotFoundError when a run folder is incomplete."""
    ma, ra = load_run(run_a)
    mb, rb = load_run(run_b)
    fa, fb = _flatten(ma), _flatten(mb)
    deltas = tuple(MetricDelta(name, fa.get(name), fb.get(name)) for name in dict.fromkeys([*fa, *fb]))
    by_id = {r.id: r for r in ra}
    pairs = [(by_id[r.id], r) for r in rb if r.id in by_id]
    warnings = []
    if ma["config"].get("qa_file") != mb["config"].get("qa_file") or len(pairs) != len(ra) or len(pairs) != len(rb):
        warnings.append(f"the runs used different questions ({len(ra)} and {len(rb)}, {len(pairs)} shared); "
                        "per-question changes cover the shared ones only")
    if ma["index"] != mb["index"]:
        warnings.append(f"the runs used different indexes: {ma['index']} vs {mb['index']}")
    changes = tuple(c for c in (_change(a, b) for a, b in pairs) if c)
    return Comparison(Path(run_a), Path(run_b), deltas, changes, len(pairs), tuple(warnings))


def _signed(delta: float | None) -> str:
    if delta is None:
        return "–"
    return f"{delta:+d}" if isinstance(delta, int) else f"{delta:+.3f}"


def _pair(x: tuple, show=str) -> str:
    return f"{show(x[0])} → {show(x[1])}"


def render_comparison(c: Comparison) -> str:
    """The comparison as markdown: settings, metric deltas, then per-question wins and losses."""
    wins = sum(ch.verdict == "win" for ch in c.changes)
    losses = sum(ch.verdict == "loss" for ch in c.changes)
    mixed = len(c.changes) - wins - losses
    out = [f"# Comparison: A = `{c.run_a}`, B = `{c.run_b}`", ""]
    out += [f"> warning: {w}" for w in c.warnings] + ([""] if c.warnings else [])
    rows = [(d.name, fmt(d.a), fmt(d.b), _signed(d.delta), d.verdict) for d in c.metrics]
    out += ["## Metrics (B − A)", "", table(("metric", "A", "B", "delta", ""), rows), ""]
    out += [f"## Questions: {wins} wins, {losses} losses, {mixed} mixed, "
            f"{c.common - len(c.changes)} unchanged (of {c.common} shared)", ""]
    show_rank = lambda r: "none" if r is None else str(r)  # noqa: E731
    rows = [(ch.id, ch.type, ch.question, _pair(ch.rank, show_rank), _pair(ch.hit), _pair(ch.refused), ch.verdict,
             ", ".join([*(f"+{w}" for w in ch.wins), *(f"-{x}" for x in ch.losses)])) for ch in c.changes]
    if rows:
        out.append(table(("id", "type", "question", "first relevant rank", "answer_hit", "refused", "verdict",
                          "what changed"), rows))
    return "\n".join(out)
