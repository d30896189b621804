"""BM25 and dense candidates from a Milvus collection (index/milvus_store.py), as the arrays the
Searcher fuses: one score per chunk row, so fusion, near-duplicate collapsing, filters and answer
composition stay the Searcher's own. Like the FAISS path on a large corpus, each side brings its
top 2 × `candidates` rows with their scores; the rest get 0 (BM25) or just under the lowest (dense)."""
from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from index.milvus_store import BM25_OUTPUT, MilvusStore, StoreError, connect, token_text
from index.store import LoadedIndex
from index.store_options import StoreSettings
from retrieval.filters import ChunkColumns

HNSW_EF = 256  # as index.faiss_index.HNSW_EF_SEARCH; raised to the limit when more rows are asked for


@dataclass
class MilvusBackend:
    index: LoadedIndex
    store: StoreSettings
    client: object
    collection: str

    def __post_init__(self) -> None:
        # each chunk's article as an integer code, so a filter costs no Python loop over the chunks
        columns = ChunkColumns.of(self.index)
        self._article_codes, self._article_names = columns.article_codes, list(columns.article_names)

    def describe(self) -> dict:
        """For run configs and logs: where the candidates come from (no credentials)."""
        return {"kind": "milvus", "uri": self.store.public_uri, "collection": self.collection,
                "bm25_field": self.store.bm25_field}

    def bm25_scores(self, tokens: list[str], mask: np.ndarray | None, limit: int) -> np.ndarray:
        """BM25 score of each chunk row: Milvus' top `limit` keep theirs, every other row 0."""
        scores = np.zeros(len(self.index.chunks), dtype=np.float32)
        expr = self._filter(mask)
        if expr is False or not tokens:
            return scores
        # the jieba field is given the same tokens; its analyzer splits them again as it likes
        field = "tokens" if self.store.bm25_field == "tokens" else "text"
        text = token_text(tokens) if field == "tokens" else " ".join(tokens)
        rows, found = self._search(text, BM25_OUTPUT[field], limit, expr, {"metric_type": "BM25"})
        # Milvus Lite reports a BM25 hit's distance as -score, a Milvus server as +score
        scores[rows] = np.abs(found)
        return scores if mask is None else np.where(mask, scores, np.float32(0))

    def dense_candidates(self, q: np.ndarray, mask: np.ndarray | None, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows of Milvus' `limit` nearest chunks, in row order, and their inner products with `q`."""
        expr = self._filter(mask)
        if expr is False:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        params = {"metric_type": "IP", "params": {"ef": max(HNSW_EF, limit)}}
        rows, sims = self._search(np.asarray(q, dtype=np.float32).tolist(), "vector", limit, expr, params)
        if mask is not None:
            keep = mask[rows]
            rows, sims = rows[keep], sims[keep]
        order = np.argsort(rows)
        return rows[order], sims[order].astype(np.float32)

    def _search(self, data, field: str, limit: int, expr: str | None, params: dict) -> tuple[np.ndarray, np.ndarray]:
        found = self.client.search(self.collection, data=[data], anns_field=field, limit=min(limit, 16_384),
                                   filter=expr or "", output_fields=["id"], search_params=params)[0]
        pos = self.index.chunk_pos
        hits = [(pos[h["id"]], h["distance"]) for h in found if h["id"] in pos]
        if not hits:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        rows, values = zip(*hits)
        return np.array(rows, dtype=np.int64), np.array(values, dtype=np.float32)

    def _filter(self, mask: np.ndarray | None) -> str | None | bool:
        """The Milvus filter for the rows `mask` allows: None for all, False for none. Filters choose
        whole reports or articles, so the allowed articles say it exactly; rows are masked after too."""
        if mask is None:
            return None
        allowed = np.flatnonzero(mask)
        if not len(allowed):
            return False
        if len(allowed) == len(mask):
            return None
        keys = [self._article_names[code] for code in np.unique(self._article_codes[allowed])]
        return f"article_key in {json.dumps(keys, ensure_ascii=False)}"


def open_backend(index: LoadedIndex, store: StoreSettings) -> MilvusBackend:
    """The Milvus side of `index`: its recorded collection (or the one `store` names), checked to
    hold every chunk. Raises StoreError (an IndexLoadError) with the command that fixes it."""
    store = store.with_manifest(index.manifest)
    entry = index.manifest.get("store") or {}
    sync = (f"`python -m index sync --index-dir {index.path} --milvus-uri {store.uri or 'URI'}`"
            + (f" --milvus-collection {store.collection}" if store.collection else ""))
    if entry.get("kind") != "milvus" or not entry.get("synced_at"):
        raise StoreError(f"index at {index.path} has not been written to Milvus; write it with {sync} "
                         f"(or build it with `python -m index build --store milvus --milvus-uri URI`)")
    name = store.collection_for(index.path)
    client = connect(store)
    milvus = MilvusStore(client, name)
    if not client.has_collection(name):
        raise StoreError(f"Milvus at {store.public_uri} has no collection {name!r}; write the index there with {sync}")
    count = milvus.count()
    if count != len(index.chunks):
        raise StoreError(f"Milvus collection {name!r} at {store.public_uri} holds {count} chunks, the index at "
                         f"{index.path} {len(index.chunks)}; bring it up to date with {sync}")
    if str(client.get_load_state(name).get("state")).rsplit(".", 1)[-1] != "Loaded":
        client.load_collection(name)
    return MilvusBackend(index, store, client, name)
