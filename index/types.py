"""Shared vocabulary of the index: articles, headings, chunks, and the build summary."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A section heading inside an article: where it starts, how deep it is, its text."""

    start: int  # offset of the heading line in the article text
    level: int  # 1 = 一、  2 = （一）  3 = 1、  4 = （1） / ①
    text: str


@dataclass(frozen=True)
class Article:
    """One article of a report file, with its cleaned text (the report's own characters)."""

    report: str  # file name relative to the corpus folder
    index: int  # 0-based position of the article in its report
    title: str
    text: str
    headings: tuple[Heading, ...] = ()
    dup_group: int = -1  # articles with the same group are near-duplicates; -1: none
    subject: str = ""  # who or where the article is about (author line, places named up front)

    @property
    def key(self) -> str:
        return f"{self.report}#{self.index}"

    def section_path(self, offset: int) -> tuple[str, ...]:
        """Heading texts in force at `offset`, outermost first."""
        stack: list[Heading] = []
        for h in self.headings:
            if h.start > offset:
                break
            while stack and stack[-1].level >= h.level:
                stack.pop()
            stack.append(h)
        return tuple(h.text for h in stack)


@dataclass(frozen=True)
class Chunk:
    """A searchable passage: exact offsets into its article's text, and where it stands."""

    id: str
    report: str
    article_index: int
    article_title: str
    section_path: tuple[str, ...]
    start: int
    end: int
    text: str
    dup_group: int = -1  # chunks with the same group say the same thing; -1: unique
    subject: str = ""  # the article's subject, so every passage knows whose report it is

    @property
    def article_key(self) -> str:
        return f"{self.report}#{self.article_index}"

    @property
    def context_text(self) -> str:
        """Text given to the embedder and to BM25: title and heading path, then the passage."""
        title = f"{self.article_title} ({self.subject})" if self.subject else self.article_title
        head = " > ".join((title, *self.section_path))
        return f"{head}\n{self.text}"

    @property
    def content_hash(self) -> str:
        """Hash of what gets embedded, the key of the embedding cache."""
        return text_hash(self.context_text)


def chunk_id(report: str, article_index: int, start: int, end: int, text: str) -> str:
    """Stable id from content, so a rebuild gives the same ids."""
    key = f"{report}\x00{article_index}\x00{start}\x00{end}\x00{text}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class SentenceRef:
    """A sentence of an article, embedded at build time so answers can pick sentences by meaning."""

    article_key: str
    start: int
    end: int
    hash: str  # of the embedded text, the key of the embedding cache


def sentence_embed_text(article: Article, start: int, end: int) -> str:
    """What is embedded for a sentence: whose report it is, its section, then the sentence."""
    title = f"{article.title} ({article.subject})" if article.subject else article.title
    path = article.section_path(start)
    head = f"{title} > {path[-1]}" if path else title
    return f"{head}\n{article.text[start:end]}"


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass
class BuildSummary:
    """What a build did, printed at the end and returned to callers."""

    files: int = 0
    articles: int = 0
    chunks: int = 0
    duplicate_groups: int = 0
    embedded: int = 0  # chunks embedded in this build
    reused: int = 0  # chunks whose vectors came from the cache
    added_files: list[str] = field(default_factory=list)
    changed_files: list[str] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0
