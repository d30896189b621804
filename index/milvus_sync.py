"""Write a built index folder into its Milvus collection (index/milvus_store.py): every chunk's row
with a hash of its content, so a rerun skips what is already there, then the manifest's record of it.
Nothing is embedded again: the vectors come from the folder."""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from index.milvus_store import BATCH, MAX_VARCHAR, MilvusStore, StoreError, SyncSummary, connect, token_text
from index.store import LoadedIndex, load_index
from index.store_options import StoreSettings


def _clip(text: str) -> str:
    data = text.encode("utf-8")
    return text if len(data) <= MAX_VARCHAR else data[:MAX_VARCHAR].decode("utf-8", "ignore").rsplit(" ", 1)[0]


def chunk_rows(index: LoadedIndex) -> tuple[list[str], Callable[[list[int]], list[dict]]]:
    """The content hash of each chunk's row (text, tokens, metadata and vector), and a function
    building the rows at given positions."""
    fields = []
    for c in index.chunks:
        fields.append({"id": c.id, "text": _clip(c.context_text),
                       "tokens": _clip(token_text(index.tokenizer.tokens(c.context_text))), "report": c.report,
                       "article_key": c.article_key, "article_title": c.article_title,
                       "section_path": list(c.section_path), "start": c.start, "end": c.end, "dup_group": c.dup_group})
    hashes = []
    for f, vector in zip(fields, index.vectors):
        digest = hashlib.sha1(json.dumps(f, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        digest.update(np.ascontiguousarray(vector, dtype=np.float32).tobytes())
        hashes.append(digest.hexdigest())

    def rows(positions: list[int]) -> list[dict]:
        return [{**fields[i], "row_hash": hashes[i], "vector": np.asarray(index.vectors[i], dtype=np.float32)}
                for i in positions]

    return hashes, rows


def sync_index(index_dir: Path, store: StoreSettings, batch_size: int = BATCH, recreate: bool = False,
               progress: bool = True, log: Callable[[str], None] = print) -> SyncSummary:
    """Write the index at `index_dir` into its Milvus collection (nothing is embedded again) and
    record the collection in the index's manifest. A rerun after an interruption skips the rows
    already written. Raises StoreError or IndexLoadError with the fix."""
    index = load_index(index_dir)
    name = store.collection_for(index.path)
    milvus = MilvusStore(connect(store), name)
    setup = milvus.create(index.vectors.shape[1], len(index.chunks), recreate, store.is_lite)
    hashes, rows = chunk_rows(index)
    summary = milvus.sync([c.id for c in index.chunks], hashes, rows, batch_size, progress)
    if milvus.count() != len(index.chunks):
        raise StoreError(f"Milvus collection {name!r} holds {milvus.count()} rows after the sync, the index "
                         f"{len(index.chunks)}; run the same command again")
    record_store(index.path, {"kind": "milvus", "uri": store.public_uri, "collection": name, "lite": store.is_lite,
                              **setup, "rows": len(index.chunks),
                              "synced_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    log(f"Milvus collection {name} at {store.public_uri}: {summary.upserted} chunks written, {summary.unchanged} "
        f"unchanged, {summary.deleted} deleted, in {summary.seconds:.1f}s")
    return summary


def record_store(index_dir: Path, entry: dict) -> None:
    """Set the manifest's "store" entry (the manifest itself is not checksummed; replaced atomically)."""
    path = Path(index_dir) / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["store"] = entry
    tmp = path.with_name(f"manifest.json.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
