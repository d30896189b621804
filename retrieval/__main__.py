"""`python -m retrieval ask "问题"`: answer one question from the command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from index.settings import DEFAULT_INDEX_DIR
from index.store import IndexLoadError
from index.store_options import add_store_arguments, store_from_args
from prompts import text as say
from retrieval.pipeline import Pipeline
from retrieval.search import MODES, Filters, SearchSettings
from retrieval.types import Answer


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m retrieval", description="Ask the reports a question.")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("ask", help="answer one question")
    a.add_argument("question")
    a.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR)
    a.add_argument("--json", action="store_true", help="print the structured answer as JSON")
    a.add_argument("--mode", choices=MODES, default="hybrid")
    a.add_argument("--k", type=int, default=10, help="passages retrieved")
    a.add_argument("--history", action="append", default=[], help="an earlier question (repeatable)")
    a.add_argument("--report", action="append", default=[], help="search only this report file (repeatable)")
    add_store_arguments(a)
    return p


def render_text(answer: Answer) -> str:
    lines = [answer.notice] if answer.notice else []
    lines.append(answer.text)
    if answer.citations and not answer.refused:
        lines.append("")
        for c in answer.citations:
            section = (" · " + " > ".join(c.section_path)) if c.section_path else ""
            lines.append(say("citation_line", answer.lang, marker=c.marker, report=c.report,
                             article=c.article_title, section=section) + f" [{c.start}:{c.end}]")
            if c.also_in:
                lines.append("    " + say("also_in", answer.lang, places=", ".join(c.also_in)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        pipeline = Pipeline.open(args.index_dir, SearchSettings(mode=args.mode), store=store_from_args(args))
    except (IndexLoadError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    answer = pipeline.ask(args.question, history=args.history, k=args.k, filters=Filters(reports=tuple(args.report)))
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_text(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
