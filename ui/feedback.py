"""Evaluator feedback on answers, appended to a JSON Lines log that concurrent writers cannot corrupt."""
from __future__ import annotations

import fcntl
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from prompts.ui import RATINGS, ui_text


def validate_rating(rating: str, lang: str = "zh") -> str:
    """`rating` if it is one of RATINGS; raises ValueError naming the valid choices otherwise."""
    if rating not in RATINGS:
        raise ValueError(ui_text("feedback_bad_rating", lang, choices=", ".join(RATINGS), value=rating))
    return rating


# /feedback takes all of these from the client: bounded, so one request cannot write megabytes to the log
MAX_COMMENT, MAX_TEXT, MAX_CITATIONS, MAX_HISTORY = 2000, 20_000, 20, 10


def _cut(value: object, n: int) -> str:
    return str(value if value is not None else "")[:n]


def feedback_record(answer: dict, rating: str, comment: str, settings: dict, manifest: dict | None,
                    history: list[str] | None = None) -> dict:
    """One log line: the question, the answer and its citations as shown, the rating, and what produced it.

    `answer` is Answer.to_dict(); `manifest` the index manifest (None when no index is loaded).
    """
    manifest = manifest or {}
    fields = ("marker", "report", "article_index", "article_title", "section_path", "start", "end", "quote")
    citations = [{k: c.get(k) for k in fields} for c in answer.get("citations", [])[:MAX_CITATIONS]]
    return {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "rating": validate_rating(rating),
        "comment": _cut(comment, MAX_COMMENT).strip(),
        "question": _cut(answer.get("question", ""), MAX_TEXT),
        "history": [_cut(h, MAX_TEXT) for h in list(history or [])[-MAX_HISTORY:]],
        "answer": _cut(answer.get("text", ""), MAX_TEXT),
        "refused": bool(answer.get("refused", False)),
        "confidence": answer.get("confidence"),
        "citations": citations,
        "settings": settings,
        "index": {
            "built_at": manifest.get("built_at"),
            "model": manifest.get("model", {}).get("name"),
            "corpus_sha256": manifest.get("corpus", {}).get("sha256"),
        },
    }


def append_jsonl(path: Path, record: dict) -> None:
    """Append `record` as one line to `path`, safely against other threads and processes.

    subtle: O_APPEND makes each write() land at the end of the file, and one write() of one whole
    line under an exclusive flock means two submissions can neither interleave nor overwrite.
    """
    # "replace": a lone surrogate sent by a client becomes "?" instead of failing the whole line
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "replace")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            written = os.write(fd, data)
            if written != len(data):  # a short write (disk full) would leave half a line; say so
                raise OSError(f"wrote {written} of {len(data)} bytes to {path}")
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
