"""Plots of a run as PNG files (matplotlib, Agg backend: no display needed)."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)

RECALL_PNG = "recall_at_k.png"
BY_TYPE_PNG = "by_type.png"


def plot_recall_curve(curve: list[float], out: Path, label: str = "") -> Path:
    """recall@k for k = 1..len(curve)."""
    fig, ax = plt.subplots(figsize=(5, 3.5), dpi=100)
    ks = list(range(1, len(curve) + 1))
    ax.plot(ks, curve, marker="o", label=label or None)
    ax.set_xticks(ks)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("k")
    ax.set_ylabel("recall@k")
    ax.set_title("Retrieval recall@k (answerable questions)")
    ax.grid(alpha=0.3)
    if label:
        ax.legend()
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out


def plot_by_type(by_type: dict, out: Path) -> Path:
    """Bars of recall@5 and answer_hit per question type (types with no answerable question are skipped)."""
    names = [t for t, g in by_type.items() if g["recall@5"] is not None]
    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=100)
    xs = range(len(names))
    width = 0.38
    ax.bar([x - width / 2 for x in xs], [by_type[t]["recall@5"] for t in names], width, label="recall@5")
    ax.bar([x + width / 2 for x in xs], [by_type[t]["answer_hit"] or 0.0 for t in names], width, label="answer_hit")
    ax.set_xticks(list(xs), [f"{t}\n(n={by_type[t]['n']})" for t in names])
    ax.set_ylim(0, 1.2)  # head room for the legend above the bars
    ax.set_title("By question type")
    ax.legend(loc="upper center", ncol=2)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out


def write_plots(curve: list[float], by_type: dict, out_dir: Path, label: str = "") -> list[Path]:
    """Write both plots into `out_dir`; returns their paths."""
    return [plot_recall_curve(curve, out_dir / RECALL_PNG, label), plot_by_type(by_type, out_dir / BY_TYPE_PNG)]
