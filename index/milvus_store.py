"""The index in a Milvus collection: one row per chunk (its vector, its text for Milvus' BM25, the
metadata a citation needs), written in batches that a rerun resumes, updated by chunk id.

Two BM25 fields, both filled by Milvus' own BM25 function:
- `tokens`: the index's own jieba tokens (index/tokens.py, the exact tokens bm25s sees), joined by
  spaces and split again by a whitespace analyzer, so Milvus ranks as bm25s does;
- `text`: the chunk's text (title and heading path first, as embedded) under Milvus' jieba analyzer.
The local index folder stays as it is: the answer composer reads its articles and sentence vectors.
index/milvus_sync.py writes a built folder into the collection; retrieval/milvus_backend.py searches it.
"""
from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from index.faiss_index import FLAT_MAX, HNSW_EF_CONSTRUCTION, HNSW_M
from index.store import IndexLoadError
from index.store_options import MISSING_URI, TOKEN_ENV, StoreSettings
from index.tokens import _STOPWORDS

BM25_K1, BM25_B = 1.2, 0.75  # as index.store.make_bm25 gives bm25s
BATCH = 256  # rows per upsert: ~0.5 MB of vectors and text, well under gRPC's 64 MB message limit
MAX_VARCHAR = 65_535  # bytes, Milvus' VARCHAR limit
FIELDS = ("id", "vector", "text", "tokens", "report", "article_key", "article_title", "section_path",
          "start", "end", "dup_group", "row_hash")
BM25_OUTPUT = {"tokens": "tokens_bm25", "text": "text_bm25"}
LITE_KEEPALIVE = {"grpc.keepalive_time_ms": 300_000, "grpc.keepalive_permit_without_calls": False}
_NOT_WORD = re.compile(r"\W")
_PUNCTUATION = list("，。、；：？！“”‘’（）《》【】—…·,.;:?!\"'()[]<>-")


class StoreError(IndexLoadError):
    """Milvus cannot be reached, or its collection does not match the index; the message says the fix.
    An IndexLoadError, so every entry point already reports it."""


@dataclass(frozen=True)
class SyncSummary:
    rows: int  # chunks in the index
    upserted: int  # written in this run (new or changed)
    unchanged: int  # already present with the same content hash (skipped: how a rerun resumes)
    deleted: int  # in the collection but no longer in the index
    seconds: float


def token_text(tokens: list[str]) -> str:
    """Tokens as one string a whitespace analyzer splits back into exactly these tokens. Characters
    other than letters, digits and "_" become "_", so Milvus Lite's `\\w+` analyzer (it has no
    whitespace tokenizer) splits the same way."""
    return " ".join(_NOT_WORD.sub("_", t) for t in tokens)


def connect(store: StoreSettings):
    """A MilvusClient for `store` (a Milvus Lite file is opened, and its folder made, when needed).

    Raises StoreError with the fix when pymilvus is missing or the server or file cannot be opened.
    """
    if not store.uri:
        raise StoreError(MISSING_URI)
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise StoreError("--store milvus needs pymilvus and milvus-lite: "
                         "`pip install -r requirements.txt`") from exc
    # Milvus Lite has no server timestamps; pymilvus warns so on every query iterator (set after its import)
    logging.getLogger("pymilvus.client.iterator.query_iterator").setLevel(logging.ERROR)
    if store.is_lite:
        Path(store.uri).resolve().parent.mkdir(parents=True, exist_ok=True)
    # Milvus Lite's gRPC server keeps gRPC's default ping policy (at most one every 5 minutes) and answers
    # pymilvus' 10-second keepalive pings with GOAWAY "too_many_pings", dropping the connection
    options = {"grpc_options": LITE_KEEPALIVE} if store.is_lite else {}
    try:
        return MilvusClient(uri=str(Path(store.uri).resolve()) if store.is_lite else store.uri, token=store.token,
                            **options)
    except Exception as exc:  # pymilvus raises several types for one meaning: no connection
        if store.is_lite:
            raise StoreError(f"cannot open the Milvus Lite file {store.public_uri} ({exc}); Milvus Lite lets one "
                             f"process open a file at a time: stop the other one, or serve the file with "
                             f"`milvus-lite server --data-dir {store.uri} --port 19530` and pass "
                             f"--milvus-uri http://127.0.0.1:19530") from exc
        raise StoreError(f"cannot connect to Milvus at {store.public_uri} ({exc.__class__.__name__}: {exc}); "
                         f"check that it runs and --milvus-uri, and the login in {TOKEN_ENV} "
                         f"(docs/MILVUS.md)") from exc


def _analyzers() -> tuple[dict, dict, dict]:
    """(tokens on a server, tokens on Milvus Lite, text) analyzer parameters."""
    stop = {"type": "stop", "stop_words": sorted(_STOPWORDS | set(_PUNCTUATION))}
    return ({"tokenizer": "whitespace"}, {"tokenizer": "standard"},
            {"tokenizer": "jieba", "filter": ["lowercase", stop]})  # punctuation is among the stop words


def _schema(client, dim: int, tokens_analyzer: dict):
    from pymilvus import DataType, Function, FunctionType

    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=64)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
    schema.add_field("text", DataType.VARCHAR, max_length=MAX_VARCHAR, enable_analyzer=True,
                     analyzer_params=_analyzers()[2])
    schema.add_field("tokens", DataType.VARCHAR, max_length=MAX_VARCHAR, enable_analyzer=True,
                     analyzer_params=tokens_analyzer)
    for name in ("report", "article_key", "article_title"):
        schema.add_field(name, DataType.VARCHAR, max_length=4096)
    schema.add_field("section_path", DataType.JSON)
    for name in ("start", "end", "dup_group"):
        schema.add_field(name, DataType.INT64)
    schema.add_field("row_hash", DataType.VARCHAR, max_length=64)
    for source, output in BM25_OUTPUT.items():
        schema.add_field(output, DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(Function(name=f"{source}_bm25_fn", function_type=FunctionType.BM25,
                                     input_field_names=[source], output_field_names=[output]))
    return schema


def _index_params(client, n: int):
    """FLAT (exact) up to FLAT_MAX chunks, as the local FAISS index; HNSW with its parameters above."""
    params = client.prepare_index_params()
    if n <= FLAT_MAX:
        params.add_index("vector", index_type="FLAT", metric_type="IP")
    else:
        params.add_index("vector", index_type="HNSW", metric_type="IP",
                         params=_both_forms({"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION}))
    for output in BM25_OUTPUT.values():
        params.add_index(output, index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                         params=_both_forms({"bm25_k1": BM25_K1, "bm25_b": BM25_B}))
    return params


def _both_forms(params: dict) -> dict:
    """Index parameters as pymilvus 3 sends them (one key each) and also as one JSON "params" key,
    the older form, which is the only one Milvus Lite 3.2 reads: without it Lite silently keeps its
    defaults (BM25 k1 = 1.5, not bm25s' 1.2, which reorders hits)."""
    return {**params, "params": params}


class MilvusStore:
    """One index's collection: create it, read what it holds, write chunks into it."""

    def __init__(self, client, name: str):
        self.client, self.name = client, name

    def create(self, dim: int, n: int, recreate: bool = False, lite: bool = False) -> dict:
        """Make the collection when missing (`recreate`: drop it first); returns how it is set up.

        Raises StoreError when an existing collection has another vector dimension or other fields.
        """
        if recreate and self.client.has_collection(self.name):
            self.client.drop_collection(self.name)
        if self.client.has_collection(self.name):
            return self._check(dim)
        # Milvus Lite has no whitespace tokenizer; its standard one (`\w+`) splits token_text alike. A
        # server's standard tokenizer splits Chinese into single characters, so a server gets whitespace.
        ws, standard, _ = _analyzers()
        try:
            self._create(dim, n, standard if lite else ws)
        except Exception as exc:
            if lite or "'standard', 'jieba'" not in str(exc):  # not Milvus Lite served at a URI
                raise StoreError(f"Milvus could not create collection {self.name!r} ({exc}); the BM25 function "
                                 f"and analyzers need Milvus 2.5 or later (docs/MILVUS.md)") from exc
            self._create(dim, n, standard)
        return self._check(dim)

    def _create(self, dim: int, n: int, tokens_analyzer: dict) -> None:
        self.client.create_collection(self.name, schema=_schema(self.client, dim, tokens_analyzer),
                                      index_params=_index_params(self.client, n))

    def _check(self, dim: int) -> dict:
        info = self.client.describe_collection(self.name)
        fields = {f["name"]: f for f in info["fields"]}
        found = fields.get("vector", {}).get("params", {}).get("dim")
        if set(FIELDS) - set(fields) or int(found or 0) != dim:
            raise StoreError(f"Milvus collection {self.name!r} has other fields or dimension ({found}, index: "
                             f"{dim}); drop and write it anew with `python -m index sync --milvus-recreate …`, "
                             f"or pass another --milvus-collection")
        analyzer = json.loads(fields["tokens"]["params"].get("analyzer_params", "{}")).get("tokenizer")
        dense = self.client.describe_index(self.name, "vector")
        bm25 = self.client.describe_index(self.name, BM25_OUTPUT["tokens"]).get("params", {})
        return {"tokens_analyzer": analyzer, "dense_index": dense.get("index_type"),
                "dense_params": dense.get("params", {}), "bm25": bm25}

    def count(self) -> int:
        return int(self.client.get_collection_stats(self.name)["row_count"])

    def row_hashes(self) -> dict[str, str]:
        """Chunk id → content hash of every row in the collection."""
        out: dict[str, str] = {}
        iterator = self.client.query_iterator(self.name, batch_size=1000, filter="", output_fields=["id", "row_hash"])
        try:
            while batch := iterator.next():
                out.update((r["id"], r["row_hash"]) for r in batch)
        finally:
            iterator.close()
        return out

    def sync(self, ids: list[str], hashes: list[str], rows: Callable[[list[int]], list[dict]],
             batch_size: int = BATCH, progress: bool = True) -> SyncSummary:
        """Make the collection hold exactly chunks `ids`: upsert those whose hash differs from the
        stored one (`rows(positions)` builds them, a batch at a time), delete ids not in `ids`."""
        started = time.perf_counter()
        present = self.row_hashes()
        todo = [i for i, (cid, h) in enumerate(zip(ids, hashes)) if present.get(cid) != h]
        stale = sorted(set(present) - set(ids))
        with tqdm(total=len(todo), desc="milvus upsert", unit="chunk", disable=not progress or not todo) as bar:
            for start in range(0, len(todo), batch_size):
                batch = todo[start:start + batch_size]
                self.client.upsert(self.name, rows(batch))
                bar.update(len(batch))
        for start in range(0, len(stale), batch_size):
            self.client.delete(self.name, ids=stale[start:start + batch_size])
        self.client.flush(self.name)
        return SyncSummary(len(ids), len(todo), len(ids) - len(todo), len(stale), time.perf_counter() - started)
