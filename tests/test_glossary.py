"""Tests for retrieval.glossary: English words to Chinese terms, romanised place names to Chinese names."""
from __future__ import annotations

from retrieval.glossary import head_terms, numbered_schools, romanised_names, translate_terms, unknown_places

VOCABULARY = ("上坪乡", "明溪口镇", "永安市", "禁毒", "婚检率")


def test_translate_terms_finds_the_glossary_words():
    terms = translate_terms("What did they do about drugs and addicts?")
    assert sorted(terms) == sorted(["毒品", "禁毒", "吸毒人员"])  # each once; "what", "do" are no terms


def test_translate_terms_prefers_the_longest_phrase():
    terms = translate_terms("How many middle school teachers are there?")
    assert "中学" in terms and "教师" in terms
    assert "学校" not in terms  # "middle school" is one phrase; its "school" is not read again


def test_translate_terms_knows_school_and_teaching_words():
    terms = translate_terms("What classroom teaching model did the Experimental Primary School develop?")
    assert "课堂教学模式" in terms and "实验小学" in terms


def test_translate_terms_ignores_case_and_repeats():
    assert sorted(translate_terms("FAMILY PLANNING and family planning")) == sorted(["计划生育", "计生"])


def test_translate_terms_reads_the_plural_of_a_singular_entry():
    assert translate_terms("the 'three prohibitions'") == ["禁止", "严禁"]  # the glossary has "prohibition"
    assert translate_terms("case studies") == translate_terms("case study") != []
    assert translate_terms("teaching researches") == translate_terms("teaching research") != []


def test_translate_terms_matches_whole_words_only():
    assert translate_terms("the drugstore sold classroomware") == []
    assert translate_terms("¿Qué?") == []
    assert translate_terms("") == []


def test_romanised_names_maps_pinyin_to_the_vocabulary_name():
    assert romanised_names("What is the population of Shangping?", VOCABULARY) == ["上坪乡"]
    assert romanised_names("What did Mingxikou town do?", VOCABULARY) == ["明溪口镇"]
    assert romanised_names("What did Mingxikou's government do?", VOCABULARY) == ["明溪口镇"]  # possessive
    # a health centre's name without its 中心卫生院
    assert romanised_names("How many staff work at Dukou Central Health Centre?", ("渡口中心卫生院",)) == ["渡口中心卫生院"]


def test_romanised_names_joins_a_run_of_capitalised_words():
    assert romanised_names("Did Ming Xi Kou sign agreements?", VOCABULARY) == ["明溪口镇"]
    assert romanised_names("Shangping Xiang and Yongan City", VOCABULARY) == ["上坪乡", "永安市"]


def test_a_long_romanised_name_may_drop_a_letter_or_two_at_its_end():
    vocabulary = ("夏镇牙力古孜铁热克小学", "白塘镇")  # 铁热克 reads tiereke; the school writes "Tierek"
    assert romanised_names("When was Xiazhen Yaliguzi Tierek Primary School founded?", vocabulary) == [
        "夏镇牙力古孜铁热克小学"]
    assert romanised_names("Is Baitan large?", vocabulary) == []  # a short name must be spelled in full


def test_romanised_names_needs_a_capitalised_word_in_the_vocabulary():
    assert romanised_names("what about shangping?", VOCABULARY) == []  # lower case: an ordinary word
    assert romanised_names("What about Baitang?", VOCABULARY) == []  # 白塘 is not in the reports
    assert romanised_names("What is the population of Shangping?", ("明溪口镇",)) == []


def test_romanised_names_prefers_words_that_name_things_when_several_sound_alike():
    vocabulary = ("抚养", "抚养费", "富阳")  # all read "fuyang"
    assert set(romanised_names("Who spoke to the Fuyang bureau?", vocabulary)) == {"抚养", "抚养费", "富阳"}
    assert romanised_names("Who spoke to the Fuyang bureau?", vocabulary, frozenset({"富阳"})) == ["富阳"]

def test_romanised_names_prefers_place_names_when_none_names_things():
    vocabulary = ("自行", "自行车", "资兴", "资兴市")  # all read "zixing"; ../shared/corpus/001 (资兴市三都中学)
    assert romanised_names("What did Sandu Middle School in Zixing organise?", vocabulary) == ["资兴", "资兴市"]
    assert romanised_names("Is Suiping county large?", ("遂平县", "遂平", "碎瓶"), frozenset({"遂平县"})) == ["遂平县", "遂平"]


def test_romanised_names_finds_a_school_by_the_name_before_its_school_word():
    vocabulary = ("三都中学", "白塘镇", "白塘中学", "中学")
    assert romanised_names("What did the Sandu middle school report say?", vocabulary) == ["三都中学"]  # 都: du or dou
    assert romanised_names("What did Baitang town do?", vocabulary) == ["白塘镇"]  # the town keeps its name


def test_romanised_names_reads_a_place_name_s_other_pronunciations():
    vocabulary = ("黄圩镇", "黄圩", "白塘镇")  # 圩 reads wei or xu (../shared/corpus/001)
    assert romanised_names("What did the Huangxu town old-age school teach?", vocabulary) == ["黄圩镇"]
    assert romanised_names("What did Huangwei town do?", vocabulary) == ["黄圩镇", "黄圩"]


def test_translate_terms_knows_the_corpus_wide_vocabulary():
    assert "夏令营" in translate_terms("How many summer camps were held?")
    assert "社团" in translate_terms("What clubs did the school set up?")
    # a club for teachers is a 俱乐部 (data/reports/001: "快乐之家"中老年教师俱乐部)
    assert {"俱乐部", "中老年"} <= set(translate_terms("the club set up for its middle-aged and older teachers"))
    assert "联系" in translate_terms("How do the children keep in touch with their parents?")


def test_translate_terms_knows_units_roads_and_honours():
    # data/reports/000 (上坪乡): "按每公里竹山便道2500元予以补助"; 004: "小学省级教学标兵3人"
    assert {"公里", "便道"} <= set(translate_terms("how much was paid per kilometre of access road"))
    assert "标兵" in translate_terms("How many teaching stars has the district trained?")
    assert "志愿服务精神" in translate_terms("the volunteer spirit it promoted")
    assert "精力" in translate_terms("What share of their energy goes to discipline work?")
    assert "不少于" in translate_terms("What is the minimum period?")
    # the areas a task is divided into are not a floor area
    assert "面积" not in translate_terms("Into which main work areas were the tasks divided?")
    assert "专人" in translate_terms("Tasks were assigned to designated staff.")


def test_the_hand_written_glossary_wins_over_the_corpus_wide_one():
    from retrieval.glossary import GLOSSARY, TERMS
    from retrieval.glossary_corpus import CORPUS_GLOSSARY

    assert all(TERMS[k] == v for k, v in GLOSSARY.items())
    assert all(TERMS[k] == v for k, v in CORPUS_GLOSSARY.items() if k not in GLOSSARY)  # and over a plural
    assert set(GLOSSARY) | set(CORPUS_GLOSSARY) <= set(TERMS)


def test_translate_terms_knows_the_rarer_terms_of_the_reports():
    assert "总指挥" in translate_terms("Who serves as chief commander of the county's campaign?")
    assert "高血压" in translate_terms("In which month is hypertension prevention taught?")


def test_the_rarer_terms_glossary_names_words_the_reports_use_and_yields_to_the_others(bundled_raw):
    from retrieval.glossary import GLOSSARY, TERMS
    from retrieval.glossary_corpus import CORPUS_GLOSSARY
    from retrieval.glossary_rare import RARE_GLOSSARY

    reports = "".join(bundled_raw.values())
    assert all(word in reports for terms in RARE_GLOSSARY.values() for word in terms.split())
    assert all(TERMS[k] == v for k, v in RARE_GLOSSARY.items() if k not in GLOSSARY and k not in CORPUS_GLOSSARY)
    assert all(TERMS[k] == v for k, v in CORPUS_GLOSSARY.items() if k not in GLOSSARY)


def test_months_are_written_as_the_reports_write_them():
    terms = translate_terms("What topics are emphasized in October?")
    assert {"十月份", "10月份", "10月"} <= set(terms)  # a plan's "十月份:" and a date's "10月"
    assert "12月" in translate_terms("Which events are held in December?")
    assert not any("月" in t for t in translate_terms("What may the township do?"))  # "may" is the verb


def test_a_hyphenated_phrase_matches_the_glossary_phrase_with_a_space():
    assert "市级" in translate_terms("How many municipal-level schools are there?")  # glossary: "municipal level"
    assert "禁毒" in translate_terms("What anti-drug work was done?")  # hyphenated entries still match as written


def test_a_numbered_school_is_bridged_to_its_chinese_name():
    assert numbered_schools("the student-to-computer ratio at Lhasa No. 3 Primary School") == ["第三小学"]
    assert numbered_schools("No.28 middle school and No. 10 Middle School") == ["第二十八中学", "28中", "第十中学", "10中"]
    assert "第三小学" in translate_terms("How many books does No. 3 Primary School have?")
    assert numbered_schools("No. 3 of the measures") == []
    assert numbered_schools("the Third Primary School located northeast of the Potala Palace") == ["第三小学"]
    assert numbered_schools("the 28th Middle School") == ["第二十八中学", "28中"]
    assert numbered_schools("the third of the measures at the primary school") == []


def test_an_english_place_the_reports_never_mention_is_unknown():
    corpus = "上坪乡位于永安市东北部。明溪口镇辖18个行政村。"
    assert unknown_places("What did the commission of Xihu District, Hangzhou do?", corpus) == ["Xihu District"]
    assert unknown_places("How many villages does Mingxikou Town govern?", corpus) == []  # 明溪口镇
    assert unknown_places("In Shangping township, what was the rate?", corpus) == []  # the question word is no name
    assert unknown_places("Yongan City's Shangping township", corpus) == []
    # English words are no pinyin: "New Area", "Model Village" name nothing to look up
    assert unknown_places("the XX town of the Binhai New Area", corpus) == []
    assert unknown_places("Which Model Village won?", corpus) == []
    assert unknown_places("Which village did Mingxikou town choose?", corpus) == []  # a question word, no name


def test_places_a_report_lists_by_their_bare_names_are_known():
    corpus = "辉埠、天马、招贤等各乡镇,积极履行发展教育的职责。"  # ../shared/corpus/001: no 镇 after each name
    assert unknown_places("the county with Huibu, Tianma and Zhaoxian towns", corpus) == []
    assert unknown_places("the county with Zhaoxian and Xihu towns", corpus) == ["Xihu towns"]


def test_who_heads_a_group_asks_for_its_leader():
    assert "组长" in translate_terms("Who heads the leading group for the campaign?")
    assert "组长" in translate_terms("The group was headed by whom?")
    assert translate_terms("Who is the head teacher?") == ["班主任"]  # the longer phrase wins
    assert "组长" in translate_terms("Who leads the town's leading group for the campaign?")
    assert "组长" not in translate_terms("Schools should lead by example.")


def test_places_en_gives_the_reports_names_for_an_english_place_name():
    from retrieval.glossary import places_en

    corpus = "双泉镇中学完成创建任务。嘉峪关市落实政策。"
    assert places_en("In Shuangquan town's education plan, how much?", corpus) == [["双泉"]]
    assert places_en("What did Jiayuguan City and Shuangquan Town do?", corpus) == [["嘉峪关"], ["双泉"]]
    assert places_en("What did Xihu District do?", corpus) == []  # no report names it


def test_translate_terms_knows_the_community_education_centre():
    terms = translate_terms("When was the community education center named a provincial model centre?")
    assert "社区教育中心" in terms and "省级示范" in terms


def test_translate_terms_knows_laptops():
    assert "手提电脑" in translate_terms("When did the school start equipping its teachers with laptops?")


def test_translate_terms_knows_health_education_and_talks_words():
    terms = translate_terms("What awareness targets are set for medical staff after training?")
    assert "知晓率" in terms and "医务人员" in terms
    assert "宣讲" in translate_terms("Which retired teacher kept giving talks despite suffering from cancer?")
    assert "机器人" in translate_terms("Which robot helps the children?")
    assert translate_terms("What ethnic group are the pupils?") == ["民族", "学生"]  # not 小组 for "group"


def test_translate_terms_knows_the_school_for_senior_citizens():
    terms = translate_terms("In which villages did the senior citizens' school set up its branch schools?")
    assert "老年大学" in terms and "分校" in terms
    assert "学前三年" in translate_terms("How did the three-year preschool enrollment rate change?")


def test_plain_narrative_words_are_bridged():
    assert "提前" in translate_terms("finished their approvals ahead of schedule")
    assert "完成" in translate_terms("finished their approvals ahead of schedule")
    assert "高温" in translate_terms("visited schools in the summer heat")
    assert "红色基地" in translate_terms("at a red base") and "红色" in translate_terms("at a red (revolutionary) base")


def test_head_terms_translate_the_counted_thing_not_its_modifiers():
    assert head_terms("drug cases") == ["案件", "个案"]  # cases, not drugs
    assert head_terms("primary schools") == ["小学"]  # the longest phrase ending at the head
    assert head_terms("children of migrant workers") == ["儿童", "学生"]  # whose children they are is not counted
    assert head_terms("administrative villages met the standard") == ["行政村"]  # the verb ends the noun
    assert head_terms("issues of the work bulletin") == ["简报", "通报", "专刊"]  # issues of it count the bulletin
    assert head_terms("state-run primary schools") == ["小学"]
    assert head_terms("people") == []  # no word of the glossary: the caller keeps every term


def test_translate_terms_reads_the_ing_form_of_a_verb():
    assert "调整" in translate_terms("Why did they feel at a loss about adjusting internal departments?")
    assert "效益" not in translate_terms("How many households benefited?")  # no -ed form: 受益, not 效益
