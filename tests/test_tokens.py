"""Tests for index.tokens: BM25 tokens (stopwords out, domain terms whole, 繁简 folded) and domain terms."""
from __future__ import annotations

import pytest

import jieba

from index.tokens import Tokenizer, find_domain_terms, place_names


@pytest.fixture(scope="module")
def corpus_terms(bundled_raw) -> list[str]:
    return find_domain_terms(list(bundled_raw.values()))


@pytest.fixture(scope="module")
def tokenizer(corpus_terms) -> Tokenizer:
    return Tokenizer(corpus_terms)


def test_find_domain_terms_in_the_corpus(corpus_terms):
    for term in ("上坪乡", "明溪口镇", "三转", "无毒害县", "村为主"):
        assert term in corpus_terms
    assert corpus_terms == sorted(corpus_terms)


def test_find_domain_terms_skips_phrases_and_rare_terms():
    texts = ["带动全乡发展,落实“三转”要求", "带动全乡发展,上坪乡位于永安市东北部", "上坪乡“三转”"]
    assert find_domain_terms(texts) == ["三转", "上坪乡"]  # 带动全乡 is a phrase; 永安市 is no 乡/镇/县
    assert find_domain_terms(texts, min_count=3) == []


def test_place_names_take_the_town_after_its_district_and_skip_titles():
    assert place_names("历城区郭店镇有3所学校") == ["郭店镇"]  # not "城区郭店镇"
    assert place_names("沅陵县明溪口镇") == ["沅陵县", "明溪口镇"]
    assert place_names("嘉峪关市乡村学校") == []  # 市, then 乡村: no town
    assert place_names("创建省级教育强县,通过教育强县验收") == []  # a title, not a county


def test_place_names_after_other_words_are_the_name_alone():
    assert place_names("近年来,我们黄圩镇关工委在") == ["黄圩镇"]  # not dropped for the 我 of 我们
    assert place_names("最终确认黄圩镇共有烈士") == ["黄圩镇"]  # not "确认黄圩镇"
    assert place_names("磊石派出所、白塘镇联校") == place_names("深入推进白塘镇党委、政府") == ["白塘镇"]
    assert place_names("按照县创建领导小组的安排") == []  # 按照 is no part of a name, and 县 alone no place
    assert place_names("缩小城乡差距") == place_names("纳入县财政预算") == []
    assert place_names("按遂平县那个镇的安排") == ["遂平县"]  # 按 is no part of a name
    assert place_names("那份乡镇教育工作方案") == place_names("抓好乡镇禁毒工作") == []  # 乡镇: townships in general
    assert place_names("截至6月底屏南县行政服务中心") == ["屏南县"]  # the 月 of "6月" opens no name


def test_a_verb_before_a_county_or_town_is_no_name():
    # ../shared/corpus/001 (范文5): the goal went into the county's plan; 写进 and 抓好 are verbs to jieba
    assert place_names("把“创建省级教育强县”写进县国民经济和社会发展规划纲要") == []
    assert place_names("认真抓好镇村两级的禁毒工作") == []
    assert place_names("沅陵县明溪口镇") == ["沅陵县", "明溪口镇"]  # 沅陵 is a place name to jieba (ns)


def test_place_names_find_the_town_inside_a_longer_run():
    assert place_names("白塘镇家乡爱心人士刘艳新") == ["白塘镇"]  # 家乡 is a word, not the end of a name
    assert place_names("屏南县城乡居民") == place_names("屏南县的县委书记") == ["屏南县"]
    assert place_names("白塘镇全镇在职在编教师") == ["白塘镇"]  # 全镇 is no part of the name
    assert place_names("已命名的11个“无毒乡镇”") == place_names("示范乡镇") == []  # no 无毒乡 inside 乡镇


def test_a_place_always_named_after_other_words_is_a_domain_term(corpus_terms):
    assert "黄圩镇" in corpus_terms  # "为黄圩镇的", "我们黄圩镇", "确认黄圩镇"
    assert "按照县" not in corpus_terms


def test_domain_term_stays_one_token(tokenizer):
    text = "明溪口镇地处沅陵县西北部"
    assert "明溪口镇" in tokenizer.tokens(text)
    assert "明溪口镇" not in jieba.lcut_for_search(text)  # jieba alone does not know the place


def test_stopwords_and_punctuation_are_dropped(tokenizer):
    tokens = tokenizer.tokens("上坪乡的婚检率是多少？")
    assert tokens == ["上坪", "上坪乡", "婚检", "婚检率"]
    assert tokenizer.tokens("，。！？、“”……（）") == []
    assert tokenizer.tokens("的 了 和 是 在") == []


@pytest.mark.parametrize("traditional,simplified", [
    ("計劃生育", "计划生育"),
    ("「計劃生育」", "计划生育"),
    ("婚檢率", "婚检率"),
    ("ＡＢＣ１２３", "abc123"),  # full width folds to half width and lower case
])
def test_normalised_before_cutting(tokenizer, traditional, simplified):
    assert tokenizer.tokens(traditional) == tokenizer.tokens(simplified)
    assert tokenizer.tokens(simplified)


def test_english_is_lowercased_without_stopwords(tokenizer):
    assert tokenizer.tokens("What is the Marriage Check rate of Shangping?") == [
        "marriage", "check", "rate", "shangping"]


def test_save_and_load_give_the_same_tokenizer(tokenizer, tmp_path):
    tokenizer.save(tmp_path / "userdict.txt")
    assert (tmp_path / "userdict.txt").read_text(encoding="utf-8").split() == tokenizer.user_terms
    # a hand-edited dictionary: order and repeats do not matter
    terms = tokenizer.user_terms
    (tmp_path / "userdict.txt").write_text("\n".join(terms[::-1] + terms[:3]) + "\n\n", encoding="utf-8")
    loaded = Tokenizer.load(tmp_path / "userdict.txt")
    assert loaded.user_terms == tokenizer.user_terms
    assert loaded.dictionary_hash == tokenizer.dictionary_hash
    text = "明溪口镇落实“三转”,无毒害县创建"
    assert loaded.tokens(text) == tokenizer.tokens(text)


def test_dictionary_hash_follows_the_terms(tokenizer, corpus_terms):
    assert Tokenizer(corpus_terms[1:]).dictionary_hash != tokenizer.dictionary_hash  # ~0.7 s per Tokenizer


def test_query_tokens_drop_question_words_but_keep_content():
    tok = Tokenizer([])
    assert tok.query_tokens("老年大学在哪几个村设立了分校？") == [t for t in tok.tokens("老年大学在村设立了分校")]
    for question in ("什么时候开始？", "有多大？", "哪位同志？", "多少名？"):
        assert not set(tok.query_tokens(question)) & {"什么时候", "时候", "多大", "哪位", "多少"}
    assert "几何" in tok.query_tokens("几何课怎么上？")  # a word that starts like one is kept


def test_words_keeps_known_words_and_guesses_no_unknown_one():
    tokenizer = Tokenizer()
    assert tokenizer.words("天河") == ["天河"]
    assert tokenizer.words("校获得") == ["校", "获得"]
    assert "".join(tokenizer.words("州滨城")) == "州滨城" and tokenizer.words("州滨城") != ["州滨城"]
