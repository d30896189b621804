"""Compose an extractive answer: quoted sentences with citations, shaped by the question, or a refusal."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

import numpy as np

from index.normalize import normalize
from index.sentences import split_sentences
from index.store import LoadedIndex
from index.types import Article, Chunk
from index.tokens import Tokenizer, word_tag
from prompts import text as say
from retrieval.glossary import head_terms, places_en, romanised_names, translate_terms, unknown_places
from retrieval.lexical import TermStats
from retrieval.outline import (ORDINAL_ITEM, Section, announced, inline_items, lists, numbered_paragraphs, section_end,
                               sections_of)
from retrieval.query import detect_lang
from retrieval.questions import (ITEM, NUMBER, ORDINAL, YEAR_DIGITS, acting_posts, asked_at, asked_classifiers,
                                 asked_clauses, asked_posts, asked_part, asked_part_en, asked_thing_en, asked_unit,
                                 asks_average, asks_calendar, asks_count, asks_country, asks_duty, asks_exact,
                                 asks_frequency, asks_from_to, asks_total, asks_holder, asks_issued, asks_most,
                                 asks_plural, asks_ratio, asks_who, asks_whole_year, asks_year, blanks_name, bodies_in,
                                 bodies_named, bounds_only, counted_in_word, counted_list, counted_near,
                                 counted_noun_en, counted_quote_en, counts_apart, counts_other_level, counts_otherwise,
                                 distinctive, enumerates, figure_in_series, figure_of_year, figures_given,
                                 find_acting_post, find_counted, find_group_holder, find_frequency, find_holder,
                                 find_measure, find_named, find_person, find_ratio, find_total, find_wanted, find_year,
                                 focus_words, group_post, held_posts, listed_noun, listed_noun_en, listed_places,
                                 money_named_en, names_country, names_measures, names_report, numbered_names,
                                 numbers_given, of_level, other_level, other_names, other_post, past_given, people_in,
                                 places_named, post_named, programmes_named, quoted_en, ranks, regions_named,
                                 school_level, shape, signed_date, states_change, states_whole, things_given_en,
                                 told_as_total, told_part_year, total_named, wanted, which_of, whole_given_en,
                                 wholes_given, year_told, years_given)
from retrieval.render import paragraph_at, render_answer, render_refusal
from retrieval.selection import (Candidate, antecedent, blank_asked, clause_head, fullest_of_duplicates, join_adjacent,
                                 label_before, per_place, redacted_near, select, similarity, with_detail, with_items,
                                 with_label, with_lead_in, with_rest, with_title, without_contained)
from retrieval.thesaurus import expand
from retrieval.types import Answer, Hit

COMPOSER_VERSION = 3
# Cosine band of multilingual-e5 between a question and a sentence: unrelated ≈ 0.78, on point ≈ 0.92.
SENTENCE_FLOOR, SENTENCE_CEIL = 0.80, 0.94
_LATIN = re.compile(r"[A-Za-z'-]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")  # Chinese an English question quotes ("(三残)")
_FIGURE = re.compile(r"\d+(?:\.\d+)?%?")  # "100%" of "reached 100%", as the reports write it
_ANSWERED = 0.8  # a sentence holding this share of the words another holds answers that question as well
_CLAUSE_WITHIN = 10  # the best sentences among which each of several questions asked together finds its own
_WANTED_WITHIN = 3  # the asked-for number/date/name must stand in one of the best sentences
# names of a measure, not of things counted: a figure for anything else answers no question about one
_MEASURES = ("率", "比", "均分", "总值", "产值")
_TOTAL_WITHIN = 8  # a sentence stating a total may stand this far down the best ones, under each part's
_PARTS_BEFORE = 400  # characters before a total within which the parts it adds up stand
_COUNTED_WITHIN = 5  # a count in the asked classifier ("10到20户") may stand a little lower than one in 个
_ASKED = re.compile(r"[?？](?=.)")  # a question mark with more asked after it
_LABEL_MAX = 8  # how many characters a list's label line may hold before the kind it names ("下一步打算:")
_RARE_IDF = 5.0  # a word few passages use ("音体美"; not "实验", "学校", "健康")
# a numbered paragraph opening with its title ("2、音体美技能抽查。学期初,…")
_ITEM_HEADING = re.compile(r"(?:[一二三四五六七八九十]+|\d{1,2})[、.．]\s*([^,，。;；:：]{2,16})[。:：]")
_BODIES = ("单位", "部门")  # a which-question's organisations: answered only by a sentence naming one
# who and which places or schools a factoid asks for, which a close sentence naming one answers; a body's
# name may be none ("窗口单位"), a place's or a school's is plain ("龙马村", "28中")
_NAMED_LEADS = ("person", "学校", "村", "乡镇", "乡", "镇", "县", "区", "市", "单位", "部门", ORDINAL)
_WHERE = {"位于", "地处", "坐落", "属于", "隶属"}  # "明溪口镇位于哪个县": where a place lies is no topic
_HEADING_SHARE = 0.8  # what a heading's score counts for, as the answer to a factoid asking for no span
_NAMED_FLOOR = 0.75  # how close to the best sentence's score that sentence must come
_SCHOOL_EN = re.compile(r"\b(?:school|kindergarten|hospital|clinic|health cent(?:re|er))\b", re.I)
_VAGUE_HEADS = {"人员", "人数", "数量", "情况", "工作", "方面", "对象"}  # heads that name nothing alone
_PARAGRAPH = 40  # characters of a line that is a paragraph, not a title, byline or heading
_AMONG = re.compile(r"中[,，]")  # "…项目中,": the whole a question's part is asked of
_ITEM_BOUNDS = "、,，;；。:：()（）"  # what ends one item of a list, or the clause around it
_SEVERAL = re.compile(r"[、等]")  # a question naming several things ("白塘中学、白塘中心小学…") asks of them together
_SPEAKS_AS_BODY = re.compile(r"我校|本校|我院|本院|我园|本园")  # a school's, a clinic's or a kindergarten's own report
_SAME_SENTENCE = 0.5  # bigram overlap of one sentence in two near-duplicate reports
# what many sums are called ("社会抚养费总额", "专项资金"): the head of no one sum's name
_NO_HEAD = {"总额", "金额", "总数", "数额", "资金", "经费", "费用", "款项", "投入", "投资"}
_WHOLE_OVER_ITEM = 1.5  # how much more of the question the line announcing a list holds than its best item
# A topic the reports never take up ("河长制", "宅基地", "红烧肉"): this share of the question's distinctive
# words (idf-weighted) stands in no report, and no sentence comes this close in meaning. Read off the ten
# development files pooled: answerable paraphrases of the reports' words ("掏钱", "年纪偏大") fall under the share,
# name a report's place, or come closer in meaning (>= 0.908; the topics refused there reach 0.885: the midpoint).
_UNHEARD_SHARE, _UNHEARD_DENSE = 0.5, 0.895
_CLAUSE_END = re.compile(r"[;；]")  # clauses of one sentence, each about its own thing
_SUMMING_UP = re.compile(r"这样[,，]|通过以上|综上")  # "这样,通过定时间、定内容…": what the items above achieve
_ITEM_END = re.compile(r"[。！？!?；;\n]")  # where a list item's first sentence ends
_ON_POINT = 0.5  # a figure's clause holds at least this share of what the best clause holds of the question
_RUN_MIN = 3  # numbered paragraphs that make a list of measures, not a pair of points
_QUOTED = re.compile(r"“([^”]{2,10})”")  # a name the question quotes ("“三位一体”")
# what separates the items of a list, or spells out what a label names ("抓好两个结合,即把…与…相结合,与…结合")
_LISTING = re.compile(r"[、；;]|[一二三四五六七八九十]是|[①-⑳⑴-⒇]|[:：]|即|包括|分别[是为指]|是指")
OUTLINE_ARTICLES = 3  # the articles of the best passages whose sections may answer a list question
# of the best sentence's score, what an article's best must score for its sections to answer a list question
_OUTLINE_SHARE = 0.75


@dataclass(frozen=True)
class ComposeSettings:
    passages: int = 5  # best passages (ranked before small-to-big merging) whose sentences are considered
    # further passages, when of the best passage's article, that a figure or a which-question draws on:
    # "上坪乡…人均收入" ranks the article's figures paragraph 7th, under its other paragraphs
    lead_article_passages: int = 4
    factoid_sentences: int = 2  # the second only when nearly as good as the first
    factoid_floor: float = 0.95  # "nearly as good": this share of the best score
    list_sentences: int = 5
    list_floor: float = 0.6  # a list item scores at least this share of the best (calibrated on dev..dev10)
    plural_floor: float = 0.7  # so does each of several values a factoid asks for ("分别能拿多少")
    refuse_below: float = 0.25  # confidence under which the answer is a refusal (calibrated on dev..dev5 pooled)
    mmr_lambda: float = 0.7
    min_sentence: int = 12  # shorter lines are headings or signatures, not answers


@dataclass
class Composer:
    index: LoadedIndex | None = None
    settings: ComposeSettings = field(default_factory=ComposeSettings)

    def __post_init__(self) -> None:
        self.tokenizer = self.index.tokenizer if self.index else Tokenizer()
        self.terms = TermStats(self.index)
        self._place_terms = {t for t in self.tokenizer.user_terms if t[-1] in "乡镇县区市"}
        self._starts: dict[str, list[tuple[int, int, int]]] = {}  # article -> sorted (start, end, row)
        for row, ref in enumerate(self.index.sentences if self.index else []):
            self._starts.setdefault(ref.article_key, []).append((ref.start, ref.end, row))
        for rows in self._starts.values():
            rows.sort()
        self._all_text: str | None = None
        self._quoted: str | None = None
        self._named_people: frozenset[str] | None = None
        self._body_names: tuple[str, ...] | None = None  # the schools and clinics the reports name
        self._bodies: dict[str, str] = {}  # article -> the school or clinic it reports on, or ""
        # the closeness bands here are multilingual-e5's; another model's similarities mean other things
        self._e5 = bool(self.index) and "e5" in str(self.index.manifest.get("model", {}).get("name", "")).lower()
        self._chunks: dict[str, list[Chunk]] = {}  # article -> its index chunks
        for chunk in self.index.chunks if self.index else []:
            self._chunks.setdefault(chunk.article_key, []).append(chunk)

    def compose(self, question: str, hits: list[Hit], query_text: str | None = None,
                query_vector: np.ndarray | None = None) -> Answer:
        """Answer `question` from `hits` with quoted, cited sentences; refuse when the evidence is weak.

        `query_text` is the question as searched (follow-up folded in, English bridged to Chinese
        terms) and `query_vector` its embedding; without them only term overlap ranks sentences.
        """
        lang = detect_lang(question)
        form, kind = shape(question), wanted(question)
        kind = kind if form == "factoid" else None
        which = which_of(question)
        top = self._passages(hits, exact=asks_exact(question))
        tokens = list(dict.fromkeys(self.tokenizer.query_tokens(query_text or question)))
        if lang == "en":  # no Chinese sentence holds the English words; their bridged Chinese terms and years weigh
            tokens = [t for t in tokens if _CJK.search(t) or _FIGURE.fullmatch(t)] or tokens
        candidates = [c for rank, (h, limit) in enumerate(top)
                      for c in self._candidates(h, rank, limit, query_vector)]
        if not candidates:
            return _refuse(question, hits, lang)
        asked = normalize(question)
        unknown = self._unknown_regions(asked) if lang == "zh" else unknown_places(question, self._corpus())
        if unknown:  # "广州市天河区…", "Xihu District": a place no report mentions
            return _refuse(question, hits, lang, say("thing_terms", lang, terms="、".join(unknown)))
        passages = normalize(" ".join(h.chunk.text for h, _ in top))
        names = _counted_names(asked, tokens, passages) if lang == "zh" else []
        # the longest name of the counted thing that the passages use; one they never use is a paraphrase
        rates = [name for name, _ in names if name.endswith(_MEASURES)]  # 升学率, 性别比, 平均分, 生产总值
        clauses = asked_clauses(asked)
        if kind == "number" and rates and not any(f in passages for f in rates) and len(clauses) == 1:
            # "升学率" never given; of several questions asked together, the others may still be answered
            return _refuse(question, hits, lang, say("thing_terms", lang, terms=rates[-1]))
        focus = _used_names(names, passages)
        lo, hi = min(c.dense for c in candidates), max(c.dense for c in candidates)
        listing, entity = enumerates(question), which or ("person" if asks_who(question) else None)
        scope = self._scope(question, form, lang)
        # the places an English question names, each by the reports' names for it (reads the articles)
        places_asked = places_en(question, self._corpus()) if lang == "en" and self.index else []
        # "the county with Huibu, Tianma and Zhaoxian towns" picks the report, not the sentence
        scope += tuple(name for names in places_asked for name in names)
        if lang == "zh" and form != "across":  # "沅陵县明溪口镇…实行的是什么制度": not "明溪口镇地处沅陵县西北部"
            scope += tuple(places_named(asked)) + tuple(listed_places(asked))  # "辉埠、天马、招贤等乡镇所在县"
        unit = asked_unit(question) if kind == "number" else None
        classifiers = asked_classifiers(question) if kind == "number" else ""
        # the counted thing's name places its figure; a classifier of its own ("几级", "几次") still binds it
        counted = classifiers if not focus or counts_apart(classifiers) else None
        count = kind == "number" and asks_count(question)
        ratio = kind == "number" and asks_ratio(question)
        average, given = asks_average(question), numbers_given(asked)
        # "1000万元创强专项资金中,有多少用在了农村学校": a sum asked of a sum given is part of it
        wholes = wholes_given(asked, classifiers) if kind == "number" else \
            wholes_given(asked, "元万亿") if kind == "money" and lang == "zh" else frozenset()
        # "How many of the 93 full-time teachers … are Tibetan?": a part counted past 93人 in a clause naming it
        whole_en, whole_noun, part_en = whole_given_en(question) if lang == "en" and kind == "number" else ((), "", "")
        part_terms = [t for t in translate_terms(part_en) if t not in translate_terms(whole_noun)] if whole_en else []
        wholes = frozenset(whole_en) or wholes
        anchors = figures_given(asked) if kind in ("number", "money") and focus else []
        # "公安分局局长叫什么名字", "校长是谁": the name by that post ("学校校长袁小华为组长")
        posts = asked_posts(question) if kind == "name" else held_posts(question) if entity == "person" else ()
        # "多少所小学…特色学校": not a figure counting 初中学校; an English question's level is in its bridged terms
        counted_level = school_level(asked if lang == "zh" else " ".join(tokens)) if kind == "number" else None
        often = kind == "date" and asks_frequency(question)
        year = kind == "date" and asks_year(question)
        # "how many working groups": "下设五个小组", a count in one numeral of the thing asked for
        # "How many students…"; "Of the 526 students, how many…" counts students too
        noun_en = (whole_noun or counted_noun_en(question)) if lang == "en" and kind == "number" else ""
        counted_en = translate_terms(noun_en) if noun_en else []
        # "How many drug cases…": a figure from a sentence naming the cases (案件), not one naming only drugs
        head_en = head_terms(noun_en) if noun_en else []
        quote_en = counted_quote_en(question) if noun_en and not whole_noun else ""
        if quote_en:  # "How many left-behind children (留守儿童)…": the word it quotes, not 500余名学生 ("children")
            counted_en, head_en = [quote_en, *counted_en], [quote_en]
        in_word = (focus if lang == "zh" else counted_en) if kind == "number" else []
        duty = entity == "person" and asks_duty(question)
        asking = asked_part(asked) if lang == "zh" else " ".join(translate_terms(asked_part_en(question)))
        pointed = [t for t in tokens if t in asking]  # "…教育实践活动时,各单位是如何搞好思想发动的": 单位 搞好 思想 发动
        at = asked_at(asked) if lang == "zh" else ""  # "将多少个乡镇创建成…": "将我县?个乡镇创建成…" blanks it out
        for c in candidates:
            rel = (c.dense - lo) / (hi - lo) if hi > lo else 0.0
            c.score, c.key_span = self._score(c, tokens, kind, focus + anchors, rel, listing, entity, average, given,
                                              scope, pointed, at)
            if in_word and not c.key_span:
                c.key_span = counted_in_word(c.text, in_word)
            if duty and not c.key_span:  # "由谁统一负责": "人事管理权限全部归口教育行政部门", a body as well as a person
                c.key_span = next(filter(None, (find_named(body, c.text) for body in _BODIES)), None) \
                    or find_acting_post(c.text)  # or by a post: "镇党委书记主持召开通报会"
            if unit and c.key_span:  # "多少平方米": a figure in square metres, not "4个项目"
                c.key_span = find_measure(c.text, unit)
            elif counted and c.key_span:  # "大约多少场": "近百场", not "近十年"
                c.key_span = find_counted(c.text, counted)
            elif often:  # "多长时间接访一次": "每周安排一天时间", not a date
                c.key_span = find_frequency(c.text)
            elif year and c.key_span:  # "哪一年": "2008年", not the "2月" of "20xx年2月"
                c.key_span = find_year(c.text)
            elif posts:
                c.key_span = next(filter(None, (find_holder(c.text, p) for p in posts)), None)
            if classifiers and c.key_span and counts_otherwise(c.text, c.key_span, classifiers):
                c.key_span = find_counted(c.text, classifiers, by_ge=False)  # "几家网吧": not "会议2次"
            if count and c.key_span and c.text[c.key_span[1] - 1] in "%％":  # "多少个班级": not "5%以内"
                c.key_span = find_counted(c.text, "")
            if kind == "number" and c.key_span and bounds_only(c.text, c.key_span, question):  # "在50人以上的镇"
                c.key_span = None
            if wholes and c.key_span and kind == "number":  # "26项国家级课题中,已经结题的有多少项": past 26项
                part = past_given(c.text, c.key_span, wholes, "" if whole_en else classifiers)  # as the whole
                if focus and not any(f in c.text for f in focus):
                    part = None  # "2158名在校学生中…寄宿生": not "在校学生2158人,在园幼儿476人"
                if whole_en and part and not any(t in _clause_at(c.text, part) for t in part_terms):
                    part = None  # "… are Tibetan": not "研究生1人", which no word of the part's names
                c.key_span = part
            if wholes and c.key_span:
                paragraph = self._paragraph(c)  # a sum's part after the sum ("投入…近1200万元。…每年安排1000万元")
                told_at = paragraph.find(normalize(c.text)) + c.key_span[0] if kind == "money" else None
                if len(clauses) == 1 and not states_whole(paragraph, wholes, told_at):
                    c.key_span = None  # "32名临聘教师中…多少人": not a figure of the 108 teachers on the staff
            if counted_level and c.key_span and counts_other_level(counted_level, c.text, c.key_span):
                c.key_span = None
            if ratio:  # "学生与计算机比例": "生机比26∶1", "85%", "1.5倍"; not "2282件"; a share is as
                c.key_span = find_ratio(c.text, focus)  # specific as a sum of money, whatever the sentence calls it
        # "In which batch…": a heading ("2、深入开展党的群众路线教育。") names a topic; the fact is told under one
        if form == "factoid" and kind is None and not entity:
            for c in candidates:
                c.score *= _HEADING_SHARE if self._is_heading(c) else 1.0
        candidates = fullest_of_duplicates(sorted(candidates, key=lambda c: -c.score))
        within = _WANTED_WITHIN  # how far down the best sentences the asked-for thing may stand
        if counted and any(find_counted(c.text, counted, by_ge=False) for c in candidates[:_COUNTED_WITHIN]):
            within = _COUNTED_WITHIN
            for c in candidates:  # "多少支队": "15支精准帮扶队" in one of the best sentences, not "17个问题"
                c.key_span = find_counted(c.text, counted, by_ge=False) if c.key_span else None
        if kind in ("number", "money"):
            for c in candidates[1:_WANTED_WITHIN]:
                c.key_span = None if self._another_item(c, candidates[0], tokens) else c.key_span
        confidence = self._confidence(candidates, tokens, hits)
        missing = self._missing(lang, tokens, hits, kind, candidates, within)
        if entity and entity != "person" and form == "factoid" and blanks_name(entity, candidates[0].text) \
                and not any(c.key_span for c in candidates[:_WANTED_WITHIN]):  # "邀请XX市纪委副书记…": 哪个市
            missing = say("thing_title", lang)
        if entity and entity not in ("person", ORDINAL) and form == "practice" \
                and not any(find_named(entity, c.text) for c in candidates[:_WANTED_WITHIN]):
            missing = say("thing_title", lang)  # "下到的4个村分别是哪几个村": "分别下到4个村、4个单位" names none
        off_topic = self._off_topic(asked, tokens, hits) if lang == "zh" and not missing else []
        if off_topic:
            missing = say("thing_terms", lang, terms="、".join(off_topic))
        unheard = self._unheard(tokens, candidates, asked) if lang == "zh" and not missing else []
        if unheard:  # "镇里推行河长制…": the reports never take the topic up
            return _refuse(question, hits, lang, say("thing_terms", lang, terms="、".join(unheard)), confidence,
                           "refusal_unheard")
        if asks_country(question) and not any(names_country(c.text) for c in candidates[:_WANTED_WITHIN]):
            missing = say("thing_country", lang)  # "外方是哪个国家的学校": "与国外合作办学" names none
        if asks_most(question) and not any(ranks(c.text) for c in candidates[:_WANTED_WITHIN]):
            missing = say("thing_most", lang)  # "捐书最多的是哪个部门": "全县各部门单位共捐赠图书7万多册" ranks none
        if confidence < self.settings.refuse_below or missing:
            return _refuse(question, hits, lang, missing, confidence)
        if kind == "date" and asks_issued(question):  # "方案是什么时候发布的": the date it is signed with
            candidates = self._signed(candidates[0]) + candidates
        if kind:  # lead with a sentence that holds the asked-for thing
            # a number is exact, so any of the best sentences holding it leads; a date or name must
            # also score close to the best, since "什么时候" is often answered by a phrase, not a date
            floor = 0.0 if kind in ("number", "money") else 0.8 * candidates[0].score
            best = candidates[0]
            # "预计什么时候开始招生": the best sentence tells what, the one right after it when ("有望2018年秋季实现招生")
            with_span = [c for c in candidates[:within] if c.key_span and (
                c.score >= floor or _follows(c, best) and self._adds_words(c, best, tokens))]
            if kind in ("number", "money") and not best.key_span and redacted_near(best.text, focus or tokens):
                # "总建筑面积××平方米": the best sentence's report blanks the figure out; a figure from
                # another report is about something else, unless it is the same sentence there
                with_span = [c for c in with_span if c.hit.chunk.article_key == best.hit.chunk.article_key
                             or similarity(c.text, best.text) >= _SAME_SENTENCE]
                if not with_span:
                    return _refuse(question, hits, lang, say(f"thing_{kind}", lang), confidence)
            if kind in ("number", "money") and lang == "en" and not best.key_span:
                # "According to the district supervision plan, how many…": the best sentence names no figure but
                # finds the report; a figure a little lower in its article, over one from another report (a Chinese
                # question's counted names tie its figure to its sentence; an English one's bridged terms seldom do)
                article = best.hit.chunk.article_key
                own = next((c for c in candidates[:_COUNTED_WITHIN]
                            if c.key_span and c.hit.chunk.article_key == article), None)
                if own and (not with_span or with_span[0].hit.chunk.article_key != article):
                    with_span = [own] + [c for c in with_span if c is not own]
            named_sum = [f for f in focus if len(f) >= 3] if kind == "money" else []
            # the best sentence may name it by its head ("月平均工资": 工资, which "绩效工资总量" names too)
            heads = [f[-2:] for f, _ in names if len(f) >= 3 and f[-2:] not in _NO_HEAD] if kind == "money" else []
            if not best.key_span and any(f in normalize(best.text) for f in named_sum + heads) and not any(
                    f in self._paragraph(c) for c in with_span for f in named_sum):
                # "社会抚养费总额是多少": the best sentence names the sum and gives none; the sums given are others'
                return _refuse(question, hits, lang, say(f"thing_{kind}", lang), confidence)
            nouns = counted_en if noun_en else \
                money_named_en(question) if lang == "en" and kind == "money" else []  # "salary": 工资
            if noun_en and not nouns and not classifiers:  # "How many questionnaires…": no report's word for them
                return _refuse(question, hits, lang, say(f"thing_{kind}", lang), confidence)
            # "above 500 points", not "in 2017" nor "No. 3 Primary School"
            stated = sorted(given - set(years_given(question)) - set(numbered_names(question)))
            named_by = (head_en or nouns) if noun_en else nouns

            def counts_it(c: Candidate) -> bool:
                """True when `c` names what is counted ("五个小组" for "working groups", 工作组), or holds a figure
                the question gives; any sentence does when the question names nothing counted."""
                return not nouns or any(t in f"{self._section(c)} {c.text}" for t in named_by + stated) \
                    or counted_in_word(c.text, nouns)

            if nouns:  # "How many students…": a figure from a sentence naming them, or holding a figure asked about
                with_span = [c for c in with_span if counts_it(c)]
                if not with_span:
                    return _refuse(question, hits, lang, say(f"thing_{kind}", lang), confidence)
            things = things_given_en(question) if lang == "en" and kind == "money" else {}
            if things:  # "spend on the 11 new school buses": a sum told with them (新购11辆校车), not 设备购置…2227.86万元
                terms = [t for thing in things.values() for t in head_terms(thing)]
                with_span = [c for c in with_span
                             if any(f in c.text for f in things) or any(t in c.text for t in terms)]
                if not with_span:
                    return _refuse(question, hits, lang, say(f"thing_{kind}", lang), confidence)
            if not with_span and kind == "date" and asks_calendar(question):  # "哪一年" wants a year
                return _refuse(question, hits, lang, say("thing_date", lang), confidence)
            if not with_span and kind == "name" and posts:  # "第二任乡党委书记叫什么名字": no close sentence names him
                return _refuse(question, hits, lang, say("thing_name", lang), confidence)
            years = years_given(asked) if kind in ("number", "money") else []
            dated = [c for c in with_span if any(y in c.text for y in years)]
            if dated:  # "2009年…普及率": the figure of the year asked about, not another year's target
                with_span = dated + [c for c in with_span if c not in dated]
            if years and with_span:  # "2015年…多少": not "在2015年…基础上,2016年,…拨付…35万元", told of 2016
                for c in with_span:  # but "从2004年的48%上升到2009年的78%" tells 2009's after 2004's
                    head = clause_head(c)  # "2002年至2004年,小学为…;" before "初中为1799元…" tells its years
                    told = head + c.text, (len(head) + c.key_span[0], len(head) + c.key_span[1])
                    if year_told(*told) not in (None, *years):
                        c.key_span = figure_of_year(kind, c.text, years)
                    elif len(years) == 1:  # "2004年": "2002年至2004年,…1300元、1316元和1328元"
                        start, end = figure_in_series(kind, *told, years[0])
                        c.key_span = start - len(head), end - len(head)
                other_year = [c.text for c in with_span if not c.key_span]
                # nor the same sentence in a copy of the report with its years left out ("至,小学生均…为61元")
                with_span = [c for c in with_span if c.key_span and not any(
                    similarity(c.text, text) >= _SAME_SENTENCE for text in other_year)]
                if not with_span:
                    return _refuse(question, hits, lang, say(f"thing_{kind}", lang), confidence)
            changed = [c for c in with_span if states_change(c.text)] if kind == "number" and asks_from_to(asked) \
                else []
            if changed:  # "比例从多少涨到了多少": "入园率由三年前的81.2%提高到90.65%", not "普及率达90.65%"
                with_span = changed + [c for c in with_span if c not in changed]
            if kind in ("number", "money") and asks_total(question) and len(clauses) == 1 and not (
                    with_span and told_as_total(with_span[0].text, with_span[0].key_span)):
                # "捐赠财物总计有多少": a sentence stating a total ("社会引资合计38万多元") of parts that are among
                # the best sentences, standing just before it, leads, though each part shares more of the question
                best_few = candidates[:_TOTAL_WITHIN]
                totals = [c for c in best_few if find_total(c.text, kind) and len(
                    [p for p in best_few if p is not c and _sums(c, p) and find_wanted(kind, p.text)]) >= 2]
                for c in totals:
                    c.key_span = find_total(c.text, kind)
                # first one naming what it totals in the question's words, not one summing the figures before it
                totals.sort(key=lambda c: not any(t in total_named(c.text, c.key_span) for t in tokens if len(t) > 1))
                with_span = totals + [c for c in with_span if c not in totals]
            candidates = with_span + [c for c in candidates if c not in with_span]
            # "叶首得", or "Ye Shoude" in an English question
            people = [name for name in self._people() if name in asked] if lang == "zh" else \
                romanised_names(question, tuple(sorted(self._people())))
            if people:  # "叶首得是哪一年上任的": a figure told of him, not "2002年以来,…乡党委书记换了三任"
                his = [c for c in with_span if any(p in self._paragraph(c) for p in people)]
                if not his:
                    return _refuse(question, hits, lang, say("thing_terms", lang, terms="、".join(people)),
                                   confidence, "refusal_not_about")
                candidates = his + [c for c in candidates if c not in his]
            figure = kind in ("number", "money")
            acting = acting_posts(asked) if figure and lang == "zh" else []
            if acting and other_post(candidates[0].text, acting):  # "县委书记…几次": "政府吴县长先后13次…"
                post = post_named(asked, acting[0])
                return _refuse(question, hits, lang, say("thing_terms", lang, terms=post), confidence,
                               "refusal_not_about")
            named = [p for p in self._programmes(question, lang) if p in self._corpus()] if figure else []
            if named:  # "创建“无毒害县”投入了多少资金": a figure from the campaign's own article, not the 无毒害区's
                on = _holding(candidates, floor, lambda c: all(p in self._article_text(c.hit) for p in named))
                if not on:
                    return _refuse(question, hits, lang, say(f"thing_{kind}", lang), confidence)
                # of those, one whose own paragraph names it ("我市“全面改薄”项目…投入资金达1.3亿元")
                on.sort(key=lambda c: not all(p in self._paragraph(c) for p in named))
                candidates = on + [c for c in candidates if c not in on]
            bodies = bodies_named(asked) if lang == "zh" else self._bodies_en(question)
            if bodies:  # "磊石学校有多少学生": a figure from a paragraph on the school, not the town's
                # or from its report ("山左口中学位于…" opens it), or one the question names ("the Sandu … report")
                report = names_report(question)
                best_in = (lambda c: self._article_text(c.hit)) if report else self._on_body
                about = [c for c in with_span if all(stem in best_in(c) for stem, _ in bodies)]
                # the school's own figure, when the best sentences hold only others' ("我区小学…生均26.5册"),
                # from a paragraph naming it: in its report, others are too ("投资数万元…树苗", not 教学楼's)
                deeper_in = (lambda c: self._article_text(c.hit)) if report else self._surroundings
                about = about or _holding(
                    candidates, floor, lambda c: counts_it(c) and all(stem in deeper_in(c) for stem, _ in bodies))[:1]
                if not about:
                    names = "、".join(name for _, name in bodies)
                    return _refuse(question, hits, lang, say("thing_terms", lang, terms=names), confidence,
                                   "refusal_not_about")
                candidates = about + [c for c in candidates if c not in about]
            if len(places_asked) == 1:  # "In Shuangquan town's plan…": from an article on the town, not Jiayuguan's
                town = places_asked[0]
                on = _holding(candidates, floor, lambda c: any(name in self._article_text(c.hit) for name in town))
                if not on:
                    return _refuse(question, hits, lang, say("thing_terms", lang, terms=town[0]), confidence,
                                   "refusal_not_about")
                candidates = on + [c for c in candidates if c not in on]
            one = lang == "zh" and len(clauses) == 1 and not _ASKED.search(asked)  # "…什么时间?…几件好事?"
            titled = self._other_item(asked, tokens, candidates[0]) if one else ""
            if titled:  # "音体美技能抽查时,每班抽测多少名学生": from "2、音体美技能抽查。…", not "1、科学实验…"'s
                on = _holding(candidates[:within], floor, lambda c: titled in self._paragraph(c))
                if not on:
                    return _refuse(question, hits, lang, say("thing_terms", lang, terms=titled), confidence,
                                   "refusal_not_about")
                candidates = on + [c for c in candidates if c not in on]
            member = self._listed_member(asked, tokens, candidates[0]) \
                if figure and one and not _SEVERAL.search(asked) else ""
            if member:  # "双溪古镇旅游项目的总投资": "重点项目27个,项目总投资141.08亿元;其中,…、双溪古镇旅游项目等4个项目…"
                return _refuse(question, hits, lang, say(f"thing_{kind}", lang), confidence)
            units = "%％" if ratio else "元万亿" if kind == "money" else ""  # "多大比例": not "落实?万元的…经费"
            blanked = self._blanked(tokens, candidates, units) if kind in ("number", "money") else ""
            if blanked:  # "总建筑面积××平方米": the lead's report blanks the figure asked for; the lead's is another's
                return _refuse(question, hits, lang, say(f"thing_{kind}", lang), confidence)
            if asks_whole_year(question) and told_part_year(candidates[0].text):  # "全年": not "截止6月底…"
                return _refuse(question, hits, lang, say(f"thing_{kind}", lang), confidence)
        elif entity in _NAMED_LEADS and form == "factoid":
            # "谁", "哪几个市", "which two schools": lead with one of the best sentences naming one
            floor = _NAMED_FLOOR * candidates[0].score
            named = [c for c in candidates[:_WANTED_WITHIN] if c.key_span and c.score >= floor]
            if entity == ORDINAL:  # "第一批" is as exact as a figure: any of the best sentences holding one leads
                named = [c for c in candidates[:_COUNTED_WITHIN] if c.key_span]
            group = group_post(question) if entity == "person" else None
            if group:  # "督导组副组长由谁担任": "于少锋同志任督导组副组长", not the leading group's "…同志担任副组长"
                held = [replace(c, key_span=span) for c in candidates[:_WANTED_WITHIN]
                        for span in [find_group_holder(c.text, *group)] if span]
                named = held + [c for c in named if all(c.start != h.start or c.hit is not h.hit for h in held)]
            if entity == "person" and (posts or asks_holder(question)) and len(clauses) == 1 \
                    and not asks_plural(question) and not any(c.key_span for c in candidates[:_WANTED_WITHIN]):
                # "纪委书记是谁": no one is named
                return _refuse(question, hits, lang, say("thing_person", lang), confidence)
            if entity in _BODIES and len(clauses) == 1 and not any(c.key_span for c in candidates[:_WANTED_WITHIN]):
                # "前置审批项目最多的是哪个单位": "其中26个单位存在…" counts them, names none
                return _refuse(question, hits, lang, say("thing_title", lang), confidence)
            candidates = named + [c for c in candidates if c not in named]
        places = self._named_places(question, tokens) if form == "factoid" else []
        if len(places) > 1:  # "上坪乡和明溪口镇的总人口分别是多少": the best sentence for each place
            chosen = per_place(candidates, places, kind)
            if chosen:
                return render_answer(question, hits, chosen, form, lang, confidence)
        # of several questions asked together, one about the place ("嘉峪关市…?那个区…?") leads with none
        one_place = len(places) == 1 and all(places[0] in clause for clause in clauses)
        place = self._other_place(places, candidates[0]) if one_place else ""
        # the same figure or name, from a report on the place, among the best sentences: a copy of the report
        # with its names left out ("XX乡…婚检率达到98%以上") may have led
        there = next((c for c in candidates[1:within] if place and _key(c) == _key(candidates[0]) != ""
                      and not self._other_place(places, c)), None)
        if there:
            candidates, place = [there] + [c for c in candidates if c is not there], ""
        if place:  # the fact found is about somewhere else
            return _refuse(question, hits, lang, say("thing_terms", lang, terms=place), confidence, "refusal_not_about")
        # an English question's level is in its bridged terms ("senior high school students": 高中)
        level = school_level(asked if lang == "zh" else " ".join(tokens)) \
            if kind in ("number", "money") and len(clauses) <= 1 else None  # an English question has no clauses
        if level and other_level(level, f"{self._section(candidates[0])} {candidates[0].text}"):
            # "初中生均公用经费": "小学…为61元、75元和105元" led; "初中为1799元、1905元和2019元" stands just below
            own_level = next((c for c in candidates[1:_TOTAL_WITHIN] if c.key_span and of_level(level, c.text)
                              and not other_level(level, f"{self._section(c)} {c.text}")), None)
            if own_level is None:  # "高中毕业生的体育合格率": the figures found are the 小学's and the 初中's
                return _refuse(question, hits, lang, say("thing_terms", lang, terms=level), confidence,
                               "refusal_not_about")
            candidates = [own_level] + [c for c in candidates if c is not own_level]
        if kind and len(clauses) > 1:  # "…图书馆有多少所?开通了校园网的有多少所?": a sentence for each question
            chosen = join_adjacent(self._per_clause(clauses, candidates, kind, tokens, passages))
            return render_answer(question, hits, chosen, form, lang, confidence)
        named_en = asked_thing_en(question) if lang == "en" and form == "factoid" and not kind and not entity else ""
        terms = head_terms(named_en) if named_en else []
        if terms and not any(t in candidates[0].text for t in terms):
            # "which meetings did … convene": a close sentence naming meetings (会议) leads
            floor = _NAMED_FLOOR * candidates[0].score
            own = [c for c in candidates[1:_WANTED_WITHIN] if c.score >= floor and any(t in c.text for t in terms)]
            candidates = own[:1] + [c for c in candidates if c not in own[:1]]
        labelled = self._labelled(asked, candidates) if form == "practice" and lang == "zh" else None
        if labelled:  # "在“严格管理”方面采取了哪些措施": what "第二,严格管理。" heads
            rows = self._starts.get(labelled.hit.chunk.article_key, [])
            return render_answer(question, hits, [with_rest(labelled, rows)], form, lang, confidence)
        outline = self._outline(question, candidates, tokens) if form == "practice" else []
        quoted = _CJK_RUN.findall(question) if lang == "en" else []  # "… the 'three disabilities' (三残)?"
        if outline and any(q in c.text for q in quoted for c in candidates[:_WANTED_WITHIN]) \
                and not any(q in c.text for q in quoted for c in outline):
            outline = []  # the list names not what the question quotes, and one of the best sentences does
        chosen = outline or select(candidates, form, self.settings, plural=asks_plural(question))
        if form in ("factoid", "general"):  # "1.继续做好…特色学校的创建工作。在目前已评8所的基础上": what was rated
            chosen = [with_title(c) for c in join_adjacent(chosen)]
        if form != "factoid" and not outline:  # a list item that only names a measure takes its detail
            chosen = [self._widened(c) for c in chosen]
            chosen = [with_lead_in(c) for c in chosen]  # "重点把握好四个环节:一是公示…"
            chosen = without_contained(chosen)
        if enumerates(question) and len(chosen) == 1 and not _LISTING.search(chosen[0].text):
            # "“三位一体”具体指哪三个产业": the one sentence found names the list, and lists nothing
            label = next((q for q in _QUOTED.findall(asked) if q in normalize(chosen[0].text)), "")
            if label:
                return _refuse(question, hits, lang, say("thing_items", lang, terms=label), confidence)
        return render_answer(question, hits, chosen, form, lang, confidence)

    def _widened(self, c: Candidate) -> Candidate:
        """A list item with the label before it, the detail of a measure it only names, and the other
        measures of those it announces."""
        sentences = self._starts.get(c.hit.chunk.article_key, [])
        return with_items(with_detail(with_label(c), sentences), sentences)

    def _another_item(self, c: Candidate, best: Candidate, tokens: list[str]) -> bool:
        """True when `c` is one item of a run of clauses that `best` (holding no figure) is another item of,
        and holds under half as much of the question: "…郭店中学…教学楼建设工程,…破土动工;加快…塑胶操场建设,
        …投资100万余元完成项目建设;" — the figure is the other project's."""
        if best.key_span or c.hit.chunk.article_key != best.hit.chunk.article_key or c.article_text is None:
            return False
        a, b = sorted(((best.start, best.end), (c.start, c.end)))
        between = c.article_text[a[0]:b[0]]
        if "\n" in between or "。" in between or not _CLAUSE_END.search(c.article_text[a[1] - 1:a[1]]):
            return False
        return self.terms.coverage(self._own(tokens, c), normalize(c.text)) < _ON_POINT * self.terms.coverage(
            self._own(tokens, best), normalize(best.text))

    def _signed(self, best: Candidate) -> list[Candidate]:
        """The date line that closes the best sentence's document, as a candidate as good as the best;
        [] when the document ends otherwise."""
        article = self.index.articles.get(best.hit.chunk.article_key) if self.index else None
        span = signed_date(article.text) if article else None
        if span is None:
            return []
        signed = self._heading(best, span[0], article)
        return [replace(signed, end=span[1], text=article.text[span[0]:span[1]], score=best.score,
                        key_span=(0, span[1] - span[0]))]

    def _per_clause(self, clauses: list[str], candidates: list[Candidate], kind: str, tokens: list[str],
                    passages: str) -> list[Candidate]:
        """For each question of several asked together, in their order, the sentence (among the best
        _CLAUSE_WITHIN) holding its asked-for thing with most of its words; the lead instead when it
        holds nearly as many. Each sentence once."""
        chosen: list[Candidate] = []
        lead, places = candidates[0], self._places(tokens)
        for clause in clauses:  # the place is the passages' subject, not what tells one question from another
            # "…重大建设项目中,前期工作项目有几个": the part asked of the whole tells it apart, not the whole
            asked = _AMONG.split(clause)[-1]
            own = [t for t in dict.fromkeys(self.tokenizer.query_tokens(asked)) if not any(t in p for p in places)]
            focus = _used_names(_counted_names(clause, own, passages), passages)
            spans = {id(c): self._clause_span(clause, kind, focus, c) for c in candidates[:_CLAUSE_WITHIN]}
            holding = [c for c in candidates[:_CLAUSE_WITHIN] if spans[id(c)]]
            cover = {id(c): self.terms.coverage(own, normalize(c.text)) for c in holding + [lead]}
            best = max(holding, key=lambda c: (cover[id(c)], c.score), default=lead)
            answer = lead if cover[id(lead)] >= _ANSWERED * cover[id(best)] else best
            if all(answer.start != c.start or answer.hit is not c.hit for c in chosen):
                chosen.append(replace(answer, key_span=spans.get(id(answer)) or answer.key_span))
        return chosen

    @staticmethod
    def _clause_span(clause: str, kind: str, focus: list[str], c: Candidate) -> tuple[int, int] | None:
        """Where `c` holds what one of several questions asks for; the question's own kind when it has one
        ("宣传栏多久更换一次…培训全年不少于几次": a frequency, then a number)."""
        own_kind = wanted(clause) or kind
        if asks_frequency(clause):
            return find_frequency(c.text)
        if focus or own_kind != kind:
            return find_wanted(own_kind, c.text, focus)
        return c.key_span

    def _unknown_regions(self, question: str) -> list[str]:
        """Places the question names that no report mentions: the name is one word to jieba ("天河" of
        天河区) and neither it nor the whole name is a term of the index."""
        if not self.terms.df:
            return []
        unknown = []
        for name in regions_named(question):
            stem = name[:-1]
            if (word_tag(stem) or "n")[0] not in "njs":  # "够得上省标准化": a phrase (l), or a verb, names no place
                continue
            if self.tokenizer.words(stem) == [stem] and stem not in self.terms.df and name not in self.terms.df:
                unknown.append(name)
        return unknown

    def _named_places(self, question: str, tokens: list[str]) -> list[str]:
        """The places a question names, in its order, without those inside a longer one named too."""
        text = normalize(question)
        named = set(self._places(tokens)) | places_named(text)
        places = [p for p in named if not any(p != o and p in o for o in named)]
        # "沅陵县明溪口镇": a county right before a town is where the town is, not a second place
        places = [p for p in places if not (p[-1] in "县区市" and any(
            text.find(p) + len(p) == text.find(o) and o[-1] in "乡镇" for o in places))]
        if not places:  # "滨海新区XX镇": the district a report names, its town's name left out
            places = [r for r in regions_named(text) if len(r) >= 3 and r in self.terms.df][:1]
        return sorted(places, key=lambda p: (text.find(p), p))

    def _other_place(self, places: list[str], lead: Candidate) -> str:
        """The place a one-place question names when the lead sentence's article never mentions it, nor
        anything named after it ("山左口乡": the article of 山左口中学)."""
        if lead.article_text is None:
            return ""
        about = normalize(f"{lead.hit.chunk.article_title} {lead.hit.chunk.subject} {lead.article_text}")
        stem = places[0][:-1] if len(places[0]) >= 3 else places[0]
        return "" if stem in about else places[0]

    def _passages(self, hits: list[Hit], exact: bool) -> list[tuple[Hit, int]]:
        """The hits whose sentences may answer, each with the rank (before merging) its text must come
        within: the best `passages`; for an `exact` question (a figure, "哪几个村") also the next
        `lead_article_passages` of the best hit's article, which a figure missing from the best passages
        is more likely in than anywhere else."""
        limit = self.settings.passages
        deeper = limit + (self.settings.lead_article_passages if exact else 0)
        lead = hits[0].chunk.article_key if hits else None
        return [(h, deeper if h.chunk.article_key == lead else limit) for h in hits[:limit]] + [
            (h, deeper) for h in hits[limit:deeper] if h.chunk.article_key == lead]

    def _candidates(self, hit: Hit, rank: int, limit: int, query_vector: np.ndarray | None) -> list[Candidate]:
        """The sentences of a hit, widened to whole sentences, with their similarity to the question;
        text merged into it from below rank `limit` is context, not answer."""
        c = hit.chunk
        article = self.index.articles.get(c.article_key) if self.index else None
        if article is None:
            return [Candidate(hit, rank, c.start + s.start, c.start + s.end, s.text)
                    for s in split_sentences(c.text) if self._is_prose(s.text)]
        rows = self._starts.get(c.article_key, [])
        first = max(0, bisect.bisect_right(rows, (c.start, 1 << 30, 0)) - 1)
        out = []
        for start, end, row in rows[first:]:
            if start >= c.end:
                break
            if end <= c.start:
                continue
            text = article.text[start:end]
            if not self._is_prose(text):
                continue
            dense = float(self.index.sentence_vectors[row] @ query_vector) if query_vector is not None else 0.0
            before = hit.rank_of(start, end)  # a merged hit's parts keep their own ranks:
            if before > limit:  # text merged in from lower ranks is context, not answer
                continue
            out.append(Candidate(hit, before - 1, start, end, text, article.text, dense,
                                 section_path=article.section_path(start)))
        return out

    def _is_prose(self, sentence: str) -> bool:
        """Headings, titles and signatures ("明溪口镇党委政府") are context, not answers."""
        return len(sentence) >= self.settings.min_sentence and (
            sentence[-1] in "。！？!?；;…”’)）" or len(sentence) >= 40)

    def _score(self, c: Candidate, tokens: list[str], kind: str | None, focus: list[str], dense_rel: float,
               listing: bool = False, entity: str | None = None, average: bool = False,
               given: frozenset[str] = frozenset(), scope: tuple[str, ...] = (), pointed: list[str] = (),
               at: str = ""):
        """Sentence score: meaning (dense, relative to the other candidates), the question's words that
        the passage's title and headings do not already supply, passage rank, and the asked-for span."""
        # words naming whose report it is (title, subject, places) pick the passage, not the sentence
        own = self._own(tokens, c, scope)
        # "会议由…主持并讲话" says what "…适时召开教育实践活动总结大会。" before it names
        lexical = self.terms.coverage(own, normalize(f"{antecedent(c)}{c.text}"))
        section = " ".join(filter(None, (self._section(c), label_before(c))))  # "搞好思想发动。" over its measure
        if section:  # a measure's words often stand in its heading ("3、加强写字教学。将小学每周…")
            lexical = max(lexical, 0.5 * lexical + 0.5 * self.terms.coverage(own, normalize(section)))
        asking = [t for t in pointed if t in own]
        if asking:  # the words of the clause that asks weigh as much again as all the question's words
            lexical = 0.5 * lexical + 0.5 * self.terms.coverage(asking, normalize(f"{section} {c.text}"))
        redacted = kind in ("number", "money") and (redacted_near(c.text, focus or tokens) or blank_asked(c.text, at))
        span = None if redacted else find_wanted(kind, c.text, focus, average, given)
        if span is None and focus and kind in ("number", "money") and not redacted and any(
                f in label_before(c) for f in focus):  # "生均教育事业费逐年增长。2002年至2004年,小学为1300元…"
            span = find_wanted(kind, c.text, None, average, given)
        fit = 1.0 if kind is None or span else 0.0
        if kind is None and entity:  # "哪几个村", "谁": a sentence that names villages, a person or post
            span = find_person(c.text) if entity == "person" else find_named(entity, c.text)
            fit = 1.0 if span else 0.0
        elif listing and not ITEM.match(c.text):  # "哪两种模式": the items of the list answer it
            fit = 0.5
        prior = 1.0 / (1 + c.rank)
        return 0.4 * dense_rel + 0.4 * lexical + 0.1 * prior + 0.1 * fit, span

    def _scope(self, question: str, form: str, lang: str) -> tuple[str, ...]:
        """The one school that picks the passages but not the sentences: the school a practice or general question
        asks about ("山左口中学…有哪些做法": "山左口中学位于东海县最西部,有12个班级" is no measure; "三都中学是靠什么人…
        掌握学生心理问题的": not "《资兴市三都中学学生心理危机干预工作方案》"), or the one whose
        report a question asks about ("in the Shanzuokou Middle School report"); () for none, or for two,
        where each name picks its own sentences."""
        asked = normalize(question)
        if form not in ("practice", "general") and not names_report(question):
            return ()
        scope = tuple(name for _, name in (bodies_named(asked) if lang == "zh" else self._bodies_en(question)))
        return scope if len(scope) == 1 and not asks_plural(asked) else ()

    def _adds_words(self, c: Candidate, lead: Candidate, tokens: list[str]) -> bool:
        """True when `c` holds a word of the question that `lead` lacks ("招生")."""
        text, lead_text = normalize(c.text), normalize(lead.text)
        return any(len(t) >= 2 and t in text and t not in lead_text for t in self._own(tokens, c))

    def _own(self, tokens: list[str], c: Candidate, scope: tuple[str, ...] = ()) -> list[str]:
        """The question's words that pick a sentence: not those naming whose report it is (title,
        subject, places, and the `scope` of a practice question: the school it asks about), which pick
        the passage."""
        head = normalize(f"{c.hit.chunk.article_title} {c.hit.chunk.subject}")
        scope = (*self._places(tokens), *scope)
        return [t for t in tokens if t not in head and not any(t in p for p in scope)] or tokens

    def _outline(self, question: str, candidates: list[Candidate], tokens: list[str]) -> list[Candidate]:
        """The sub-headings, each with its detail, of the section that lists what the question asks for
        ("做了哪些实践": "三、…进行的实践" → 1、… 2、… 3、…), in the article of the best passage holding
        one; [] when none does, or when the question is about one sub-heading alone."""
        if self.index is None:
            return []
        noun = listed_noun(normalize(question)) or next(iter(translate_terms(listed_noun_en(question))), "")
        framed = self._framed_list(candidates)
        if framed:  # "以语文为例:" ①… ⑥…; "①…⑥…这样,通过定时间、定内容…具体化了。"
            return framed
        headed = self._headed_section(candidates, tokens)
        if headed:  # "如何强化学校内部管理": "(三)、强化学校内部管理,切实做好日常工作。" over 1、… 4、
            return headed
        if not noun:  # "怎样做到“三个严格”的": "做到三个严格。第一,严格教育。…"
            named = counted_list(question)
            inline = self._inline_list(candidates, named, reach=len(candidates)) if named else []
            return inline or self._announced_list(candidates, tokens) or self._numbered_run(candidates, tokens)
        inline = self._inline_list(candidates, noun) or self._labelled_list(candidates, noun)
        if inline:  # "要抓好哪几个环节": "重点把握好四个环节:一是公示。…四是落实。…"; "下一步打算:" 1、… 2、…
            return inline
        item = self._named_item(candidates, noun)
        if item:  # "建立了哪些工作机制": "二是建立完善的工作机制。县委常委会议…定期听取…"
            return [item]
        by_article: dict[str, Candidate] = {}  # each article's best-ranked sentence, best article first
        top = max(c.score for c in candidates)
        near = {c.hit.chunk.article_key for c in candidates if c.score >= _OUTLINE_SHARE * top}
        for c in sorted(candidates, key=lambda c: c.rank):
            if c.hit.chunk.article_key in near:  # not "方案4"'s "(一)、学习贯彻十八大精神…" for one sentence's 做法
                by_article.setdefault(c.hit.chunk.article_key, c)
        outlines = []  # each best article's sections, read once for all the names the list may go by
        for key, best in list(by_article.items())[:OUTLINE_ARTICLES]:
            article = self.index.articles.get(key)
            if article:
                outlines.append((best, article, sections_of(article)))
        for word in other_names(noun):  # "哪些志愿服务活动": "(一)环境保洁服务活动"; "哪些做法": "…进行的实践"
            for best, article, all_sections in outlines:
                # "二、方法步骤" lists 环节 when it says so before its items ("着力抓好3个环节:" 1.… 2、… 3、…)
                sections = [s for s in all_sections if lists(s, word) or word in announced(article, s)]
                if not sections:
                    continue
                own = self._own(tokens, best)
                section = max(sections, key=lambda s: self.terms.coverage(own, normalize(s.text)))
                return [] if self._about_one(own, section, article) else self._items(best, section, article)
        return self._numbered_run(candidates, tokens)

    def _labelled(self, asked: str, candidates: list[Candidate]) -> Candidate | None:
        """Of the best sentences, one right after a label the question quotes ("“严格管理”": "第二,严格管理。"), or None."""
        quoted = _QUOTED.findall(asked)
        return next((c for c in candidates[:_TOTAL_WITHIN] if quoted
                     and label_before(c).rstrip("。:：") in quoted), None)

    def _headed_section(self, candidates: list[Candidate], tokens: list[str]) -> list[Candidate]:
        """The sub-headings, each with its detail, of the section whose heading is the best sentence, when
        the heading holds more of the question's words than any of its sub-headings does: the question asks
        in the heading's words for all that the section does; [] otherwise."""
        best = candidates[0]
        article = self.index.articles.get(best.hit.chunk.article_key)
        section = next((s for s in sections_of(article) if s.heading.start == best.start), None) if article else None
        if section is None:
            return []
        return self._whole_list(best, section, article, section.heading.text, tokens)

    def _named_item(self, candidates: list[Candidate], noun: str) -> Candidate | None:
        """The short list item of the best sentence's article that names the kind of thing asked for, the only
        place the article names it ("二是建立完善的工作机制。"), with the sentences that tell it; None when there is
        none, when the article names the kind elsewhere too (then each item may be one of the things: "(一)环境
        保洁服务活动。" "(二)文明交通服务活动。"), or when the question asks for measures in general ("哪些措施")."""
        lead = candidates[0].hit.chunk.article_key
        article = self.index.articles.get(lead)
        if names_measures(noun) or article is None or normalize(article.text).count(noun) != 1:
            return None
        item = next((c for c in candidates if c.hit.chunk.article_key == lead and ITEM.match(c.text)
                     and noun in normalize(c.text)), None)
        told = with_detail(item, self._starts.get(lead, [])) if item else None
        return told if told and told.end > item.end else None  # a short item, told by what follows it

    def _numbered_run(self, candidates: list[Candidate], tokens: list[str]) -> list[Candidate]:
        """The items, each with its detail, of the run of ordinal paragraphs ("首先,…其次,…第三,…第六,…")
        that one of the best sentences stands in, when it has at least _RUN_MIN items and the question's
        words in that item's own line stand in the paragraph leading in to the run as well (the run is
        what the article says about the question, not one item of it); [] otherwise."""
        for best in candidates[:_WANTED_WITHIN]:
            if best.article_text is None:
                continue
            text = best.article_text
            paragraph, left = _whole_paragraph(text, best.start, best.end)
            back = numbered_paragraphs(text, left, forward=False) if ORDINAL_ITEM.match(paragraph) else []
            starts = numbered_paragraphs(text, back[0], forward=True) if back else []
            if len(starts) < _RUN_MIN:
                continue
            article = self.index.articles.get(best.hit.chunk.article_key)
            items = [self._item(best, at, article) for at in starts]
            line = items[starts.index(left)].text
            lead_in, _ = _whole_paragraph(text, max(0, starts[0] - 2), max(0, starts[0] - 1))
            context = normalize(f"{best.hit.chunk.article_title} {lead_in}")
            # "怎么做好信息收集和反馈": that item alone; "…通过什么办法收集看病群众的意见": that detail of an item
            own = [t for t in self._own(tokens, best) if t in normalize(line) or t in normalize(best.text)]
            if any(t not in context for t in own):
                return []
            rows = self._starts.get(article.key, [])
            return [with_detail(item, rows) for item in items]
        return []

    def _framed_list(self, candidates: list[Candidate]) -> list[Candidate]:
        """The items, each with its detail, of the numbered paragraphs that one of the best sentences
        frames: a line ending in a colon over them ("…我们尝试学科课程的校本化,以语文为例:" ①…⑥), or a
        summing-up at the end of the last ("…这样,通过定时间、定内容,把…目标具体化了。"); [] when none does."""
        for best in candidates[:_WANTED_WITHIN]:
            if best.article_text is None:
                continue
            text = best.article_text
            paragraph, left = _whole_paragraph(text, best.start, best.end)
            if best.text.rstrip()[-1] in ":：" and not text[best.end:left + len(paragraph)].strip():
                starts = numbered_paragraphs(text, left + len(paragraph) + 1, forward=True)
            elif _SUMMING_UP.match(best.text) and ITEM.match(paragraph):
                starts = numbered_paragraphs(text, left, forward=False)
            else:
                continue
            if len(starts) >= 2:
                return self._detailed_items(best, starts)
        return []

    def _labelled_list(self, candidates: list[Candidate], noun: str) -> list[Candidate]:
        """The items, each with its detail, of the numbered paragraphs under a short line of the best sentence's
        article that names `noun` and nothing else ("下一步打算:" over 1、… 5、); [] when there is none."""
        best = candidates[0]
        if best.article_text is None:
            return []
        text = best.article_text
        label = rf"^(?![一二三四五六七八九十\d]+[、.．]|[（(])[^\n。,，;；]{{0,{_LABEL_MAX}}}{re.escape(noun)}[:：]?[ \t]*$"
        for m in re.finditer(label, text, re.M):  # an unnumbered line: "一、主要做法" heads a whole part
            starts = numbered_paragraphs(text, m.end() + 1, forward=True)
            if len(starts) >= 2:
                return self._detailed_items(best, starts)
        return []

    def _detailed_items(self, best: Candidate, starts: list[int]) -> list[Candidate]:
        """The list items starting at `starts` in the best sentence's article, each with its detail."""
        article = self.index.articles.get(best.hit.chunk.article_key)
        rows = self._starts.get(article.key, [])
        return [with_detail(self._item(best, at, article), rows) for at in starts]

    def _announced_list(self, candidates: list[Candidate], tokens: list[str]) -> list[Candidate]:
        """The items of the list the best sentence stands in, when the report says how many there are
        ("…分四个阶段来落实。" over 1、… 4、): "怎么分阶段落实" asks for the whole list, not one item's
        sentence; unless one item holds nearly as many of the question's words as the line announcing it."""
        best = candidates[0]
        article = self.index.articles.get(best.hit.chunk.article_key)
        around = [s for s in sections_of(article) if s.heading.start <= best.start < section_end(article, s)] \
            if article else []
        announcing = announced(article, around[-1]) if around else ""
        if not announcing:
            return []
        return self._whole_list(best, around[-1], article, announcing, tokens)

    def _whole_list(self, best: Candidate, section: Section, article: Article, line: str,
                    tokens: list[str]) -> list[Candidate]:
        """The section's items, each with its detail, when `line` (its heading, or the line announcing its items)
        holds _WHOLE_OVER_ITEM times more of the question's words than its best item: the question asks for the
        whole list, not one item; [] otherwise."""
        own = self._own(tokens, best)
        whole = self.terms.coverage(own, normalize(line))
        if _WHOLE_OVER_ITEM * max(self.terms.coverage(own, normalize(h.text)) for h in section.children) >= whole:
            return []
        return self._items(best, section, article)

    def _inline_list(self, candidates: list[Candidate], noun: str, reach: int = _WANTED_WITHIN) -> list[Candidate]:
        """The items, each with its detail, of a list of `noun` that the paragraph of one of the best `reach`
        sentences announces and tells in full ("四个环节:一是公示。…四是落实。…"); [] when none does."""
        for best in candidates[:reach]:
            if best.article_text is None:
                continue
            paragraph, left = _whole_paragraph(best.article_text, best.start, best.end)
            starts = inline_items(paragraph, noun)
            if starts:
                article = self.index.articles.get(best.hit.chunk.article_key)
                rows = self._starts.get(article.key, [])
                return [with_lead_in(with_detail(self._item(best, left + at, article), rows)) for at in starts]
        return []

    def _item(self, best: Candidate, start: int, article: Article) -> Candidate:
        """The list item starting at `start` up to the end of its first sentence ("一是公示。")."""
        stop = _ITEM_END.search(article.text, start)
        end = len(article.text) if stop is None else stop.start() if stop.group() == "\n" else stop.end()
        heading = self._heading(best, start, article)
        return replace(heading, end=end, text=article.text[start:end])

    def _about_one(self, own: list[str], section: Section, article: Article) -> bool:
        """True when one sub-heading alone holds the most words of the question ("怎么统一思想认识"), more
        than the section's lead-in before its first item does ("二、方法步骤…着力抓好3个环节:" holds all of
        "各单位要抓好哪几个环节", and "1.学习教育、听取意见" only its 教育)."""
        each = [self.terms.coverage(own, normalize(f"{section.heading.text} {h.text}")) for h in section.children]
        lead_in = self.terms.coverage(own, normalize(article.text[section.heading.start:section.children[0].start]))
        return each.count(max(each)) == 1 and max(each) > lead_in

    def _items(self, best: Candidate, section: Section, article: Article) -> list[Candidate]:
        """The section's sub-headings, each with its detail."""
        rows = self._starts.get(article.key, [])
        return [with_detail(self._heading(best, h.start, article), rows) for h in section.children]

    def _heading(self, best: Candidate, start: int, article: Article) -> Candidate:
        """The sentence that opens a heading at `start`, cited in the index chunk that holds it."""
        row = self.index.sentence_pos.get((article.key, start))
        end = self.index.sentences[row].end if row is not None else article.text.find("\n", start)
        end = len(article.text) if end < 0 else end
        hit = best.hit
        if not hit.chunk.start <= start < hit.chunk.end:
            chunk = next((c for c in self._chunks.get(article.key, []) if c.start <= start < c.end), hit.chunk)
            hit = Hit(chunk=chunk, rank=hit.rank, score=hit.score)
        return Candidate(hit, best.rank, start, end, article.text[start:end], article.text,
                         section_path=article.section_path(start))

    def _blanked(self, tokens: list[str], candidates: list[Candidate], units: str = "") -> str:
        """The longest of the question's words (not its places) after which a sentence of the lead's article
        blanks a figure out ("总建筑面积××平方米"; not a year, "20xx年"; with `units`, a figure in one of them),
        when the lead does not hold that word; "" when there is none."""
        lead, places = candidates[0], self._places(tokens)
        words = [t for t in tokens if len(t) >= 2 and _CJK.search(t) and not any(t in p for p in places)]
        for c in candidates[1:]:
            if c.hit.chunk.article_key != lead.hit.chunk.article_key or not redacted_near(
                    c.text, words, dates=False, units=units):
                continue  # one pass over the sentence first: most blank nothing out
            blanked = max((t for t in words if redacted_near(c.text, [t], dates=False, units=units)), key=len,
                          default="")
            if blanked and blanked not in normalize(lead.text):
                return blanked
        return ""

    def _confidence(self, candidates: list[Candidate], tokens: list[str], hits: list[Hit]) -> float:
        """How sure the answer is, 0-1: the best sentence's closeness in meaning on an absolute band,
        and how much of the question the best passage covers."""
        best_dense = max(c.dense for c in candidates)
        # Latin words never stand in a Chinese report: an English question's are already left out (compose),
        # a Chinese question's ("MHK等级") are here
        tokens = [t for t in tokens if not _LATIN.fullmatch(t)] or tokens
        cover = self.terms.coverage(tokens, normalize(hits[0].chunk.context_text))
        if best_dense == 0.0:  # no query vector (BM25-only search): term coverage is all there is
            return round(cover, 4)
        dense = min(1.0, max(0.0, (best_dense - SENTENCE_FLOOR) / (SENTENCE_CEIL - SENTENCE_FLOOR)))
        return round(0.5 * dense + 0.5 * cover, 4)

    def _places(self, tokens: list[str]) -> list[str]:
        return [t for t in tokens if t in self._place_terms]

    def _other_item(self, asked: str, tokens: list[str], lead: Candidate) -> str:
        """A word of the question that titles another numbered paragraph of the lead's article ("2、音体美技能抽查。")
        and that the lead's own paragraph and headings lack: the question asks about that item, not the lead's."""
        article = self.index.articles.get(lead.hit.chunk.article_key) if self.index else None
        if article is None:
            return ""
        own = f"{lead.hit.chunk.article_title} {self._paragraph(lead)} {' '.join(self._section_path(lead))}"
        # the question's own words, whole ("音体美", not its part "体美")
        words = [t for t in tokens if len(t) >= 2 and t in asked and t not in own
                 and not any(t != u and t in u for u in tokens) and self.terms.idf(t) >= _RARE_IDF]
        if not words:  # most questions name no rare word: the article is not read
            return ""
        for line in map(normalize, article.text.splitlines()):
            title = _ITEM_HEADING.match(line)  # "2、音体美技能抽查。…", not "⑵初中巩固率要达98%,…毕业生…"
            word = next((t for t in words if t in title.group(1)), "") if title else ""
            if word:
                return word
        return ""

    def _listed_member(self, asked: str, tokens: list[str], lead: Candidate) -> str:
        """A rare word of the question that the lead's paragraph names only as one of a list, after the lead's
        figure: the figure is the whole list's ("投入教育资金近86万元,…帮助解决了白塘中学教师宿舍楼维修、白塘中心
        小学校门改造…" is no sum for the dormitory); "" when there is none."""
        if not lead.key_span:
            return ""
        chunk = lead.hit.chunk
        text, at = (lead.article_text, 0) if lead.article_text is not None else (chunk.text, chunk.start)
        paragraph, start = _whole_paragraph(text, lead.start - at, lead.end - at)
        figure = lead.start - at - start + lead.key_span[1]
        words = [t for t in tokens if len(t) >= 2 and t in asked and t in paragraph
                 and not any(t != u and t in u for u in tokens) and self.terms.idf(t) >= _RARE_IDF]
        # a word the article uses outside the paragraph too is its subject ("白塘镇"), listed here among others
        for word in [w for w in words if text.count(w) == paragraph.count(w)]:
            spots = [m.start() for m in re.finditer(re.escape(word), paragraph)]
            if all(_in_list(paragraph, spot, spot + len(word), figure) for spot in spots):
                return word
        return ""

    def _article_text(self, hit: Hit) -> str:
        article = self.index.articles.get(hit.chunk.article_key) if self.index else None
        return f"{hit.chunk.article_title} {hit.chunk.subject} {article.text if article else ''}"

    def _surroundings(self, c: Candidate) -> str:
        """What a sentence is about: its article's title and subject, the headings over it, its paragraph
        and the one before (a school named in one paragraph, its figures given in the next)."""
        text = c.text
        if c.article_text is not None:
            paragraph, start = paragraph_at(c.article_text, c.start, c.end)
            text = f"{paragraph_at(c.article_text, start - 1, start - 1)[0] if start > 0 else ''} {paragraph}"
        path = " ".join(self._section_path(c))
        return normalize(f"{c.hit.chunk.article_title} {c.hit.chunk.subject} {path} {text}")

    def _on_body(self, c: Candidate) -> str:
        """The sentence's surroundings, and the school or clinic its article reports on, unless they name
        another ("…第三小学位于…" opens it; "夏镇牙力古孜铁热克小学学生…526名" is that school's)."""
        around, own = self._surroundings(c), self._own_body(c.hit.chunk.article_key)
        if own and all(stem == own for stem, _ in bodies_named(around)):
            return f"{own} {around}"
        return around

    def _bodies_en(self, question: str) -> list[tuple[str, str]]:
        """The reports' schools and clinics an English question names, romanised ("Shanzuokou Middle
        School" → 山左口中学) or translated ("No. 3 Primary School" → 第三小学), as bodies_named gives them."""
        if self._body_names is None:
            texts = (a.text for a in self.index.articles.values()) if self.index else ()
            self._body_names = tuple(sorted(bodies_in(texts)))
        # "Shanzuokou's community education center" names the township, not 山左口中学
        names = romanised_names(question, self._body_names) if _SCHOOL_EN.search(question) else []
        names += [t for t in translate_terms(question) if t in self._body_names and t not in names]
        return [body for name in names for body in bodies_named(name)]

    def _own_body(self, article_key: str) -> str:
        """The one school or clinic an article opens by presenting ("山左口中学位于东海县最西部,…"), whose
        report every paragraph then is ("我乡社区教育中心…"); or, opening with none, the one it names after its
        place anywhere while speaking as 我校 ("我校制定了…《资兴市三都中学学生心理危机干预工作方案》"); "" when
        there is none, or several."""
        if article_key not in self._bodies:
            article = self.index.articles.get(article_key) if self.index else None
            text = article.text if article else ""
            stems = {stem for stem, _ in bodies_named(normalize(_opening(text)))}
            if not stems and _SPEAKS_AS_BODY.search(text):
                text = normalize(text)  # a name with its place before it ("资兴市三都中学"), not "向家长汇报学校"
                stems = {stem for stem, name in bodies_named(text) if re.search(f"[省市县区镇乡]{name}", text)}
            self._bodies[article_key] = stems.pop() if len(stems) == 1 else ""
        return self._bodies[article_key]

    def _section_path(self, c: Candidate) -> tuple[str, ...]:
        """The headings over the sentence, outermost first (read once, when the candidate was made)."""
        return c.section_path or ()

    def _is_heading(self, c: Candidate) -> bool:
        """True when the sentence is the innermost heading over itself."""
        path = self._section_path(c)
        return bool(path) and path[-1] in c.text

    def _section(self, c: Candidate) -> str:
        """The innermost heading over the sentence, when it is not the sentence itself."""
        path = self._section_path(c)
        return path[-1] if path and not self._is_heading(c) else ""

    def _missing(self, lang: str, tokens: list[str], hits: list[Hit], kind: str | None,
                 candidates: list[Candidate], within: int = _WANTED_WITHIN) -> str:
        """What the question asks for that the retrieved text lacks ("" when nothing is missing): the
        asked-for thing in none of the best `within` sentences, or a word in none of the passages."""
        if kind and not any(c.key_span for c in candidates[:within]):
            return say(f"thing_{kind}", lang)
        # an English question's words are bridged, so only its years are sure to stand in a report as asked
        essential = [t for t in tokens if YEAR_DIGITS.fullmatch(t)] if lang == "en" else self._essential(tokens)
        passages = normalize(" ".join(h.chunk.context_text + h.context for h in hits))
        absent = [t for t in essential if t not in passages]
        if absent:  # a place is often named once, at the top of its report ("双泉镇…"): read their articles
            articles = normalize(" ".join(self._article_text(h) for h in hits[: self.settings.passages]))
            absent = [t for t in absent if t not in articles]
        return say("thing_terms", lang, terms="、".join(absent)) if absent else ""

    def _off_topic(self, question: str, tokens: list[str], hits: list[Hit]) -> list[str]:
        """The question's words when, beside the places it names, not one of them stands in the best
        passages ("明天滨州市的天气怎么样": 明天, 天气, 下雨); else []. The question's own words count as well as
        the searched `tokens`: a description that found the report ("开展文化市场专项整治的那个县,…") was searched
        on its own, and `tokens` are the rest's."""
        tokens = list(dict.fromkeys(tokens + self.tokenizer.query_tokens(question)))
        named = places_named(question) | {t for t in tokens if len(t) >= 2 and t[-1] in "省市区县州乡镇"}
        content = [t for t in tokens if len(t) >= 2 and not t.isdigit() and not any(t in n for n in named)
                   and t not in _WHERE]
        top = normalize(" ".join(h.chunk.context_text for h in hits[: self.settings.passages]))
        return [] if any(t in top for t in content) else content

    def _unheard(self, tokens: list[str], candidates: list[Candidate], question: str) -> list[str]:
        """The question's distinctive words that no report uses, when they carry _UNHEARD_SHARE of its
        weight, no sentence comes _UNHEARD_DENSE close in meaning and the question names none of the
        reports' places or programmes (which tie it to them: "永安市…那个乡…找活干" is a paraphrase); else [].
        Without a query vector from multilingual-e5 there is no telling a paraphrase from a new topic, so
        nothing is."""
        closest = max((c.dense for c in candidates), default=0.0)
        if not self._e5 or not 0.0 < closest < _UNHEARD_DENSE or self._anchored(question):
            return []
        words = distinctive(tokens)
        unused = [t for t in words if t not in self.terms.df and t not in self._corpus()]
        total = sum(self.terms.idf(t) for t in words)
        if not total or sum(self.terms.idf(t) for t in unused) / total < _UNHEARD_SHARE:
            return []
        return [t for t in unused if not any(t != o and t in o for o in unused)]  # 红烧肉, not 红烧 and 烧肉

    def _anchored(self, question: str) -> bool:
        """True when the question, as asked (not as searched), names a place or programme of the reports."""
        named = set(regions_named(question)) | places_named(question)
        return bool(self._essential(self.tokenizer.query_tokens(question))
                    or any(name in self._corpus() for name in named))

    def _programmes(self, question: str, lang: str) -> list[str]:
        """programmes_named; in English, the bridged terms that the reports quote as a campaign's name
        ("the drug-free county campaign" → 无毒害县, quoted “无毒害县”)."""
        named = programmes_named(question)
        if lang == "en":
            named += [t for t in translate_terms(question) if f"“{t}”" in self._corpus()]
            # or the words of a name it quotes, that the reports quote in a name ("'Carry forward the Lei Feng
            # spirit'" → 弘扬, 雷锋精神, in “弘扬雷锋精神,共建和谐**”)
            named += [t for name in quoted_en(question) for t in translate_terms(name)
                      if len(t) > 1 and t not in named and t in self._quotes()]
        return named

    def _quotes(self) -> str:
        """What the reports put in quotes (campaign names, slogans), read once."""
        if self._quoted is None:
            self._quoted = " ".join(re.findall(r"“([^”]{1,40})”", self._corpus()))
        return self._quoted

    @staticmethod
    def _paragraph(c: Candidate) -> str:
        """The paragraph of `c`, normalised: of its article, or of its passage when no index is at hand."""
        text, at = (c.article_text, 0) if c.article_text is not None else (c.hit.chunk.text, c.hit.chunk.start)
        return normalize(_whole_paragraph(text, c.start - at, c.end - at)[0])

    def _people(self) -> frozenset[str]:
        """The people the reports name (people_in), read once."""
        if self._named_people is None:
            self._named_people = people_in(self._corpus())
        return self._named_people

    def _corpus(self) -> str:
        """Every article's text, normalised, read once."""
        if self._all_text is None:
            self._all_text = normalize("\n".join(a.text for a in self.index.articles.values())) if self.index else ""
        return self._all_text

    def _essential(self, tokens: list[str]) -> list[str]:
        """Question terms an answer cannot do without: numbers (years) and the corpus's own names
        (places, quoted programme names). Ordinary words may be paraphrased, so they never count."""
        user_terms = set(self.tokenizer.user_terms)
        return [t for t in tokens if t.isdigit() or t in user_terms]


# A line ending otherwise was broken mid-sentence ("…“四定四包一查究”\n和“四个真正弄清楚”的要求"); an empty
# line ends a paragraph all the same.
_FINISHED = "。！？!?；;:：…\n"


def _opening(text: str) -> str:
    """An article's title lines and its first paragraph (the first line of _PARAGRAPH characters or more)."""
    end = next((m.end() for m in re.finditer(r"[^\n]*", text) if m.end() - m.start() >= _PARAGRAPH), len(text))
    return text[:end]


def _item_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause or list item holding text[start:end] is marked off: the mark before it (-1 for none) and
    the one after it (len(text) for none)."""
    left = max(text.rfind(mark, 0, start) for mark in _ITEM_BOUNDS)
    rights = [i for i in (text.find(mark, end) for mark in _ITEM_BOUNDS) if i >= 0]
    return left, min(rights, default=len(text))


def _clause_at(text: str, span: tuple[int, int]) -> str:
    """The clause of `text` holding `span`, between the marks that end clauses or list items."""
    left, right = _item_bounds(text, *span)
    return text[left + 1:right]


def _in_list(text: str, start: int, end: int, after: int) -> bool:
    """True when text[start:end] stands in one item of a list that starts past `after`: between 、 and a comma or
    等 ("…、双溪古镇旅游项目等4个项目"), or before a 、 ("白塘中学教师宿舍楼维修、白塘中心小学…")."""
    left, right = _item_bounds(text, start, end)
    if left < after:  # the item holds the figure, or stands before it
        return False
    own = text.find("等", end, right)  # "…旅游项目等4个项目": the list's count, not the item's
    if NUMBER.search(text, left + 1, own if own >= 0 else right):  # "、市“双自主研修班”成员500余名": its own figure
        return False
    return text[left] == "、" or (right < len(text) and text[right] == "、") or own >= 0


def _whole_paragraph(text: str, start: int, end: int) -> tuple[str, int]:
    """paragraph_at, joined across line breaks that fall mid-sentence."""
    left = text.rfind("\n", 0, start) + 1
    while left > 1 and text[left - 2] not in _FINISHED:
        left = text.rfind("\n", 0, left - 1) + 1
    right = text.find("\n", end)
    while 0 < right < len(text) - 1 and text[right - 1] not in _FINISHED:
        right = text.find("\n", right + 1)
    right = len(text) if right < 0 else right
    return text[left:right], left


def _counted_names(question: str, tokens: list[str], passages: str) -> list[tuple[str, str]]:
    """The names of what a how-many question counts, each with the question's word it stands for: the
    word itself, or the plain word a thesaurus term replaces ("多少名幼儿园老师": the reports say 教师)."""
    names, parts = focus_words(question, tokens)
    if not any(f in passages for f in names[:-1]):  # "禁毒志愿者队伍": only 队伍 is used; 志愿者 points too
        names = names + parts
    return [(f, f) for f in names] + [(term, f) for f in names for term in expand([f]) if term not in names]


def _used_names(names: list[tuple[str, str]], passages: str) -> list[str]:
    """The names that the passages use; of one name and the shorter names inside it (查获吸毒人员, 吸毒人员;
    吸毒人员, 吸毒) only the longest, since the shorter is a looser name, and no thesaurus term for one so
    dropped."""
    used = [(name, word) for name, word in names if name in passages]
    # a longer name hides the head noun that ends it only where the passages give a figure for it:
    # "缺乏专业任课老师" does not make 任课老师 the name that "专任教师60名" must carry
    # (a vague head, "人员" of 吸毒人员, names nothing)
    counted = {name for name, _ in used if counted_near(name, passages)}
    inside = {name for name, _ in used if any(other != name and name in other and (
        other in counted or not other.endswith(name) or name in _VAGUE_HEADS) for other, _ in used)}
    return list(dict.fromkeys(name for name, word in used if name not in inside and word not in inside))


def _sums(total: Candidate, part: Candidate) -> bool:
    """True when `part` stands shortly before `total` in its article, as one of the figures it adds up."""
    return part.hit.chunk.article_key == total.hit.chunk.article_key and 0 <= total.start - part.end <= _PARTS_BEFORE


def _follows(c: Candidate, lead: Candidate) -> bool:
    """True when `c` is the sentence right after `lead` in its paragraph."""
    gap = lead.article_text[lead.end:c.start] if lead.article_text is not None and c.start >= lead.end else "\n"
    return c.hit.chunk.article_key == lead.hit.chunk.article_key and not gap.strip() and "\n" not in gap


def _key(c: Candidate) -> str:
    """The asked-for span of a sentence, or ""."""
    return c.text[c.key_span[0]:c.key_span[1]] if c.key_span else ""


def _holding(candidates: list[Candidate], floor: float, about) -> list[Candidate]:
    """The candidates holding the asked-for thing, scoring at least `floor`, that `about` holds for."""
    return [c for c in candidates if c.key_span and c.score >= floor and about(c)]


def _refuse(question: str, hits: list[Hit], lang: str, missing: str = "", confidence: float = 0.0,
            why: str = "refusal_missing") -> Answer:
    """The refusal, saying what the retrieved passages (or, with `why` "refusal_unheard", the reports)
    lack when that is known; with `why` "refusal_not_about", the place or school they hold nothing asked of."""
    reason = say("refusal", lang) + (" " + say(why, lang, thing=missing) if missing else "")
    return render_refusal(question, hits, lang, reason, confidence)


_DEFAULT: Composer | None = None


def compose(question: str, hits: list[Hit], composer: Composer | None = None) -> Answer:
    """Module-level entry point: compose with `composer`, or a composer without index statistics."""
    global _DEFAULT
    if composer is None:
        _DEFAULT = _DEFAULT or Composer()
        composer = _DEFAULT
    return composer.compose(question, hits)
