"""English → Chinese bridge for English questions over Chinese reports: a glossary of the domain's
key terms, and pinyin matching of romanised place names ("Baitang" → 白塘镇)."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from retrieval.glossary_corpus import CORPUS_GLOSSARY
from retrieval.glossary_rare import RARE_GLOSSARY
from retrieval.questions import BODY_KINDS, listed_places

# Common vocabulary of Chinese local-government work reports (family planning, education,
# anti-drug work, care for the next generation, party conduct, petitions). Longest phrases first.
GLOSSARY: dict[str, str] = {
    "family planning": "计划生育 计生", "birth control": "计划生育 节育", "birth": "出生 生育", "births": "出生",
    "premarital": "婚前 婚检", "marriage check": "婚检", "pre-marital": "婚前 婚检", "marriage": "婚姻 婚检",
    "only child": "独生子女", "only-child": "独生子女", "two daughters": "二女户", "sterilization": "结扎 绝育",
    "floating population": "流动人口", "migrant": "流动人口 外出务工", "migrants": "流动人口 外出务工",
    "population": "人口", "pregnancy": "孕 孕检", "women": "妇女", "childbearing": "生育 育龄",
    "anti-drug": "禁毒", "drug": "毒品 禁毒", "drugs": "毒品 禁毒", "drug-free": "无毒", "addicts": "吸毒人员",
    "addict": "吸毒人员", "rehabilitation": "戒毒 康复", "narcotics": "毒品", "poppy": "罂粟 毒品原植物",
    "education": "教育", "educational": "教育", "school": "学校", "schools": "学校", "primary": "小学",
    "middle school": "中学", "secondary": "中学", "kindergarten": "幼儿园", "preschool": "学前教育 幼儿园",
    "teacher": "教师 老师", "teachers": "教师 老师", "student": "学生", "students": "学生", "pupils": "学生",
    "principal": "校长", "class": "班 班级", "classes": "班 教学班", "classroom": "课堂 教室",
    "teaching": "教学", "curriculum": "课程", "course": "课程", "courses": "课程", "textbook": "教材",
    "bilingual": "双语", "exam": "考试", "exams": "考试", "enrollment": "招生 入学", "enrolment": "招生 入学",
    "dropout": "辍学 巩固率", "compulsory education": "义务教育", "compulsory": "义务教育",
    "quality-oriented": "素质教育", "quality education": "素质教育", "moral education": "德育",
    "library": "图书馆 图书", "books": "图书 藏书", "book": "图书", "playground": "操场", "dormitory": "宿舍",
    "trees": "树木 树", "tree": "树木 树", "saplings": "树苗",
    "school bus": "校车", "school buses": "校车", "canteen": "食堂", "nutrition": "营养改善",
    "dilapidated": "危房 破旧", "buildings": "校舍", "building": "校舍 教学楼", "renovation": "改造",
    "renovating": "改造", "construction": "建设", "equipment": "设备 装备", "computers": "计算机 电脑 微机",
    "funds": "资金 经费", "funding": "经费 投入", "money": "资金 经费 元", "investment": "投入",
    "invested": "投入", "invest": "投入", "budget": "预算 经费", "subsidy": "补助 补贴", "subsidies": "补助",
    "salary": "工资", "salaries": "工资 待遇", "wages": "工资", "bonus": "奖励 奖金", "reward": "奖励",
    "rewards": "奖励", "award": "奖励 表彰", "pension": "养老保险", "insurance": "保险",
    "elderly": "老年 老同志", "old people": "老年", "senior": "老年", "university for the elderly": "老年大学",
    "senior citizens": "老年人 老年", "senior citizens' school": "老年大学", "school for the elderly": "老年大学",
    "senior citizens school": "老年大学", "seniors' university": "老年大学", "elderly university": "老年大学",
    "old-age school": "老年大学", "old-age university": "老年大学", "old age school": "老年大学",
    "left-behind children": "留守儿童", "left-behind": "留守", "children": "儿童 学生", "youth": "青少年",
    "young people": "青少年 青年", "martyrs": "烈士", "revolutionary": "革命", "patriotic": "爱国主义",
    "next generation": "关心下一代 关工委", "caring": "关心 关爱",
    "township": "乡镇 乡 镇", "townships": "乡镇", "town": "镇", "towns": "乡镇", "village": "村",
    "villages": "村", "county": "县", "district": "区", "city": "市", "province": "省", "provincial": "省",
    "party": "党", "party committee": "党委", "discipline inspection": "纪检 纪委", "discipline": "纪律 纪委",
    "supervision": "监督 监察 督导", "clean government": "廉政", "clean-governance": "廉政", "corruption": "腐败",
    "anti-corruption": "反腐败 廉政", "integrity": "廉政 廉洁", "lecture": "党课 讲座", "cadres": "干部",
    "cadre": "干部", "officials": "干部 领导", "leaders": "领导", "leader": "领导 组长",
    "leading group": "领导小组", "who leads the": "组长 任组长 负责人", "who led the": "组长 任组长 负责人",
    "petition": "信访 接访", "petitions": "信访", "petition-reception": "接访",
    "visits": "走访 接访", "complaints": "投诉 信访", "masses": "群众", "mass line": "群众路线",
    "lei feng": "雷锋", "volunteer": "志愿者", "volunteers": "志愿者", "free clinic": "义诊",
    "health": "健康 卫生", "hospital": "医院 卫生院", "clinic": "卫生院 卫生室", "medical": "医疗",
    "doctors": "医生 医务人员", "hygiene": "卫生", "smoking": "吸烟", "aids": "艾滋病",
    "internet cafe": "网吧", "internet cafes": "网吧", "minors": "未成年人", "culture": "文化",
    "cultural market": "文化市场", "video": "视频 录像", "monitoring": "监控 监测", "surveillance": "监控", "watch": "监控 监督",
    "video lessons": "录像课", "institute of educational sciences": "教科所",
    "remote": "远程", "remotely": "远程", "inspection": "检查 督查",
    "assessment": "考核 评估", "evaluation": "评价 评估", "responsibility": "责任", "agreement": "责任书",
    "responsibility letter": "责任书", "target": "目标", "targets": "目标", "plan": "计划 方案",
    "plans": "计划 方案 案", "measures": "措施 做法", "system": "制度 系统", "mechanism": "机制",
    "meeting": "会议 例会", "meetings": "会议", "training": "培训", "trained": "培训", "publicity": "宣传",
    "propaganda": "宣传", "films": "宣传片 电影", "episodes": "期", "television": "电视台", "tv": "电视台",
    "broadcast": "播放", "competition": "竞赛 比赛", "activities": "活动", "campaign": "活动 创建",
    "deadline": "前 上报", "report": "汇报 报告", "submit": "上报 报送", "written": "书面",
    "per capita": "人均", "income": "收入", "poverty": "贫困 脱贫", "bamboo": "毛竹 竹", "tobacco": "烟草 烟",
    "electricity": "电 度电", "loans": "贷款", "loan": "贷款", "land": "用地 土地", "rate": "率",
    "percentage": "率 %", "newly assigned": "新分配", "strong education county": "教育强县",
    "strong-education-county": "教育强县", "three transformations": "三转", "two basics": "两基",
    # work-report vocabulary common to every topic
    "remind": "提醒", "reminder": "提醒", "reminders": "提醒", "reminder talks": "谈话提醒", "paint": "粉刷",
    "holiday": "假期 假日", "holidays": "假期 暑假 寒假", "vacation": "假期 暑假 寒假", "vacations": "假期",
    "reform": "改革", "quality": "质量", "team": "队伍 队", "teams": "队伍 队", "service": "服务",
    "services": "服务", "enterprise": "企业", "enterprises": "企业", "company": "企业 公司", "project": "项目",
    "projects": "项目", "performance": "绩效", "performance pay": "绩效工资", "redistribution": "再分配",
    "precision": "精准", "targeted": "精准", "assistance": "帮扶 帮助", "help": "帮扶 帮助",
    "poverty alleviation": "扶贫 脱贫", "backbone": "骨干", "benchmark": "标杆 骨干", "standard": "标准",
    "standardized": "规范化 标准化", "balanced": "均衡", "facilities": "设施", "safety": "安全",
    "security": "安全", "environment": "环境", "office": "办公室", "committee": "委员会", "work style": "作风",
    "organization": "组织", "grassroots": "基层", "rural": "农村", "urban": "城区 城镇",
    "finance": "财政", "financial": "财政", "government": "政府", "inspector": "督导", "demonstration": "示范",
    "advanced": "先进", "excellent": "优秀", "outstanding": "优秀 先进", "subject": "学科", "subjects": "学科",
    "junior high": "初中", "high school": "高中", "vocational": "职业", "staff": "职工 人员",
    "employees": "职工", "workers": "职工 人员", "accounting": "核算", "vehicle": "车辆", "vehicles": "车辆",
    "cars": "车辆", "official": "公务", "reception": "接待", "procurement": "采购", "efficiency": "效能 效率",
    "license": "许可证", "licence": "许可证", "honour": "荣誉 称号", "honor": "荣誉 称号",
    "first prize": "一等奖", "contest": "比赛 竞赛", "characteristic": "特色", "distinctive": "特色",
    "featured": "特色", "wechat": "微信", "official account": "公众号", "new media": "新媒体",
    "kilometre": "公里", "kilometer": "公里", "access road": "便道", "access roads": "便道",
    "teaching star": "教学标兵 标兵", "teaching stars": "教学标兵 标兵", "volunteer spirit": "志愿服务精神 志愿精神",
    # time, weather and plain verbs of the reports' narratives
    "ahead of schedule": "提前", "in advance": "提前", "finished": "完成", "finish": "完成",
    "summer vacation": "暑假 暑期", "summer holiday": "暑假 暑期", "summer holidays": "暑假 暑期",
    "heat": "高温 酷暑", "summer heat": "高温 酷暑", "high temperature": "高温", "scorching": "高温 酷暑",
    "red": "红色", "red base": "红色基地", "revolutionary base": "红色基地 革命", "inherit": "传承",
    # months, as the reports write them in plans ("十月份:") and in dates ("10月份", "10月"); not "may",
    # which is more often the verb
    **{month: f"{cn}月份 {n}月份 {n}月" for n, (month, cn) in enumerate(zip(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"), ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")), start=1)
       if month != "may"},
}


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# "No. 3 Primary School", "the 3rd Middle School", "the Third Primary School"
_NUMBERED_SCHOOL = re.compile(rf"\b(?:No\.?\s*(\d{{1,2}})|(\d{{1,2}})(?:st|nd|rd|th)|({'|'.join(_ORDINALS)}))\s+"
                              r"(primary|middle|high)\b", re.I)
_SCHOOL_LEVEL = {"primary": "小学", "middle": "中学", "high": "中学"}
_DIGITS = "零一二三四五六七八九"


def numbered_schools(question: str) -> list[str]:
    """The Chinese names of the numbered schools `question` names: "No. 3 Primary School" and "the Third
    Primary School" → 第三小学, "No. 28 Middle School" → 第二十八中学 and 28中, as the reports shorten it."""
    names: list[str] = []
    for number, numeral, word, level in _NUMBERED_SCHOOL.findall(question):
        n = int(number or numeral) if number or numeral else _ORDINALS.index(word.lower()) + 1
        kind = _SCHOOL_LEVEL[level.lower()]
        names += [f"第{_chinese_number(n)}{kind}"] + ([f"{n}中"] if kind == "中学" else [])
    return list(dict.fromkeys(names))


def _chinese_number(n: int) -> str:
    """1-99 in Chinese numerals: 3 → 三, 10 → 十, 28 → 二十八."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (_DIGITS[ones] if ones or not tens else "")


def _plural(phrase: str) -> str:
    """The plural of a phrase's last word: "prohibition" → prohibitions, "activity" → activities."""
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    return phrase + ("es" if re.search(r"(?:s|x|ch|sh)$", phrase) else "s")


def _gerund(word: str) -> list[str]:
    """The -ing form of a one-word entry that may be a verb ("adjust" → adjusting, "manage" → managing); not the
    -ed form, which often reads otherwise ("benefit" → 效益, "benefited" → 受益)."""
    if not re.fullmatch(r"[a-z]{4,}", word) or word.endswith(("ing", "ed", "s", "y")):
        return []
    return [(word[:-1] if word.endswith("e") else word) + "ing"]


# The hand-written entries win over the corpus-wide ones, those over the rarer terms' ones, and all over plurals
# and -ing forms read from an entry (short words are left alone: "it" is not "its"); at each place in a question the
# longest phrase.
_SINGULARS = {**RARE_GLOSSARY, **CORPUS_GLOSSARY, **GLOSSARY}
TERMS: dict[str, str] = {**{f: t for p, t in _SINGULARS.items() for f in _gerund(p)},
                         **{_plural(p): t for p, t in _SINGULARS.items() if len(p) >= 4 and p[-1].isalpha()},
                         **_SINGULARS}
_PHRASE = re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(p) for p in sorted(TERMS, key=len, reverse=True))
                     + r")(?![a-z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_BODY_WORD = re.compile(f"(?:中心)?(?:{BODY_KINDS})$")  # 渡口中心卫生院: "Dukou"


def translate_terms(question: str) -> list[str]:
    """Chinese terms for the English words and phrases of `question` that the glossary knows."""
    text = re.sub(r"\s+", " ", question.lower())
    spaced = text.replace("-", " ")  # "municipal-level" is the glossary's "municipal level"
    found = [t for variant in (text, spaced) for m in _PHRASE.finditer(variant) for t in TERMS[m.group()].split()]
    return list(dict.fromkeys(numbered_schools(question) + found))


_MEASURED = re.compile(r"^(?:\w+ )?(?:issues|episodes|batches|kinds|types|sessions|rounds|times|person times|copies|"
                       r"pieces|sets|groups|rows) of (?:the |its |their )?")
_AFTER_HEAD = re.compile(r" (?:of|met|meet|meets|reached|use|uses|used|using|work|works|delegated|won|win|"
                         r"live|lives|without|with|per)\b")
_VERB = re.compile(r"(?:are|were|is|was|be|been)\b")


def head_terms(noun: str) -> list[str]:
    """Chinese terms for the last word of an English noun phrase, by the glossary's phrase ending there
    ("drug cases" → 案件, 个案; "primary schools" → 小学, not 学校), or [] when the glossary does not know it."""
    text = re.sub(r"\s+", " ", noun.lower().replace("-", " ")).strip()
    text = _MEASURED.sub("", text)  # "issues of the work bulletin": the bulletin
    text = _AFTER_HEAD.split(text)[0]  # "children of migrant workers", "villages met the standard": children, villages
    if _VERB.match(text):  # "were held": no noun was caught
        return []
    last = [m.group() for m in _PHRASE.finditer(text) if m.end() == len(text)]
    return list(dict.fromkeys(TERMS[last[0]].split())) if last else []


@lru_cache(maxsize=8)
def _pinyin_table(terms: tuple[str, ...]) -> dict[str, list[str]]:
    from pypinyin import lazy_pinyin

    table: dict[str, list[str]] = {}
    for term in terms:
        for cut in (term, term[:-1]):  # 白塘镇 → "baitangzhen" and "baitang"
            if len(cut) >= 2:
                table.setdefault("".join(lazy_pinyin(cut)), []).append(term)
    for term in terms:  # 黄圩 is spelled "Huangxu" as well as "Huangwei", where no other word spells it
        if term[-1] in _PLACE_CHARS:
            for key in _readings(term[:-1])[1:]:
                table.setdefault(key, [term])
    for term in terms:  # 三都中学 → "sandu" ("Sandu middle school"), where no other word spells it
        stem = _BODY_WORD.sub("", term)
        if stem != term and len(stem) >= 2:
            for key in _readings(stem):  # 都 reads dou and du
                table.setdefault(key, [term])
    return table


def _readings(word: str, most: int = 8) -> list[str]:
    """The pinyin spellings of `word`, every reading of its polyphonic characters (at most `most`)."""
    from pypinyin import Style, pinyin

    keys = [""]
    for readings in pinyin(word, style=Style.NORMAL, heteronym=True):
        keys = [k + r for k in keys for r in dict.fromkeys(readings)][:most]
    return keys


def romanised_names(question: str, vocabulary: tuple[str, ...], preferred: frozenset[str] = frozenset()) -> list[str]:
    """Chinese names from `vocabulary` whose pinyin spells a capitalised word (or run of words) of
    `question`: "Baitang town" → 白塘镇, "Jiayuguan" → 嘉峪关市. Where words sound alike ("Fuyang":
    富阳, 抚养), those in `preferred` (the words of titles, bylines and place names) win, or else place names."""
    words = [re.sub(r"'s$", "", w) for w in _WORD.findall(question)]  # "Shanzuokou's": the name itself
    found: list[str] = []
    for i, w in enumerate(words):
        if not w[0].isupper() or i == 0 and w.lower() in _QUESTION_WORDS:
            continue
        for j in range(min(len(words), i + 3), i, -1):  # "Yaligu Zitierek": try runs of words
            terms = _spelled(vocabulary, "".join(x.lower() for x in words[i:j]))
            if terms:
                named = [t for t in terms if t in preferred]  # and their variants (遂平县, 遂平):
                # or else the place names ("Zixing": 资兴市, 资兴; not 自行车, a common word that sounds alike)
                named = named or [t for t in terms if t[-1] in _PLACE_CHARS]
                found.extend([t for t in terms if any(t in n or n in t for n in named)] or terms)
                break
    return list(dict.fromkeys(found))


_LONG_NAME = 10  # letters of a romanised name long enough to be matched by its beginning
_DROPPED = 2  # letters a romanisation may drop at the end ("Tierek" for 铁热克, tiereke)


def _spelled(vocabulary: tuple[str, ...], key: str) -> list[str]:
    """The terms whose pinyin is `key`; for a long name, also those whose pinyin adds a letter or two."""
    table = _pinyin_table(vocabulary)
    if key in table or len(key) < _LONG_NAME:
        return table.get(key, [])
    keys = _pinyin_keys(vocabulary)
    near: list[str] = []
    for found in keys[bisect.bisect_left(keys, key):]:
        if not found.startswith(key):
            break
        if len(found) - len(key) <= _DROPPED:
            near += table[found]
    return list(dict.fromkeys(near))


@lru_cache(maxsize=8)
def _pinyin_keys(vocabulary: tuple[str, ...]) -> list[str]:
    return sorted(_pinyin_table(vocabulary))


_QUESTION_WORDS = {"how", "what", "who", "when", "where", "which", "why", "by", "in", "at", "of", "for", "did", "does",
                   "do", "is", "are", "was", "were", "the", "a", "an", "according"}


# An English place name is a run of capitalised words before one of these ("Xihu District", "Fotang Town").
_PLACE_NAME = re.compile(r"((?:[A-Z][a-z]+ ){1,3})(?i:district|county|city|town|township|province|prefecture|village)s?\b")
_PLACE_CHARS = "省市州区县乡镇村"


def unknown_places(question: str, corpus: str) -> list[str]:
    """The places an English question names ("Xihu District") that the reports, `corpus`, never mention: the
    name is spelled in pinyin ("Xihu", not "New Area" or "Model Village"), and no one to three characters
    before a place word of the reports (西湖区, 西湖镇) read so."""
    names = [m.group().split() for m in _PLACE_NAME.finditer(question)]
    names = [" ".join(words[next(i for i, w in enumerate(words) if w.lower() not in _QUESTION_WORDS):]) for words in names]
    spelled = [(name, "".join(name.split()[:-1]).lower()) for name in names]
    spelled = [(name, key) for name, key in spelled if key and _is_pinyin(key)]  # "Which village": no name
    if not spelled:
        return []
    known = _place_readings(corpus)
    return [name for name, key in spelled if key not in known]


def places_en(question: str, corpus: str) -> list[list[str]]:
    """For each place an English question names ("Shuangquan town"), the names that read so before a place
    word of `corpus` (双泉, of 双泉镇); [] for a name no report uses."""
    known, found = _place_readings(corpus), []
    for m in _PLACE_NAME.finditer(question):
        words = m.group(1).lower().split()  # "In Shuangquan town": the name is the words after "In"
        names = next((known[key] for key in ("".join(words[i:]) for i in range(len(words))) if key in known), None)
        if names and names not in found:
            found.append(names)
    return found


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every pinyin syllable, without tones: read off the common characters once (0.2 s)."""
    from pypinyin import lazy_pinyin

    return frozenset(s for s in lazy_pinyin([chr(c) for c in range(0x4E00, 0x9FA6)]) if s.isalpha() and len(s) > 1)


def _is_pinyin(word: str) -> bool:
    """True when `word` (lower case) is a run of pinyin syllables of two letters or more: "xihu", "fotang"."""
    syllables, ends = _syllables(), {0}
    for end in range(1, len(word) + 1):
        if any(word[start:end] in syllables for start in ends if end - start <= 6):
            ends.add(end)
    return len(word) in ends


@lru_cache(maxsize=2)
def _place_readings(corpus: str) -> dict[str, list[str]]:
    """The one to three characters before every place word of `corpus`, by each pinyin reading of them."""
    names = {corpus[i - n:i] for i, ch in enumerate(corpus) if ch in _PLACE_CHARS for n in (1, 2, 3) if i >= n}
    names |= set(listed_places(corpus))  # "辉埠、天马、招贤等各乡镇"
    readings: dict[str, list[str]] = {}
    for name in sorted(names):
        if _CJK_RUN.fullmatch(name):
            for key in _readings(name):
                readings.setdefault(key, []).append(name)
    return readings


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
