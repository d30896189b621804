"""Export a conversation with its citations as a Markdown document."""
from __future__ import annotations

import html
import re
import tempfile
import uuid
from datetime import datetime
from pathlib import Path

from prompts.ui import ui_text
from ui.conversation import Turn

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~>])")


def md_text(text: str) -> str:
    """Report or question text made inert in Markdown: HTML escaped, Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _quote_block(text: str) -> str:
    return "\n".join(f"> {md_text(line)}" if line.strip() else ">" for line in text.split("\n"))


def _turn_markdown(n: int, turn: Turn) -> list[str]:
    a = turn.answer
    lang = a.lang
    lines = [f"## {ui_text('export_question', lang, n=n)}: {md_text(turn.question)}", ""]
    if a.notice:
        lines += [f"*{md_text(a.notice)}*", ""]
    lines += [md_text(line) + "  " for line in a.text.split("\n")]
    if a.citations:
        label = ui_text("export_closest" if a.refused else "export_sources", lang)
        lines += ["", f"**{label}**", ""]
        for c in a.citations:
            section = " › ".join(c.section_path) or ui_text("body_section", lang)
            where = ui_text("export_offsets", lang, start=c.start, end=c.end)
            lines.append(f"- 【{c.marker}】 {md_text(c.report)} · {md_text(c.article_title)} · "
                         f"{md_text(section)} ({where})")
            lines += ["", _quote_block(c.quote), ""]
    return lines + [""]


def conversation_markdown(turns: list[Turn], manifest: dict | None, now: datetime | None = None) -> str:
    """The whole conversation: each question, its answer with 【n】 markers, and each citation's
    report, article, section, offsets and quoted words."""
    manifest = manifest or {}
    lang = turns[0].answer.lang if turns else "zh"
    now = now or datetime.now().astimezone()
    corpus = (manifest.get("corpus", {}).get("sha256") or "?")[:12]
    lines = [f"# {ui_text('export_title', lang)}", "",
             ui_text("export_meta", lang, time=now.isoformat(timespec="seconds"),
                     built_at=manifest.get("built_at", "?"), corpus=corpus), ""]
    for n, turn in enumerate(turns, start=1):
        lines += _turn_markdown(n, turn)
    return "\n".join(lines).rstrip() + "\n"


_EXPORT_DIR: Path | None = None


def write_export(turns: list[Turn], manifest: dict | None, folder: Path | None = None) -> Path | None:
    """Write the conversation to a fresh file in `folder` (default: this process's temporary export
    folder, from which Gradio serves the download); None when the conversation is empty."""
    global _EXPORT_DIR
    if not turns:
        return None
    if folder is None:
        if _EXPORT_DIR is None:
            _EXPORT_DIR = Path(tempfile.mkdtemp(prefix="baogao-export-"))
        folder = _EXPORT_DIR
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(folder) / f"conversation-{stamp}-{uuid.uuid4().hex[:6]}.md"
    path.write_text(conversation_markdown(turns, manifest), encoding="utf-8")
    return path
