"""Tests for index.dedup: near-duplicate groups, numbered in order of first appearance."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.build import build_index
from index.dedup import near_duplicate_groups
from index.embedders import HashEmbedder
from index.settings import DEFAULT_CORPUS_DIR, IndexSettings
from index.store import load_index

# 0: unrelated (无毒害县); 1 & 3: the same paragraph in 004's 第三篇 and 第四篇 (one with its heading
# glued on); 2 & 4: the same greeting, one with "省检查组:" in front
PARAGRAPHS = (Path(__file__).parent / "data" / "near_duplicates.txt").read_text(encoding="utf-8").splitlines()


def test_near_identical_texts_share_a_group_and_unrelated_gets_minus_one():
    assert near_duplicate_groups(PARAGRAPHS) == [-1, 0, 1, 0, 1]


def test_groups_are_numbered_in_order_of_first_appearance():
    reordered = [PARAGRAPHS[i] for i in (2, 0, 4, 1, 3)]
    assert near_duplicate_groups(reordered) == [0, -1, 0, 1, 1]


def test_keys_keep_texts_of_the_same_key_apart():
    # 1 and 3 come from the same article: not duplicates of each other for this purpose
    assert near_duplicate_groups(PARAGRAPHS, keys=["a", "b", "c", "b", "d"]) == [-1, -1, 0, -1, 0]


def test_threshold():
    assert near_duplicate_groups(PARAGRAPHS, threshold=0.3) == [-1, 0, 1, 0, 1]
    # at 1.0 only identical texts are duplicates (and datasketch must not refuse the threshold)
    assert near_duplicate_groups([PARAGRAPHS[1], PARAGRAPHS[3], PARAGRAPHS[1]], threshold=1.0) == [0, -1, 0]


def test_grouping_is_transitive():
    from index.dedup import _minhash

    a = PARAGRAPHS[0]
    b = a[: len(a) * 85 // 100]  # a without its tail
    c = b[len(b) * 15 // 100:]  # b without its head: close to b, too far from a
    assert _minhash(a).jaccard(_minhash(c)) < 0.8
    assert near_duplicate_groups([a, PARAGRAPHS[1], c, b], threshold=0.8) == [0, -1, 0, 0]


@pytest.mark.parametrize("texts,expected", [([], []), (["只有一段"], [-1])])
def test_edge_cases(texts, expected):
    assert near_duplicate_groups(texts) == expected


def test_built_index_groups_the_repeated_articles_of_004(tmp_path):
    """004's 第三篇 and 第四篇 are the same report (Jaccard ~0.72): one article group, shared chunk groups."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (source,) = DEFAULT_CORPUS_DIR.glob("004_*.txt")
    shutil.copy(source, corpus / source.name)
    settings = IndexSettings(corpus_dir=corpus, index_dir=tmp_path / "index", model="hash")
    build_index(settings, HashEmbedder(), progress=False, log=lambda _: None)
    index = load_index(settings.index_dir)

    groups = [index.articles[f"{source.name}#{i}"].dup_group for i in range(5)]
    assert groups[2] == groups[3] >= 0
    assert groups[0] == groups[1] == -1  # 第一篇 and 第二篇 are different reports

    by_group: dict[int, set[int]] = {}
    for c in index.chunks:
        if c.dup_group >= 0:
            by_group.setdefault(c.dup_group, set()).add(c.article_index)
    assert by_group and all(len(articles) >= 2 for articles in by_group.values())
    assert any({2, 3} <= articles for articles in by_group.values())
    assert index.manifest["counts"]["duplicate_groups"] == len(by_group)
