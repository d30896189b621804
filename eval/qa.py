"""Load and validate a QA file (JSON Lines, one question per line) against the report corpus."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from index.readers import UnreadableFile, list_report_files, read_corpus_file

TYPES = ("factoid", "procedure", "paraphrase", "english", "multi", "unanswerable")
LANGS = ("zh", "en")
UNANSWERABLE = "unanswerable"
# field -> the JSON types it may hold
_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,), "question": (str,), "answer": (str,), "evidence": (list,),
    "source": (str, type(None)), "type": (str,), "lang": (str,),
}


class QAFileError(ValueError):
    """A QA file that cannot be used; the message names the file, the line and what to fix."""


@dataclass(frozen=True)
class QAItem:
    """One evaluation question with its gold answer and the verbatim evidence spans that support it."""

    id: str
    question: str
    answer: str
    evidence: tuple[str, ...]
    source: str | None
    type: str
    lang: str

    @property
    def answerable(self) -> bool:
        return self.type != UNANSWERABLE


def corpus_texts(corpus_dir: Path) -> dict[str, str]:
    """The text of every report under `corpus_dir` that a build indexes, by path relative to it.

    Files are read as `index.build.read_corpus` reads them, so a file the build skips (a name that is
    not UTF-8, a link out of the corpus folder, an unreadable file) cannot supply evidence either.
    Raises FileNotFoundError when the folder does not exist.
    """
    texts = {}
    for path in list_report_files(corpus_dir):
        try:
            texts[path.relative_to(corpus_dir).as_posix()] = read_corpus_file(path, corpus_dir).text
        except (UnreadableFile, OSError):
            continue  # the index skips it too, so no evidence can come from it
    return texts


def _check_fields(row: object) -> str | None:
    """What is wrong with the shape of one parsed line, or None."""
    if not isinstance(row, dict):
        return f"expected a JSON object, got {type(row).__name__}"
    for name, types in _FIELDS.items():
        if name not in row:
            return f"missing field {name!r} (every line needs {', '.join(_FIELDS)})"
        if not isinstance(row[name], types):
            wanted = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            return f"field {name!r} must be {wanted}, got {type(row[name]).__name__}"
    if not row["id"].strip() or not row["question"].strip():
        return "id and question must not be empty"
    if row["type"] not in TYPES:
        return f"type {row['type']!r} is not one of {', '.join(TYPES)}"
    if row["lang"] not in LANGS:
        return f"lang {row['lang']!r} is not one of {', '.join(LANGS)}"
    if not all(isinstance(e, str) and e.strip() for e in row["evidence"]):
        return "evidence must be a list of non-empty strings"
    return None


def _check_evidence(row: dict, texts: dict[str, str]) -> str | None:
    """What is wrong with the evidence of one well-formed line, or None."""
    evidence = row["evidence"]
    if row["type"] == UNANSWERABLE and evidence:
        return 'an unanswerable item must have "evidence": []'
    if row["type"] != UNANSWERABLE and not evidence:
        return f'a {row["type"]} item needs at least one evidence span (or "type": "unanswerable")'
    if row["source"] is not None and row["source"] not in texts and row["source"] not in {
            Path(name).name for name in texts}:
        return f"source {row['source']!r} is not a report file in the corpus folder"
    for span in evidence:
        if not any(span in text for text in texts.values()):
            return (f"evidence {span[:40]!r}{'…' if len(span) > 40 else ''} is not a verbatim substring of any "
                    "report in the corpus folder; copy it from the report exactly")
    return None


def _item(row: dict) -> QAItem:
    return QAItem(id=row["id"], question=row["question"], answer=row["answer"], evidence=tuple(row["evidence"]),
                  source=row["source"], type=row["type"], lang=row["lang"])


def load_qa(path: Path, corpus_dir: Path | None = None) -> list[QAItem]:
    """Read the QA file at `path`, checking every line against the reports in `corpus_dir`
    (default: the bundled corpus, data/reports).

    Raises QAFileError naming the file, the line number and the reason for: a missing or empty file,
    bad JSON, a missing field or a value of the wrong type, an unknown type or lang, a repeated id,
    evidence that is not a verbatim substring of some report, an unanswerable item with evidence
    or an answerable item without.
    """
    from index.settings import DEFAULT_CORPUS_DIR

    path = Path(path)
    corpus_dir = Path(corpus_dir or DEFAULT_CORPUS_DIR)
    if not path.is_file():
        raise QAFileError(f"QA file {path} does not exist; pass --qa FILE.jsonl")
    try:
        texts = corpus_texts(corpus_dir)
    except FileNotFoundError as exc:
        raise QAFileError(f"cannot check {path}: {exc}") from exc
    items: list[QAItem] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QAFileError(f"{path} line {number}: bad JSON ({exc.msg} at column {exc.colno})") from exc
        problem = _check_fields(row) or _check_evidence(row, texts)
        if problem is None and row["id"] in seen:
            problem = f"id {row['id']!r} is already used on line {seen[row['id']]}"
        if problem:
            raise QAFileError(f"{path} line {number}: {problem}")
        seen[row["id"]] = number
        items.append(_item(row))
    if not items:
        raise QAFileError(f"{path} holds no questions; write one JSON object per line")
    return items
