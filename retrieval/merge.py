"""Small-to-big: overlapping passages of one article, all ranked high, become one hit."""
from __future__ import annotations

from dataclasses import replace

from index.types import Chunk
from retrieval.types import Hit


def merge_groups(chunks: list[Chunk], kept: list[int], max_span: int) -> dict[int, list[int]]:
    """A lower-ranked passage that overlaps or touches a higher-ranked one of the same article joins
    it (up to `max_span` characters), so one hit holds the whole stretch of text and the ranks below
    it go to other passages. `kept` are chunk rows in rank order; returns each hit's rows, its own first."""
    groups: dict[int, list[int]] = {}
    spans: dict[str, list[list[int]]] = {}  # article -> [first row, start, end] of its groups so far
    for i in kept:
        c = chunks[i]
        key = c.article_key
        for group in spans.get(key, ()):
            j, start, end = group
            if c.start <= end and c.end >= start and max(end, c.end) - min(start, c.start) <= max_span:
                group[1], group[2] = min(start, c.start), max(end, c.end)
                groups[j].append(i)
                break
        else:
            spans.setdefault(key, []).append([i, c.start, c.end])
            groups[i] = [i]
    return groups


def widened(chunk: Chunk, parts: tuple[Chunk, ...], article_text: str) -> Chunk:
    """`chunk` (the best-ranked part) stretched over `parts`, keeping its own title and heading path."""
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    return replace(chunk, start=start, end=end, text=article_text[start:end])


def combined(lists: list[list[Hit]], k: int) -> list[Hit]:
    """The hits of several searches (one per place or part of a question) as one list: each search's
    best passage is kept, the rest compete on score, each passage once; the list reads by score."""
    kept = {h.chunk.id: h for h in (hits[0] for hits in lists if hits)}
    for hit in sorted((h for hits in lists for h in hits), key=lambda h: -h.score):
        if len(kept) >= k:
            break
        kept.setdefault(hit.chunk.id, hit)
    ordered = sorted(kept.values(), key=lambda h: -h.score)
    return [replace(h, rank=i) for i, h in enumerate(ordered, start=1)]
