"""Where the searchable index lives: the local folder (FAISS + bm25s, the default) or a Milvus
collection (Milvus Lite in a local file, or a Milvus server by URI). One validated settings
dataclass, the command-line flags that build it, and the manifest entry that records it."""
from __future__ import annotations

import argparse
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

KINDS = ("faiss", "milvus")
BM25_FIELDS = ("tokens", "jieba")  # which Milvus BM25 field answers: the index's own tokens, or Milvus' jieba
TOKEN_ENV = "MILVUS_TOKEN"  # "user:password" or an API key; never a flag (`ps` shows flags) nor in the manifest
_SERVER_SCHEMES = ("http", "https", "tcp", "unix")
MISSING_URI = ("--store milvus needs --milvus-uri: a local file such as var/milvus.db (Milvus Lite) "
               "or a server such as http://localhost:19530")
_COLLECTION = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,254}")


def default_collection(index_dir: Path) -> str:
    """One collection per index folder: its name and a short hash of its absolute path."""
    path = Path(index_dir).resolve()
    stem = re.sub(r"[^A-Za-z0-9_]", "_", path.name)[:40] or "index"
    return f"baogao_{stem}_{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"


@dataclass(frozen=True)
class StoreSettings:
    """`kind` "faiss" (local folder only) or "milvus" (`uri`: a local path ending in .db for Milvus
    Lite, or http://host:19530 for a server; `collection`: empty means default_collection)."""

    kind: str = "faiss"
    uri: str = ""
    collection: str = ""
    bm25_field: str = "tokens"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"store {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.bm25_field not in BM25_FIELDS:
            raise ValueError(f"--milvus-bm25 {self.bm25_field!r} is not one of {', '.join(BM25_FIELDS)}")
        if self.collection and not _COLLECTION.fullmatch(self.collection):
            raise ValueError(f"--milvus-collection {self.collection!r} is not a valid Milvus name; use letters, "
                             f"digits and underscores, starting with a letter or underscore")
        if self.kind == "milvus" and self.uri and not self.is_lite \
                and urlsplit(self.uri).scheme not in _SERVER_SCHEMES:  # no URI: the index's recorded one
            raise ValueError(f"--milvus-uri {self.uri!r} is neither a local Milvus Lite file (a path ending "
                             f"in .db, e.g. var/milvus.db) nor a server URI (http://host:19530)")

    @property
    def is_lite(self) -> bool:
        return self.uri.endswith(".db") and urlsplit(self.uri).scheme not in _SERVER_SCHEMES

    @property
    def public_uri(self) -> str:
        """The URI without any user:password in it, as the manifest and messages show it."""
        if self.is_lite:
            return str(Path(self.uri).resolve())
        parts = urlsplit(self.uri)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))

    def collection_for(self, index_dir: Path) -> str:
        return self.collection or default_collection(index_dir)

    def with_manifest(self, manifest: dict) -> "StoreSettings":
        """These settings, with the URI and collection the index recorded filled in where not given."""
        entry = manifest.get("store") or {}
        if self.kind != "milvus" or entry.get("kind") != "milvus":
            return self
        return StoreSettings(self.kind, self.uri or entry.get("uri", ""),
                             self.collection or entry.get("collection", ""), self.bm25_field)

    @property
    def token(self) -> str:
        return os.environ.get(TOKEN_ENV, "")


def add_store_arguments(p: argparse.ArgumentParser, build: bool = False, kind: bool = True) -> None:
    """The --store flags, shared by `index build`, `retrieval ask`, `eval run` and app.py (`kind`
    False: no --store flag, Milvus is implied, as in `index sync`)."""
    if kind:
        p.add_argument("--store", choices=KINDS, default="faiss",
                       help="faiss: the local index folder (default); milvus: a Milvus collection (docs/MILVUS.md)")
    else:
        p.set_defaults(store="milvus")
    p.add_argument("--milvus-uri", default="",
                   help="var/milvus.db (Milvus Lite, a local file) or http://host:19530 (a server); "
                        f"a login goes in {TOKEN_ENV}=user:password" + ("" if build else
                                                                        "; default: the one the index recorded"))
    p.add_argument("--milvus-collection", default="", help="collection name (default: one per index folder)")
    if not build:
        p.add_argument("--milvus-bm25", choices=BM25_FIELDS, default="tokens",
                       help="BM25 over the index's own jieba tokens (default, as bm25s) or Milvus' jieba analyzer")


def store_from_args(args: argparse.Namespace, need_uri: bool = False) -> StoreSettings:
    """StoreSettings from the parsed flags (`need_uri`: Milvus must be named, as a build writes to it);
    raises ValueError naming a bad or missing flag."""
    if need_uri and args.store == "milvus" and not args.milvus_uri:
        raise ValueError(MISSING_URI)
    return StoreSettings(args.store, args.milvus_uri, args.milvus_collection, getattr(args, "milvus_bm25", "tokens"))
