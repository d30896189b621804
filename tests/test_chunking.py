"""Tests for index.chunking: exact offsets, stable ids, bounded sizes, heading paths."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.chunking import chunk_article
from index.types import Article, Chunk


@pytest.fixture(scope="module")
def bundled_chunks(bundled_articles) -> list[tuple[Article, list[Chunk]]]:
    return [(a, chunk_article(a)) for articles in bundled_articles.values() for a in articles]


def test_offsets_point_at_the_chunk_text(bundled_chunks):
    n = 0
    for article, chunks in bundled_chunks:
        for c in chunks:
            assert article.text[c.start:c.end] == c.text, c.id
            n += 1
    assert n > 500  # the whole bundled corpus was checked


def test_chunks_cover_every_character(bundled_chunks):
    for article, chunks in bundled_chunks:
        covered = set()
        for c in chunks:
            covered.update(range(c.start, c.end))
        lost = [i for i, ch in enumerate(article.text) if i not in covered and not ch.isspace()]
        assert lost == [], article.key


def test_chunks_are_in_order_and_carry_their_article(bundled_chunks):
    for article, chunks in bundled_chunks:
        assert [c.start for c in chunks] == sorted(c.start for c in chunks)
        for c in chunks:
            assert (c.report, c.article_index, c.article_title) == (article.report, article.index, article.title)
            assert c.article_key == article.key
            assert c.context_text.startswith(article.title) and c.context_text.endswith(c.text)


def test_ids_are_stable_and_unique(bundled_chunks):
    ids = [c.id for _, chunks in bundled_chunks for c in chunks]
    again = [c.id for article, _ in bundled_chunks for c in chunk_article(article)]
    assert ids == again
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("size,overlap", [(300, 50), (120, 20)])
def test_chunk_sizes_stay_within_chunk_size(bundled_articles, size, overlap):
    for article in bundled_articles["000"] + bundled_articles["004"]:
        chunks = chunk_article(article, size, overlap)
        assert chunks and all(0 < len(c.text) <= size for c in chunks)


def test_smaller_chunks_give_more_of_them(bundled_articles):
    article = bundled_articles["000"][0]
    assert len(chunk_article(article, 120, 20)) > len(chunk_article(article, 300, 50)) > 1


def test_chunk_inside_a_numbered_section_knows_its_path(bundled_articles):
    article = bundled_articles["000"][0]
    start = article.text.index("1、实施“优质服务”工程")
    end = article.text.index("\n", start)
    inside = [c for c in chunk_article(article) if start <= c.start < end]
    assert len(inside) >= 2  # the paragraph is longer than one chunk
    for c in inside:
        assert "一、主要做法" in c.section_path
        assert c.section_path == ("一、主要做法", "1、实施“优质服务”工程,提升群众国策意识")


def test_chunk_before_the_first_heading_has_no_path(bundled_articles):
    first = chunk_article(bundled_articles["000"][0])[0]
    assert first.start == 0 and first.section_path == ()


def test_empty_article_gives_no_chunks():
    assert chunk_article(Article(report="empty.txt", index=0, title="", text="")) == []
    assert chunk_article(Article(report="blank.txt", index=0, title="", text="\n \n")) == []


def test_a_heading_near_the_start_of_a_chunk_gives_its_path(bundled_articles):
    article = bundled_articles["000"][0]
    (chunk,) = [c for c in chunk_article(article) if c.text.startswith("二、工作成效\n1、群众生育观念持续提升")]
    assert article.section_path(chunk.start) == ("二、工作成效",)
    assert chunk.section_path == ("二、工作成效", "1、群众生育观念持续提升")  # what the chunk is about


def test_repeated_paragraph_gets_its_own_offsets_and_id():
    lines = (Path(__file__).parent / "data" / "reports" / "mingxikou.txt").read_text(encoding="utf-8").splitlines()
    paragraph = lines[3]  # 159 characters: two copies do not fit in one 300-character chunk
    article = Article(report="r.txt", index=0, title="t", text=f"{paragraph}\n{paragraph}")
    first, second = chunk_article(article)
    assert (first.start, second.start) == (0, len(paragraph) + 1)
    assert first.text == second.text and first.id != second.id
