"""Validated settings of an index build; the manifest records them."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from index.embedders import DEFAULT_MODEL
from index.faiss_index import KINDS as FAISS_KINDS
from index.store_options import StoreSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS_DIR = PROJECT_ROOT / "data" / "reports"
DEFAULT_INDEX_DIR = Path(os.environ.get("BAOGAO_INDEX_DIR", PROJECT_ROOT / "var" / "index"))


@dataclass(frozen=True)
class IndexSettings:
    corpus_dir: Path = DEFAULT_CORPUS_DIR
    index_dir: Path = DEFAULT_INDEX_DIR
    model: str = DEFAULT_MODEL
    chunk_size: int = 300
    chunk_overlap: int = 50
    dedup_threshold: float = 0.7
    batch_size: int = 16
    sentence_vectors: bool = True  # embed every sentence too, so answers can pick sentences by meaning
    faiss_index: str = "auto"  # FAISS index type; "auto" chooses by corpus size (index/faiss_index.py)
    store: StoreSettings = field(default_factory=StoreSettings)  # milvus: also write every chunk to Milvus

    def __post_init__(self) -> None:
        if not 50 <= self.chunk_size <= 4000:
            raise ValueError(f"chunk_size {self.chunk_size} is out of range; use 50-4000 characters")
        if not 0 <= self.chunk_overlap < self.chunk_size // 2:
            raise ValueError(f"chunk_overlap {self.chunk_overlap} must be 0 to half of chunk_size ({self.chunk_size})")
        if not 0.3 <= self.dedup_threshold <= 1.0:
            raise ValueError(f"dedup_threshold {self.dedup_threshold} must be between 0.3 and 1.0")
        if self.batch_size < 1:
            raise ValueError(f"batch_size {self.batch_size} must be at least 1")
        if self.faiss_index not in FAISS_KINDS:
            raise ValueError(f"faiss_index {self.faiss_index!r} is not one of {', '.join(FAISS_KINDS)}")

    def chunking(self) -> dict:
        return {"splitter": "langchain RecursiveCharacterTextSplitter", "chunk_size": self.chunk_size,
                "chunk_overlap": self.chunk_overlap}
