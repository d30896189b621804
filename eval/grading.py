"""Hand grading: export a run as a spreadsheet for graders, and read filled sheets back into accuracy
and, with two graders, their agreement (Cohen's kappa).

Accepted grades (case and surrounding spaces ignored; a blank cell means "not graded"):
  1.0 (correct):   1, 1.0, 对, 正确, 是, √, ✓, correct, right, yes, y, true
  0.5 (partial):   0.5, .5, 半对, 部分, 部分正确, partial, partly, half
  0.0 (incorrect): 0, 0.0, 错, 错误, 否, ×, ✗, incorrect, wrong, no, n, false
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from eval.metrics import cohen_kappa
from eval.run import load_run
from eval.scoring import QuestionResult

COLUMNS = ("id", "type", "question", "answer", "citations", "gold_answer", "grade", "comment")
GRADES: dict[float, tuple[str, ...]] = {
    1.0: ("1", "1.0", "对", "正确", "是", "√", "✓", "correct", "right", "yes", "y", "true"),
    0.5: ("0.5", ".5", "半对", "部分", "部分正确", "partial", "partly", "half"),
    0.0: ("0", "0.0", "错", "错误", "否", "×", "✗", "incorrect", "wrong", "no", "n", "false"),
}
_GRADE_OF = {word: value for value, words in GRADES.items() for word in words}


class GradingError(ValueError):
    """A grading sheet that cannot be read; the message names the file, the row and the fix."""


@dataclass(frozen=True)
class Sheet:
    path: Path
    grades: dict[str, float]  # question id -> grade, graded rows only
    types: dict[str, str]  # question id -> type, every row


@dataclass(frozen=True)
class GradingSummary:
    sheets: tuple[Sheet, ...]
    accuracy: tuple[float | None, ...]  # per sheet: mean grade of graded questions
    by_type: tuple[dict[str, tuple[float, int]], ...]  # per sheet: type -> (mean grade, graded count)
    kappa: float | None  # two sheets: agreement on the questions both graded
    shared: int  # questions graded in both sheets
    agreement: float | None  # share of shared questions with the same grade


def _citation_cell(citation: dict) -> str:
    section = f" · {citation['section']}" if citation["section"] else ""
    return f"【{citation['marker']}】{citation['report']} · {citation['article']}{section}: {citation['quote']}"


def _row(r: QuestionResult) -> dict[str, str]:
    return {"id": r.id, "type": r.type, "question": r.question, "answer": r.answer,
            "citations": "\n".join(_citation_cell(c) for c in r.citations), "gold_answer": r.gold_answer,
            "grade": "", "comment": ""}


def export_grading(run_dir: Path, out_csv: Path) -> int:
    """Write one row per question of the run at `run_dir` to `out_csv` (UTF-8 with BOM, so Excel and
    WPS open it cleanly), with blank grade and comment columns. Returns the number of rows.

    Raises FileNotFoundError when the run folder is incomplete.
    """
    _, results = load_run(run_dir)
    out_csv = Path(out_csv)
    out_csv.parent.mkdir(parents=True, exist_ok=True)
    with out_csv.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(_row(r) for r in results)
    return len(results)


def parse_grade(value: str) -> float | None:
    """The grade a cell holds (1.0, 0.5 or 0.0), None for a blank cell. Raises KeyError when unknown."""
    word = value.strip().lower()
    return None if not word else _GRADE_OF[word]


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel on Chinese Windows saves CSV in the ANSI code page (GBK)
        return data.decode("gb18030")


def read_sheet(path: Path) -> Sheet:
    """Read a filled grading sheet. Raises GradingError for a missing file or column, a repeated id,
    or an unknown grade (naming its row as a spreadsheet numbers it: the header is row 1)."""
    path = Path(path)
    if not path.is_file():
        raise GradingError(f"grading sheet {path} does not exist; make one with "
                           "`python -m eval export-grading RUN --out sheet.csv`")
    reader = csv.DictReader(io.StringIO(_decode(path), newline=""))
    missing = [c for c in ("id", "type", "grade") if c not in (reader.fieldnames or [])]
    if missing:
        raise GradingError(f"{path}: missing column(s) {', '.join(missing)}; keep the header row of the exported sheet")
    grades, types = {}, {}
    for row_number, row in enumerate(reader, start=2):
        qid = (row["id"] or "").strip()
        if not qid:
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                raise GradingError(f"{path} row {row_number}: the id cell is empty; restore the question id")
            continue  # a blank row, as spreadsheets leave at the end
        if qid in types:
            raise GradingError(f"{path} row {row_number}: question {qid!r} appears twice")
        types[qid] = (row["type"] or "").strip()
        try:
            grade = parse_grade(row["grade"] or "")
        except KeyError:
            raise GradingError(f"{path} row {row_number}: grade {row['grade']!r} is not a known grade; use "
                               "1/0/0.5, 对/错/部分, correct/incorrect/partial (or leave it blank)") from None
        if grade is not None:
            grades[qid] = grade
    return Sheet(path, grades, types)


def _accuracy(sheet: Sheet) -> tuple[float | None, dict[str, tuple[float, int]]]:
    by_type: dict[str, list[float]] = {}
    for qid, grade in sheet.grades.items():
        by_type.setdefault(sheet.types[qid], []).append(grade)
    overall = sum(sheet.grades.values()) / len(sheet.grades) if sheet.grades else None
    return overall, {t: (sum(g) / len(g), len(g)) for t, g in sorted(by_type.items())}


def import_grading(csv_paths: list[Path]) -> GradingSummary:
    """Graded accuracy of one or two filled sheets, overall and by type; with two sheets, Cohen's
    kappa (grades as categories) on the questions graded in both.

    Raises GradingError for unreadable sheets or unknown grades, and for more than two sheets.
    """
    if not 1 <= len(csv_paths) <= 2:
        raise GradingError(f"pass one or two grading sheets, not {len(csv_paths)}")
    sheets = tuple(read_sheet(p) for p in csv_paths)
    scored = [_accuracy(s) for s in sheets]
    kappa = agreement = None
    shared: list[str] = []
    if len(sheets) == 2:
        shared = [qid for qid in sheets[0].grades if qid in sheets[1].grades]
        if shared:
            a = [sheets[0].grades[q] for q in shared]
            b = [sheets[1].grades[q] for q in shared]
            kappa = cohen_kappa(a, b)
            agreement = sum(x == y for x, y in zip(a, b)) / len(shared)
    return GradingSummary(sheets, tuple(s[0] for s in scored), tuple(s[1] for s in scored), kappa, len(shared),
                          agreement)


def render_grading(summary: GradingSummary) -> str:
    """Accuracy per sheet and by type, then the agreement of two graders."""
    out = []
    for sheet, acc, by_type in zip(summary.sheets, summary.accuracy, summary.by_type):
        shown = "–" if acc is None else f"{acc:.3f}"
        out.append(f"{sheet.path}: graded {len(sheet.grades)} of {len(sheet.types)} questions, accuracy {shown}")
        out += [f"  {t:<14} {mean:.3f}  (n={n})" for t, (mean, n) in by_type.items()]
    if len(summary.sheets) == 2:
        if summary.kappa is None:
            out.append("agreement: no question is graded in both sheets")
        else:
            out.append(f"agreement on {summary.shared} questions graded in both: {summary.agreement:.3f} raw, "
                       f"Cohen's kappa {summary.kappa:.3f}")
    return "\n".join(out)
