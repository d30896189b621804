"""Save and load the index folder: manifest, articles, chunks, vectors, FAISS, BM25, dictionary.

Everything is JSON, JSONL, .npy or FAISS's own format (no pickle). A build writes a complete
new folder beside the old one and swaps it in, so a killed build leaves the old index usable.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from index.faiss_index import describe, make_faiss_index
from index.tokens import Tokenizer
from index.types import Article, Chunk, Heading, SentenceRef

FORMAT_VERSION = 2
DEFAULT_INDEX_DIR = Path("var/index")
REBUILD_HINT = "rebuild it with `python -m index build --index-dir {dir}`"


class IndexLoadError(Exception):
    """The index folder is missing, from another version or model, or damaged; the message says the fix."""


@dataclass
class LoadedIndex:
    path: Path
    manifest: dict
    articles: dict[str, Article]  # by article key "report#i"
    chunks: list[Chunk]
    vectors: np.ndarray
    faiss_index: object
    bm25: object
    tokenizer: Tokenizer
    chunk_pos: dict[str, int] = field(default_factory=dict)  # chunk id -> row
    sentences: list[SentenceRef] = field(default_factory=list)
    sentence_vectors: np.ndarray | None = None
    sentence_pos: dict[tuple[str, int], int] = field(default_factory=dict)  # (article key, start) -> row

    @property
    def model(self) -> str:
        return self.manifest["model"]["name"]


def article_to_dict(a: Article) -> dict:
    d = asdict(a)
    d["headings"] = [asdict(h) for h in a.headings]
    return d


def article_from_dict(d: dict) -> Article:
    return Article(report=d["report"], index=d["index"], title=d["title"], text=d["text"],
                   headings=tuple(Heading(**h) for h in d["headings"]), dup_group=d.get("dup_group", -1),
                   subject=d.get("subject", ""))


def chunk_to_dict(c: Chunk) -> dict:
    d = asdict(c)
    d["section_path"] = list(c.section_path)
    return d


def chunk_from_dict(d: dict) -> Chunk:
    return Chunk(**{**d, "section_path": tuple(d["section_path"])})


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def make_bm25(token_lists: list[list[str]]):
    import bm25s

    token_lists = token_lists or [[""]]
    # token ids in sorted order: bm25s numbers a vocabulary it builds itself in set order, which changes
    # from run to run, and with it the order scores are summed in and so how near-ties fall
    vocab = {token: i for i, token in enumerate(sorted({t for tokens in token_lists for t in tokens}))}
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    retriever.index(([[vocab[t] for t in tokens] for tokens in token_lists], vocab), show_progress=False)
    return retriever


def write_index(path: Path, manifest: dict, articles: list[Article], chunks: list[Chunk],
                vectors: np.ndarray, token_lists: list[list[str]], tokenizer: Tokenizer,
                sentences: list[SentenceRef] = (), sentence_vectors: np.ndarray | None = None,
                faiss_kind: str = "auto") -> None:
    """Write a complete index into `path` (a new, empty folder). `faiss_kind` is passed to
    index.faiss_index.make_faiss_index ("auto": by corpus size); the manifest records what it made."""
    import faiss

    path.mkdir(parents=True)
    _write_jsonl(path / "articles.jsonl", [article_to_dict(a) for a in articles])
    _write_jsonl(path / "chunks.jsonl", [chunk_to_dict(c) for c in chunks])
    np.save(path / "vectors.npy", vectors.astype(np.float32))
    faiss_index = make_faiss_index(vectors, faiss_kind)
    faiss.write_index(faiss_index, str(path / "faiss.index"))
    manifest = {**manifest, "faiss": {"kind": faiss_kind, **describe(faiss_index)}}
    make_bm25(token_lists).save(str(path / "bm25"), show_progress=False)
    tokenizer.save(path / "userdict.txt")
    _write_jsonl(path / "sentences.jsonl", [asdict(r) for r in sentences])
    np.save(path / "sentence_vectors.npy", (sentence_vectors if sentence_vectors is not None
                                            else np.zeros((0, vectors.shape[1]))).astype(np.float32))
    manifest = {**manifest, "checksums": {name: file_sha256(path / name) for name in CHECKED_FILES}}
    (path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


# Text files a person could edit by hand; an edit would quietly misquote, so loading checks them.
CHECKED_FILES = ("articles.jsonl", "chunks.jsonl", "sentences.jsonl", "userdict.txt")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` with the finished folder `new`; the old index stays usable until the swap."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def resolve_index_dir(path: Path) -> Path:
    """The folder to load: `path`, or its `.old` copy if a build died in the middle of a swap."""
    old = path.with_name(path.name + ".old")
    if not (path / "manifest.json").exists() and (old / "manifest.json").exists():
        return old
    return path


def read_manifest_lenient(path: Path) -> dict:
    """The manifest as it is, any version; {} when missing or unreadable."""
    try:
        return json.loads((Path(path) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def read_manifest(path: Path) -> dict:
    path = resolve_index_dir(Path(path))
    hint = REBUILD_HINT.format(dir=path)
    manifest_path = path / "manifest.json"
    if not manifest_path.exists():
        raise IndexLoadError(f"no index at {path}; build it with `python -m index build --index-dir {path}`")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IndexLoadError(f"index manifest {manifest_path} is damaged ({exc}); {hint}") from exc
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexLoadError(f"index at {path} has format version {version}, this program reads "
                             f"version {FORMAT_VERSION}; {hint}")
    return manifest


def load_index(path: Path, expected_model: str | None = None) -> LoadedIndex:
    """Load and check an index folder.

    Raises IndexLoadError when it is missing, of another format version, built with a model other
    than `expected_model`, or damaged (files missing, truncated, counts that disagree).
    """
    path = resolve_index_dir(Path(path))
    manifest = read_manifest(path)
    hint = REBUILD_HINT.format(dir=path)
    model = manifest["model"]["name"]
    if expected_model and expected_model != model:
        raise IndexLoadError(f"index at {path} was built with model {model!r} but the query encoder is "
                             f"{expected_model!r}; rebuild with `python -m index build --index-dir {path} "
                             f"--model {expected_model}` or query with --model {model}")
    try:
        import bm25s
        import faiss

        articles = [article_from_dict(d) for d in _read_jsonl(path / "articles.jsonl")]
        chunks = [chunk_from_dict(d) for d in _read_jsonl(path / "chunks.jsonl")]
        vectors = np.load(path / "vectors.npy", mmap_mode="r", allow_pickle=False)
        # memory-mapped: loads at once, and a large index's lists become resident only as searched
        faiss_index = faiss.read_index(str(path / "faiss.index"), faiss.IO_FLAG_MMAP)
        bm25 = bm25s.BM25.load(str(path / "bm25"), mmap=True)
        tokenizer = Tokenizer.load(path / "userdict.txt")
        sentences = [SentenceRef(**d) for d in _read_jsonl(path / "sentences.jsonl")]
        sentence_vectors = np.load(path / "sentence_vectors.npy", mmap_mode="r", allow_pickle=False)
    except Exception as exc:  # any damaged file means the same thing to the user
        raise IndexLoadError(f"index at {path} is damaged ({exc.__class__.__name__}: {exc}); {hint}") from exc
    n = manifest["counts"]["chunks"]
    if not (len(chunks) == n == faiss_index.ntotal == len(vectors)):
        raise IndexLoadError(f"index at {path} is inconsistent ({len(chunks)} chunks, {faiss_index.ntotal} "
                             f"vectors, manifest says {n}); {hint}")
    if len(sentences) != len(sentence_vectors):
        raise IndexLoadError(f"index at {path}: {len(sentences)} sentences but {len(sentence_vectors)} "
                             f"sentence vectors; {hint}")
    if manifest["tokenizer"]["dictionary_hash"] != tokenizer.dictionary_hash:
        raise IndexLoadError(f"index at {path}: user dictionary does not match the manifest; {hint}")
    for name, expected in manifest.get("checksums", {}).items():
        if file_sha256(path / name) != expected:
            raise IndexLoadError(f"index at {path}: {name} was changed after the build (its sha256 differs "
                                 f"from the manifest); {hint}")
    dims = {manifest["model"]["dim"], vectors.shape[1], faiss_index.d}
    if len(sentence_vectors):
        dims.add(sentence_vectors.shape[1])
    if len(dims) != 1:
        raise IndexLoadError(f"index at {path}: vector dimensions differ ({sorted(dims)}); {hint}")
    return LoadedIndex(path=path, manifest=manifest, articles={a.key: a for a in articles}, chunks=chunks,
                       vectors=vectors, faiss_index=faiss_index, bm25=bm25, tokenizer=tokenizer,
                       chunk_pos={c.id: i for i, c in enumerate(chunks)}, sentences=sentences,
                       sentence_vectors=sentence_vectors,
                       sentence_pos={(r.article_key, r.start): i for i, r in enumerate(sentences)})
