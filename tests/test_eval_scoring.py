"""Per-question scoring on hand-made answers: faithfulness against the article text, number fidelity,
citation hits, refusals."""
from __future__ import annotations

from eval.qa import QAItem
from eval.scoring import QuestionResult, score_question
from index.types import Article, Chunk
from retrieval.types import Answer, AnswerSentence, Citation, Hit

TEXT = ("上坪乡位于永安市东北部,辖10个行政村46个自然村,总人口6659人。"
        "近年全乡婚检率达到98%以上,提高了出生人口素质。")
ARTICLE = Article(report="shangping.txt", index=0, title="第一篇:开创和谐计生新局面", text=TEXT)
ARTICLES = {ARTICLE.key: ARTICLE}
CHUNK = Chunk(id="c1", report="shangping.txt", article_index=0, article_title=ARTICLE.title, section_path=(),
              start=0, end=len(TEXT), text=TEXT)
HIT = Hit(chunk=CHUNK, rank=1, score=0.9, bm25_score=3.0, dense_score=0.8)
ITEM = QAItem(id="q1", question="上坪乡的总人口是多少？", answer="6659人", evidence=("总人口6659人",), source=None,
              type="factoid", lang="zh")
UNANSWERABLE = QAItem(id="q2", question="上坪乡有多少名乡村医生？", answer="报告中没有提到", evidence=(), source=None,
                      type="unanswerable", lang="zh")


def _citation(marker: int, start: int, end: int) -> Citation:
    return Citation(marker=marker, chunk_id="c1", report="shangping.txt", article_index=0,
                    article_title=ARTICLE.title, section_path=(), start=start, end=end, quote=TEXT[start:end])


def _span(sentence: str) -> tuple[int, int]:
    start = TEXT.index(sentence)
    return start, start + len(sentence)


def test_a_faithful_cited_answer():
    s1 = "上坪乡位于永安市东北部,辖10个行政村46个自然村,总人口6659人。"
    answer = Answer(question=ITEM.question, text=f"{s1}【1】", sentences=[AnswerSentence(s1, 1)],
                    citations=[_citation(1, *_span(s1))], confidence=0.8)
    r = score_question(ITEM, [HIT], answer, ARTICLES, latency_ms=12.345)
    o = r.outcomes
    assert o.first_relevant_rank == 1 and o.answer_hit and o.citation_hit and o.refusal_correct
    assert (o.faithful_sentences, o.sentences) == (1, 1)
    assert (o.numbers_found, o.numbers) == (3, 3)  # 10, 46, 6659; the marker's 1 is not counted
    assert 0 < o.char_f1 < 1
    assert r.latency_ms == 12.35 and r.hits[0]["relevant"] and r.citations[0]["relevant"]


def test_a_sentence_changed_from_the_report_is_unfaithful_and_its_number_unsourced():
    real = "近年全乡婚检率达到98%以上,提高了出生人口素质。"
    altered = "近年全乡婚检率达到99%以上。"
    answer = Answer(question="婚检率？", text=f"{real}【1】{altered}【2】",
                    sentences=[AnswerSentence(real, 1), AnswerSentence(altered, 2)],
                    citations=[_citation(1, *_span(real)), _citation(2, *_span(real))])
    o = score_question(ITEM, [HIT], answer, ARTICLES, 1.0).outcomes
    assert (o.faithful_sentences, o.sentences) == (1, 2)
    assert (o.numbers_found, o.numbers) == (1, 2)  # 98 is in the cited passage, 99 is not
    assert not o.citation_hit  # the cited passage is about marriage checks, not population


def test_faithfulness_reads_the_article_at_the_citation_offsets_not_the_quote():
    s1 = "总人口6659人。"
    wrong_offsets = Citation(marker=1, chunk_id="c1", report="shangping.txt", article_index=0,
                             article_title=ARTICLE.title, section_path=(), start=0, end=5, quote=s1)
    answer = Answer(question=ITEM.question, text=f"{s1}【1】", sentences=[AnswerSentence(s1, 1)],
                    citations=[wrong_offsets])
    assert score_question(ITEM, [HIT], answer, ARTICLES, 1.0).outcomes.faithful_sentences == 0


def test_refusals():
    refusal = Answer(question=ITEM.question, text="报告中没有找到这个问题的答案。", refused=True)
    false_refusal = score_question(ITEM, [HIT], refusal, ARTICLES, 1.0).outcomes
    assert not false_refusal.refusal_correct and false_refusal.answer_hit is False and false_refusal.char_f1 == 0.0
    assert false_refusal.citation_hit is None
    right = score_question(UNANSWERABLE, [HIT], refusal, ARTICLES, 1.0).outcomes
    assert right.refusal_correct and right.answer_hit is None and right.first_relevant_rank is None


def test_result_round_trips_through_a_dict():
    s1 = "总人口6659人。"
    answer = Answer(question=ITEM.question, text=f"{s1}【1】", sentences=[AnswerSentence(s1, 1)],
                    citations=[_citation(1, *_span(s1))])
    r = score_question(ITEM, [HIT], answer, ARTICLES, 1.0)
    assert QuestionResult.from_dict(r.to_dict()) == r
