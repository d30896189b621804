"""Cut articles into overlapping passages on Chinese sentence boundaries, with exact offsets."""
from __future__ import annotations

from langchain_text_splitters import RecursiveCharacterTextSplitter

from index.types import Article, Chunk, chunk_id

# Paragraph first, then sentence ends, then clause marks: a chunk breaks where a reader would pause.
SEPARATORS = ["\n", "。", "！", "？", "!", "?", "；", ";", "：", "，", ",", "、", ""]


def make_splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        separators=SEPARATORS,
        keep_separator="end",
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        strip_whitespace=True,
    )


def _section_offset(article: Article, start: int, end: int) -> int:
    """Where to read the chunk's section path: a heading in its first half wins over its start."""
    offset = start
    for h in article.headings:
        if start <= h.start < start + (end - start) // 2:
            offset = h.start
    return offset


def chunk_article(article: Article, chunk_size: int = 300, chunk_overlap: int = 50) -> list[Chunk]:
    """Split one article into chunks; each chunk's text equals article.text[start:end]."""
    splitter = make_splitter(chunk_size, chunk_overlap)
    chunks: list[Chunk] = []
    cursor = 0
    for piece in splitter.split_text(article.text):
        start = article.text.find(piece, cursor)
        if start < 0:  # cannot happen with strip-only splitting; fail loudly rather than misquote
            raise ValueError(f"chunk not found in {article.key}: {piece[:30]!r}")
        end = start + len(piece)
        cursor = start + 1
        path = article.section_path(_section_offset(article, start, end))
        chunks.append(Chunk(
            id=chunk_id(article.report, article.index, start, end, piece),
            report=article.report,
            article_index=article.index,
            article_title=article.title,
            section_path=path,
            start=start,
            end=end,
            text=piece,
            subject=article.subject,
        ))
    return chunks
