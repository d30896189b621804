"""What a question asks for: its shape (factoid, practice, across places) and the kind of thing wanted."""
from __future__ import annotations

import re
from collections.abc import Iterable

import jieba.posseg

from index.normalize import normalize
from index.tokens import NOT_IN_PLACE, place_names
from retrieval.query import detect_lang

# "what is the floor area, in square meters, of…": a measure asked for in English
_AREA_EN = r"\bin (?:square met(?:er|re)s|hectares)\b|\bwhat (?:is|was) the (?:[a-z-]+ ){0,2}area\b"
# "when" asks a date before a verb ("when was it founded"), not as a conjunction ("the penalty when a teacher…")
_WHEN = (r"^when\b|\b(?:by )?when (?:is|are|was|were|did|does|do|will|would|should|can|could|has|have|had|must)\b"
         r"|\bwhen\?")
# "how did the enrolment rate change": a change is told in figures ("由81.2%提高到90.65%"), not as measures
_CHANGE_EN = r"\bhow (?:did|has|have|had|does|do)\b[^?]*\b(?:changed?|r[oi]se|risen|f[ae]ll|fallen|declined?|dropped)\b"
_FACTOID = re.compile(r"多少|几[个所名人次项年月天条种位家户班层栋座间台辆套届期批支张件本册场级]|哪一?[年批轮届期]|何时|什么时候|哪一?天|几月|比例|比率|[^效]率是|"
                      r"谁|哪位|哪个|哪些(村|乡|镇|学校|单位|部门)|名字|叫什么|是什么|多大|多长|多久|有什么变化|有何变化|"
                      r"\bhow (many|much|long|old)\b|" + _WHEN + "|" + _AREA_EN + r"|\bwho\b|\bwhich\b|"
                      r"\bwhat (year|date|percentage|rate|number|share|proportion|portion|fraction)\b|" + _CHANGE_EN,
                      re.I)
_PRACTICE = re.compile(r"怎么|怎样|如何|哪些|什么(措施|做法|办法|经验|举措)|\b(?:what|which) (?:kinds?|types?|sorts?) of\b|"
                       r"采取|措施|做法|经验|举措|\bhow (did|do|does|was|were|is|are|to)\b|\bwhat (measures|steps|methods)\b|"
                       r"\bmeasures\b|\bsteps\b", re.I)
_CONDITIONAL = re.compile(r"(?:如果|假如|若是|万一|如遇|一旦|遇到)[^?？。]{2,40}?(?:怎么办|怎么处理|如何处理|怎样处理|"
                          r"怎么做|怎样做|该如何|要怎么)")
# "怎样的过程", "什么样的老人": what a thing is like; not "怎样的措施", "怎样的流程" (steps, a list)
_DESCRIBED = re.compile(r"(?:怎样|怎么样|什么样)的(?!措施|做法|办法|方式|方法|举措|机制|途径|制度|流程|程序|步骤|形式|活动|"
                        r"处罚|处理|要求|工作|服务)")
_ACROSS = re.compile(r"各(乡镇|地|县|区|校|学校|单位|村)|哪些地方|比较|对比|异同|不同(地方|乡镇)|\bcompare\b|"
                     r"\bdifferent (towns|townships|places|counties)\b|\beach (town|township|county)\b|\bboth\b", re.I)
_WANTS_NUMBER = re.compile(r"多少|(?<![哪第])几|比例|比率|比重|率|数量|人数|金额|多大年纪|多大岁数|年龄|\bhow (many|much|old)\b|"
                           r"\bpercentage\b|\brate\b|\bratio\b|\bnumber\b|"
                           r"\bwhat (?:share|proportion|portion|fraction)\b|" + _AREA_EN,
                           re.I)
_WANTS_MONEY = re.compile(r"多少(?:钱|资金|经费|元|万元|投资|投入|奖金|罚款|罚金)|"
                          r"\d\s*[万亿]?元[^,，。?？]{0,12}中[,，]?[^?？]{0,6}?多少|"  # "1000万元…资金中,有多少用在了…"
                          r"(?:奖金|资金|经费|金额|收入|罚款|罚金)(?:总额|总共|一共|共|是|为|有)*多少|"
                          r"价值多少|(?:花|花费|投入|投资|拨付|筹集|筹措|筹到|拿|拿到|领到|奖励?)了?多少(?![个名人位次所项条本])|"
                          r"\bhow much (?:[\w-]+ ){0,2}(?:money|funding|funds|investment)\b|"
                          r"\bwhat (?:is|was|are|were) the (?:[\w'-]+ ){0,4}?(?:salary|salaries|wages?|income|fees?|"
                          r"investment|funding|budget|costs?|expenditure|spending|funds|premiums?|subsid(?:y|ies)|"
                          r"appropriations?|"
                          r"allowances?|bonus(?:es)?|donations?|grants?|amount)\b|"
                          r"\bhow much (?:did|does|do|will|would)\b.*"
                          r"\b(?:cost|invest|spend|raise|pay|award|reward|grant|donate)\b|"
                          # "Of the 20 million yuan invested…, how much came from…"
                          r"\byuan\b.*\bhow much\b|\bhow much\b.*\byuan\b", re.I)
# "the minimum concentrated education period": a span of time, answered as a date is ("不少于3个月")
_PERIOD_EN = re.compile(r"\b(?:minimum|maximum|shortest|longest)\b[^?.,;]{0,40}\b(?:period|duration|time)\b", re.I)
_WANTS_DATE = re.compile(r"哪一?年|何时|什么时候|哪一?天|几月|日期|时间|" + _WHEN + r"|\b(?:what|which) (year|date|month)\b|"
                         r"\bby what date\b|"
                         r"\bhow long\b|" + _PERIOD_EN.pattern, re.I)
# "谁" is often answered by a post ("由校长任组长"), so only an explicit ask for a name wants one.
_WANTS_NAME = re.compile(r"名字|名称|叫什么|姓名|\bname\b", re.I)
# Posts a person holds; "局长同志" is a post whose holder's name is left out, not a name.
_POSTS = ("局长 书记 主任 校长 镇长 乡长 县长 区长 市长 部长 组长 队长 所长 院长 科长 处长 站长 会长 主席 委员 干部 "
          "老师 教师 园长 社长 秘书 厂长 村长").split()
# A name asked of a person ("校长叫什么名字", "计生管理员叫什么名字", "心理师叫什么名字", "姓名"); other names are
# titles ("校报叫什么名字" → 《芳草地》).
# a gloss may stand between the post and the ask ("组长(党委副书记)叫什么名字")
_ASKED_POST = re.compile(rf"({'|'.join(_POSTS)}|同志|人员?|(?<=[\u4e00-\u9fff])[员师])(?:[（(][^)）]{{1,12}}[)）])?"
                         r"(?:的|是)?(?:叫什么名字|叫什么|的?名字|的?姓名)|姓名|"
                         r"\bname of (?:the |a |an |this |that )?(?:[\w-]+ ){0,4}?(secretary|director|head|principal|"
                         r"chairman|chief|leader|mayor|teacher|officer|official|person|man|woman|"
                         r"counsell?or|psychologist|doctor|nurse|instructor|coach|librarian|accountant)\b", re.I)

# A number is digits (not a blanked-out one: "xx2首", "20xx年"), a Chinese numeral of two or more
# characters with a unit ("二十个", "八万多元"), a round figure ("近百场", "上千人", "数十名"), or one numeral
# counting people, bodies, floors or years ("十名", "连续八年"; not the ordinal "第三层", not "三年级"); a lone "三个" is
# usually part of a slogan ("三个文明"), not a quantity; nor is an ordinal ("第十五届"). A fraction is a number
# ("法定时限的三分之一以内", "百分之九十").
# a congress's session is no count ("党的十七届六中全会", "省纪委九届四次全会")
_SESSION = r"(?![一二三四五六七八九十]+届[一二三四五六七八九十]+[中次])"
_UNIT = "个名人次所项年月日元户班万亿场期篇份本册台辆座间家张件批届支套天米亩吨棵株颗"
NUMBER = re.compile(r"(?:\d+|[一二三四五六七八九十百千两]+)分之(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千零点]+)|"
                    r"(?<![\d.Xx×])\d+(?:[.,]\d+)*(?:\s*%|％)?"
                    r"(?![、.．)）\dXx×]|\s*[月日号时点]|(?<=\d{4})\s*年|\s*年\s*\d{1,2}\s*月|[-—~～]\d+[月日号])"
                    rf"|{_SESSION}(?<![第届])[零〇一二三四五六七八九十百千万亿两]{{2,}}多?[{_UNIT}]"
                    rf"|(?:近|上|数|逾|约)[十百千万]+[余多]?[{_UNIT}]"
                    rf"|{_SESSION}(?<![第届一二三四五六七八九十两百千万])[二三四五六七八九十两]"
                    r"(?:[名人所项户班支批届场次轮层任]|期(?!工程|项目|[)）])|(?<!今明两)年(?!级))")
# An amount of money: "20万余元", "2.88亿元", "八万多元", "100元".
MONEY = re.compile(r"(?:\d+(?:[.,]\d+)*|[零〇一二三四五六七八九十百千两]+)\s*[多余]?\s*[万亿]?\s*[多余]?\s*元")
DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|[上下]半年|年底|年初|月底|月初|[一二三四五六七八九十]+月"
                  r"|[上下]午|早上|晚上|课前|课后|\d+\s*分钟|\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*点"  # and times of day
                  r"|(?:\d+|[一二两三四五六七八九十半]+)\s*个\s*(?:月|星期|学期|工作日)")  # and spans of time ("3个月")
# A measure asked for by its unit ("多少平方米"): the answer's figure must carry it, since a count of
# something else ("4个项目") is no answer. Each unit with the spellings the reports use for it.
_UNITS = {"平方米": "平方米|平米|㎡", "亩": "亩", "公顷": "公顷", "公里": "公里|千米", "米": "(?<!平方)(?<!千)米",
          "吨": "吨", "公斤": "公斤|千克", "小时": "小时", "分钟": "分钟", "岁": "周?岁",
          "面积": "平方米|平米|㎡|亩|公顷"}  # an area asked for without its unit
_ASKED_UNIT = re.compile(r"多少(?:个)?(平方米|平米|亩|公顷|公里|千米|米|吨|公斤|千克|小时|分钟|岁)|"
                         r"\b(?:how many|in) (square met(?:er|re)s|mu|hectares|kilomet(?:er|re)s|met(?:er|re)s|"
                         r"tons|tonnes|hours|minutes)\b|"
                         r"(多大年纪|多大岁数|年龄|几岁|\bhow old\b)", re.I)
_ASKED_AREA = re.compile(r"面积(?:是|有|为)?多少|面积有?多大|\bwhat (?:is|was) the (?:[a-z-]+ ){0,2}area\b", re.I)
_UNIT_NAMES = {"平米": "平方米", "千米": "公里", "千克": "公斤", "square meters": "平方米", "square metres": "平方米",
               "mu": "亩", "hectares": "公顷", "kilometers": "公里", "kilometres": "公里", "meters": "米", "metres": "米",
               "tons": "吨", "tonnes": "吨", "hours": "小时", "minutes": "分钟"}
_FIGURE = r"(?:\d+(?:[.,]\d+)*|[零〇一二三四五六七八九十百千两]+)\s*[万亿千百]?\s*[多余]?\s*"


# The classifier of a how-many question ("多少名教师" → 名) and those an answer may count in instead:
# 个 counts anything; 名, 人 and 位 count people; 本 and 册 books; classes run (班) are counted in 期 ("办班104期").
_CLASSIFIERS = "名人位户所家本册首篇场次间套台辆件项条支批届期班级棵株颗任轮"
_CLASSIFIER = re.compile(rf"(?:多少|几)(人次|[{_CLASSIFIERS}])")
_SAME_COUNT = {"名": "名人位", "人": "名人位", "位": "名人位", "本": "本册", "册": "本册", "所": "所家", "家": "所家", "班": "班期",
               "棵": "棵株颗", "株": "棵株颗", "颗": "棵株颗"}
_NOT_BY_GE = set("次年期级任轮")  # counts that 个 never stands for: times, years, issues, levels, terms
# An English question's counted noun, as the classifiers a report counts it in ("how many times" → 次; a post
# changing hands "三任", a campaign held "三轮").
_EN_CLASSIFIER = {"times": "次任轮", "years": "年", "issues": "期", "households": "户", "schools": "所", "classes": "班",
                  "books": "本", "sessions": "期次", "people": "人", "persons": "人", "teams": "支",
                  **dict.fromkeys(("users", "students", "teachers", "martyrs", "volunteers", "members", "children",
                                   "pupils", "cadres", "officials", "women", "residents", "participants", "trainees",
                                   "workers", "doctors", "villagers", "addicts", "staff"), "人"),
                  **dict.fromkeys(("cafés", "cafes", "enterprises", "companies", "businesses", "shops"), "家")}
# "how many targeted-assistance (精准帮扶) teams": a gloss in brackets is no word of the name
_EN_COUNTED = re.compile(rf"\bhow many (?:[a-z-]+ |\([^)]{{1,20}}\) ){{0,3}}({'|'.join(_EN_CLASSIFIER)})\b", re.I)
# the classifier a figure counts in; 人次 counts visits, not people ("培训…达100余人次")
_COUNTED_AS = re.compile(r"\s*[万千百]?\s*[多余]?\s*(?:[(（][^)）]{0,12}[)）])?\s*(人次|.)")
_COUNTED_IN = {*_CLASSIFIERS, "人次"}  # what _COUNTED_AS may read that is a classifier


_COUNT = re.compile(r"(?:多少|几)[个名人位户家所]|\bhow many\b(?! (?:percent|per cent|times)\b)", re.I)
# A ratio asked for ("学生与计算机比例", "师生比", "上调了多少幅度") is answered by one written as a ratio
# ("生机比26∶1"), a percentage or a multiple.
# "占总数的多少", "占比多少", "百分之几", but not "占地多少亩"
_ASKS_RATIO = re.compile(r"比例|比重|之比|[师生机]比|幅度|增幅|涨幅|占比|占(?!地)[^,，。?？]{0,8}?(?:多少|几成)|百分之(?:几|多少)|百分比|"
                         r"多少\s*[%％‰]|率[^,，。?？;；]{0,6}?(?:多少|几成)|"
                         r"\b(?:ratio|rate|percentage|proportion|fraction)\b|\bwhat (?:share|portion)\b", re.I)
RATIO = re.compile(r"\d+(?:\.\d+)?\s*[:∶]\s*\d+(?:\.\d+)?")
_SHARE = re.compile(RATIO.pattern + r"|\d+(?:\.\d+)?\s*[%％‰]|\d+(?:\.\d+)?\s*倍")


def asks_ratio(question: str) -> bool:
    return bool(_ASKS_RATIO.search(question))


_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# A page number left inside a line broken across pages ("经强制 6戒毒后", "创建成“无毒 5乡镇”"): a space before
# it, and the word it cut in two after it, where a figure has its unit ("共有 11所学校").
_PAGE_NUMBER = re.compile(rf"[\u4e00-\u9fff“”] \d{{1,3}}[^\W\d{_UNIT}余多百千]")


def numbers_given(question: str) -> frozenset[str]:
    """The figures a question states ("108名在编教师中50岁以上" → 108, 50; "五百分" → 500), and its counts in
    Chinese numerals as written ("三所幼儿园总投资" → 三所)."""
    counts = {m.group() for m in NUMBER.finditer(question) if not _DIGITS.search(m.group())}
    return frozenset(_DIGITS.findall(_in_digits(question))) | counts | _in_wan(question)


# English millions and billions, which reports write in 万 and 亿 ("20 million yuan": 2000万元; "2.5 billion": 25亿)
_SCALE_EN = re.compile(r"(\d+(?:\.\d+)?)\s*(million|billion)\b", re.I)


def _in_wan(question: str) -> set[str]:
    """The figures an English question gives in millions or billions, as the reports write them in 万 and 亿
    ("20 million" → 2000, "2.5 billion" → 25)."""
    found = set()
    for m in _SCALE_EN.finditer(question):
        value = float(m.group(1)) * (100 if m.group(2).lower() == "million" else 10)
        found.add(f"{value:g}")
    return found


_FIGURE_GIVEN = re.compile(r"\d+(?:\.\d+)?\s*(?!年)[\u4e00-\u9fff%％]")  # not a year ("2016年")
# A figure in Chinese numerals ("五百", "三十", "一千二百"), as a question writes what a report writes in digits
# ("十五"), not a word that holds one ("十分重视", "老百姓", "千方百计")
_CHINESE_FIGURE = re.compile(r"[一二两三四五六七八九][十百千万][零一二两三四五六七八九十百千万]*|十[一二三四五六七八九]")
_DIGIT_OF = dict(zip("零一二两三四五六七八九", (0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9)))
_PLACE_OF = {"十": 10, "百": 100, "千": 1000}


def figures_given(question: str) -> list[str]:
    """The figures a question states with their unit ("多少名学生超过500分" → 500分; "五百分" as well): a sentence
    holding one answers about it ("镇中学84人过500分") even when it never names the counted thing."""
    return [re.sub(r"\s+", "", m.group()) for m in _FIGURE_GIVEN.finditer(_in_digits(question))]


def _in_digits(text: str) -> str:
    """`text` with its round Chinese-numeral figures in digits ("超过五百分" → "超过500分")."""
    return _CHINESE_FIGURE.sub(lambda m: str(_value(m.group())), text)


def _value(numeral: str) -> int:
    """The value of a Chinese numeral ("一千二百" → 1200, "十五" → 15, "三万" → 30000)."""
    total, section, digit = 0, 0, 0
    for ch in numeral:
        if ch in _DIGIT_OF:
            digit = _DIGIT_OF[ch]
        elif ch == "万":
            total, section, digit = (total + section + digit) * 10000, 0, 0
        else:
            section, digit = section + (digit or 1) * _PLACE_OF[ch], 0
    return total + section + digit


_AVERAGE = re.compile(r"平均|人均|生均|户均")  # not a lone 均 ("均衡", "均达到")


def asks_average(question: str) -> bool:
    return bool(_AVERAGE.search(question))


def find_ratio(text: str, focus: list[str] | None = None) -> tuple[int, int] | None:
    """Span of the first ratio, percentage or multiple in `text` ("26∶1", "85%", "1.5倍") after a `focus`
    word ("出生缺陷发生率平均为1‰", not the 5% before it), else the first; None when there is none."""
    shares = list(_SHARE.finditer(text))
    for f in focus or []:
        for at in (m.end() for m in re.finditer(re.escape(f), text)):
            after = [m for m in shares if at <= m.start() <= at + FOCUS_WINDOW]
            if after:
                return after[0].span()
    return shares[0].span() if shares else None


def asks_count(question: str) -> bool:
    """ "多少个…", "几个…": a count of things, which a percentage ("5%以内") does not answer."""
    return bool(_COUNT.search(question))


def asked_classifiers(question: str) -> str:
    """The classifiers a how-many question counts in ("几支、有多少人" → 支人, "how many consecutive years" → 年);
    "" for 多少个 or 多少."""
    english = "".join(_EN_CLASSIFIER[m.group(1).lower()] for m in _EN_COUNTED.finditer(question))
    return "".join(m.group(1) for m in _CLASSIFIER.finditer(question)) + english


def counts_apart(classifiers: str) -> bool:
    """True when a question counts only in classifiers no other count stands for (times, years, issues,
    levels: "分别达到几级"), so that a figure near the counted thing in another ("教师30名") is no answer."""
    return bool(classifiers) and set(classifiers) <= _NOT_BY_GE


_RANGE_END = re.compile(r"\s*(?:到|至|[-—~～])\s*\d+(?:\.\d+)?")  # "10到20户": the upper end of a range


def counts_otherwise(text: str, span: tuple[int, int], classifiers: str) -> bool:
    """True when the figure at `span` counts in a classifier of another kind than any of `classifiers`:
    for 几家, "会议2次" counts meetings, not bodies; "13家", "13所" and "13个" may count them."""
    upper = _RANGE_END.match(text, span[1])  # "10到20户": counted in 户
    after = _COUNTED_AS.match(text, upper.end() if upper else span[1])
    classifier = after.group(1) if after else ""
    figure = text[span[0]:span[1]]  # "两届学员": 届, in the span; the longest one ("人次", not "次")
    own = max((c for c in _COUNTED_IN if figure.endswith(c)), key=len, default="")
    classifier = own or classifier
    return classifier in _COUNTED_IN and classifier not in {"个"} | _counting_alike(classifiers)


# "吸毒人员在50人以上的镇、乡": a figure that bounds what the next noun names, not a count of anything
_BOUND_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:以上|以下|以内)的")
_ASKS_BOUND = re.compile(r"(?:多少|几|多大)[\u4e00-\u9fff]{0,4}(?:以上|以下|以内)|(?:达到|超过|满|不足|低于|高于)(?:多少|几)|"
                         r"\b(?:more|fewer|less) than how many\b|\bat least how many\b|"
                         r"\breach(?:es|ed)? how many\b", re.I)


def bounds_only(text: str, span: tuple[int, int], question: str) -> bool:
    """True when the figure at `span` is a threshold qualifying a noun ("在50人以上的镇、乡") and the
    question does not ask for one ("多少人以上的乡镇要建戒毒小组")."""
    share = text[span[1] - 1] in "%％"  # "95%以上的适龄儿童": a share of them, which a rate question asks
    return not share and bool(_BOUND_AFTER.match(text, span[1])) and not _ASKS_BOUND.search(question)


def past_given(text: str, span: tuple[int, int], wholes: frozenset[str], classifiers: str) -> tuple[int, int] | None:
    """The figure answering a question about part of a whole it states ("26项国家级课题中,已经结题的有多少项"):
    `span` unless `text` states one of the `wholes` after it or at it, then the first count in `classifiers` past
    that one, or None ("拥有…课题138项,其中国家级课题26项": neither answers)."""
    stated = [m for m in NUMBER.finditer(text) if _value_of(m.group()) in wholes]
    if not stated or span[0] >= stated[0].end():
        return span
    after = stated[0].end()
    # an English question gives no classifier: the part is counted as the whole is ("专任教师93人,研究生1人")
    unit = classifiers or (text[after] if after < len(text) and _CJK_CHAR.match(text[after]) else "")
    part = find_counted(text[after:], unit)
    return (after + part[0], after + part[1]) if part else None


def states_whole(text: str, wholes: frozenset[str], before: int | None = None) -> bool:
    """True when `text` states one of the `wholes` a question's part belongs to ("32名临聘教师中…": 32); with
    `before`, ahead of that offset (a sum's part is told after the sum: "每年安排1000万元…,其中…")."""
    return any(_value_of(m.group()) in wholes and (before is None or m.start() < before) for m in NUMBER.finditer(text))


_ASK_THEN = re.compile(r"(?:多少|几)[个名人所户家项元次]?([\u4e00-\u9fff]{4})")


def asked_at(question: str) -> str:
    """The four characters a how-many question puts right after its ask ("将多少个乡镇创建成无毒乡镇" → 乡镇创建),
    or ""."""
    m = _ASK_THEN.search(question)
    return m.group(1) if m else ""


def wholes_given(question: str, classifiers: str) -> frozenset[str]:
    """The figures a question states in the classifier it counts in ("26项国家级课题中…有多少项" → 26): the whole
    the asked part belongs to, not a bound ("多少人考过500分")."""
    alike = _counting_alike(classifiers) if classifiers else set()
    return frozenset(_value_of(f) for f in figures_given(question) if f[-1] in alike)


def _value_of(figure: str) -> str:
    """The digits of a figure as `numbers_given` holds them ("26" → 26, "三所" → 三所, "五百" → 500)."""
    digits = _DIGITS.findall(_in_digits(figure))
    return digits[0] if digits else figure


def _counting_alike(classifiers: str) -> set[str]:
    """`classifiers` and those that count the same things (名: 名人位; 本: 本册; 所: 所家); 人次 counts only
    visits."""
    visits = {"人次"} if "人次" in classifiers else set()
    return visits | set("".join(_SAME_COUNT.get(c, c) for c in classifiers.replace("人次", "")))


def counted_in_word(text: str, nouns: list[str]) -> tuple[int, int] | None:
    """Span of a count written as one numeral before the counted thing ("下设五个小组" for 小组, or for 工作组 by its
    head 组), which NUMBER leaves out as it does "三个文明"; None when there is none."""
    heads = {n for n in nouns if len(n) >= 2} | {n[-1] for n in nouns if len(n) >= 3}
    if not heads:
        return None
    named = "|".join(map(re.escape, sorted(heads, key=len, reverse=True)))
    pattern = rf"(?<![第一二三四五六七八九十两百千万\d])[二三四五六七八九十两]个(?=[\u4e00-\u9fff]?(?:{named}))"
    m = re.search(pattern, text)
    return m.span() if m else None


def find_counted(text: str, classifiers: str, by_ge: bool = True) -> tuple[int, int] | None:
    """Span of the first number in `text` that counts in one of `classifiers`, one like them, or (when
    `by_ge`) 个: for 多少场, "近百场" and not "近十年"; for 多少名, "3名" or "320人" and not "15台" nor "17个问题" (people
    are not counted in 个)."""
    people = bool(classifiers) and set(classifiers) <= set("名人位")
    ge = {"个"} if by_ge and not counts_apart(classifiers) and not people else set()
    accepted = ge | _counting_alike(classifiers)
    for m in NUMBER.finditer(text):
        after = _COUNTED_AS.match(text, m.end())
        if m.group()[-1] in accepted or after and after.group(1) in accepted:
            return m.start(), m.end()
    return None


def asked_unit(question: str) -> str | None:
    """The unit a how-many question names ("多少平方米" → 平方米, "how many mu" → 亩), 面积 for an area
    asked for without one, or None."""
    m = _ASKED_UNIT.search(question)
    if not m:  # "占地面积是多少", "what is the floor area": in whatever unit of area
        return "面积" if _ASKED_AREA.search(question) else None
    if m.group(3):  # "多大年纪", "how old": an age
        return "岁"
    unit = (m.group(1) or m.group(2)).lower()
    return _UNIT_NAMES.get(unit, unit)


def find_measure(text: str, unit: str) -> tuple[int, int] | None:
    """Span of a figure in `unit` in `text` ("17.63万平方米"), or None."""
    m = re.search(f"{_FIGURE}(?:{_UNITS[unit]})", text)
    return (m.start(), m.end()) if m else None


# "方案是什么时候发布的", "when was the plan issued": a document's date, which it gives on its last line.
_ISSUED = re.compile(r"(?:发布|印发|下发|出台|签发|发出|公布|制定|成文|落款)|\b(?:issued|published|released|signed|dated)\b", re.I)
_SIGNED = re.compile(r"(?:\d{4}|[二][〇○零][一二三四五六七八九〇○零]{2})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                     r"\s*[\d一二三四五六七八九十]{1,3}\s*日")


def asks_issued(question: str) -> bool:
    """True when a date question asks when a document was issued ("实施方案是什么时候发布的")."""
    return bool(_ISSUED.search(question))


def signed_date(article_text: str, last_lines: int = 3) -> tuple[int, int] | None:
    """Offsets of the date a document is signed with: a line that is only a date, among its last lines
    ("中共武清区**镇委员会\n2012年2月27日"); None when it ends otherwise."""
    end = len(article_text.rstrip())
    for _ in range(last_lines):
        start = article_text.rfind("\n", 0, end) + 1
        line = article_text[start:end]
        m = _SIGNED.fullmatch(line.strip())
        if m:
            lead = len(line) - len(line.lstrip())
            return start + lead, start + lead + len(line.strip())
        if start == 0:
            return None
        end = start - 1
    return None


# "多久更换一次", "多长时间接访一次", "how often", and time given per period ("一个星期要抽多少时间"): how often
# something is done, answered by "每周", "每学期", "每周安排一天时间".
_WANTS_FREQUENCY = re.compile(r"(?:多久|多长时间|隔多少天|间隔多长)[^,，。?？]{0,12}一[次回趟遍]|每隔多久|\bhow often\b|"
                              r"(?:每|一)个?(?:周|星期|月|季度|学期)[^,，。?？]{0,8}?多少时间", re.I)
_FREQUENCY = re.compile(r"每隔?[一二两三四五六七八九十半\d]*个?(?:周|星期|月|年|天|日|季度?|学期|学年|小时)"
                        r"|[一二两三四五六七八九十半\d]+个?(?:周|星期|月|年|天|季度|学期)一次")


def asks_frequency(question: str) -> bool:
    """True when the question asks how often something is done ("宣传栏多久更换一次")."""
    return bool(_WANTS_FREQUENCY.search(question))


def find_frequency(text: str) -> tuple[int, int] | None:
    """Span of how often something is done in `text` ("每周安排一天", "每季度", "两个月一次"), or None."""
    m = _FREQUENCY.search(text)
    return m.span() if m else None


# "全年受理了多少件", "over the whole of the previous year": a figure for a whole year, which one counted up to a month
# before its end ("截止6月底…共受理…17886件", "上半年", "1-6月") is not
_WHOLE_YEAR = re.compile(r"全年|整年|\b(?:whole|full|entire) (?:of (?:the )?)?(?:previous |last |past )?year\b", re.I)
_PART_YEAR = re.compile(r"截[止至](?:(?:\d{4}|20[x×X]{2})年)?(?:[1-9]|1[01]|[一二三四五六七八九十]|十一)月|上半年|"
                        r"前三季度|第[一二三]季度|(?<!\d)1[-—~至到](?:[2-9]|1[01])月")


def asks_whole_year(question: str) -> bool:
    """True when the question asks for a figure over a whole year ("全年", "the whole year")."""
    return bool(_WHOLE_YEAR.search(question))


def told_part_year(text: str) -> bool:
    """True when `text` counts up to a month before the year's end ("截止6月底", "上半年", "1-6月")."""
    return bool(_PART_YEAR.search(text))


# "哪一年" / "what year" asks for the calendar itself; "什么时候" may be answered by a phrase ("每学期初").
_WANTS_YEAR = re.compile(r"哪一?年|何年|\b(?:what|which) year\b", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年")
_WANTS_CALENDAR = re.compile(r"哪一?年|哪一?天|几月|几号|日期|\bwhat (year|date)\b|\bwhich (year|day)\b", re.I)
# A person is named as "叶忠士同志" or "叶首得(永安市上坪乡党委书记)"; a bare "书记" is a post, not a name.
_NAME_CHAR = r"(?:(?![的个位每各全广们等些这那该此其是在老])[\u4e00-\u9fff])"  # not "每个同志", "老同志"
NAME = re.compile(rf"{_NAME_CHAR}{{2,3}}{''.join(f'(?<!{p})' for p in _POSTS)}同志"
                  r"|[\u4e00-\u9fff]{2,3}[(（][^)）]{0,20}(?:书记|局长|主任|校长|镇长|乡长|县长|区长)[)）]")
# The commonest surnames, for a name that follows its post with no 同志 ("离休老教师陈东初,").
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
             "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤宁")
# ... followed by a pause or by what people do ("副主任杨金台先后次去淮安", "主任王明主持", "校长袁小华为组长"); a
# benefactor is named after 人士 ("爱心人士刘艳新出资")
_AFTER_POST = re.compile(rf"(?:{'|'.join(_POSTS)}|人士)([{_SURNAMES}][\u4e00-\u9fff]{{1,2}})"
                         r"(?=[,，。、;；(（为]|同志|等|先后|亲自|带队|带领|主持|率|多次|经常|深入|负责|分别|出资|捐)")
# ... or that stands between the body a person works in and the post held there ("督导室胡利民主任", "区教研室谢兆水主任")
_BEFORE_POST = re.compile(rf"(?<=[室局部委办处科校院所站])([{_SURNAMES}][\u4e00-\u9fff]{{2}})(?=主任|局长|校长|书记|老师|教授)"
                          # ... or one of several named with their posts ("学习蔡局长的…和刘俊局长的《…讲话》")
                          rf"|(?<=[和与及、])([{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?<![副正总])"
                          r"(?=(?:局长|校长|主任|书记|县长|镇长|乡长|区长|市长)(?:的|同志|[,，、。]))")
TITLE = re.compile(r"《[^》]{1,30}》|“[^”]{2,20}”")


def people_in(text: str) -> frozenset[str]:
    """The full names (surname and two characters) `text` gives people by the ways NAME, _AFTER_POST and
    _BEFORE_POST read them ("叶首得(永安市上坪乡党委书记)", "学校校长袁小华为组长"); not "由县长任组长"."""
    names = [re.split(r"同志|[(（]", m.group())[0] for m in NAME.finditer(text)]
    names += [m.group(m.lastindex) for pattern in (_AFTER_POST, _BEFORE_POST) for m in pattern.finditer(text)]
    return frozenset(n for n in names if len(n) == 3 and n[0] in _SURNAMES and n[0] != "任"
                     and not n.endswith(tuple(_POSTS)))


def opening_name(text: str) -> tuple[int, int] | None:
    """Span of the full name (surname and two characters) a sentence opens with, as jieba reads it
    ("宁凌宇联圳玄片,蹲黑中点", "冯光红,年出生,就参加革命工作"), or None."""
    first = next(jieba.posseg.cut(text[:8]), None)
    if first and first.flag == "nr" and len(first.word) == 3 and first.word[0] in _SURNAMES:
        return 0, 3
    return None


# "这几年", "近几年", "几乎" ask for nothing
_WH = re.compile(r"多少|(?<![这近前头])几(?!乎)|\bhow (?:many|much)\b", re.I)
_TIMES = re.compile(r"[次回趟遍](?:[?？。!！,，]|呢|吗|$)")
_GENERIC = set("一共 共 共有 总共 全镇 全乡 全县 全区 全市 现有 现在 目前 如今 今年 去年 是 有 了 到 达 达到 的 能 要 人 名 个 "
               "分别 各自 大约 大概 约 累计 一年 每年 以上 以下 以内 左右 超过 不到 具体 到底 究竟 实际 目标".split())
# Words that point rather than name ("那个", "该区", "镇里", "哪所", "几级", "各有") or only ask ("多长时间",
# and the "一回" of "多长时间换一回")
_POINTING = re.compile(r"^[那这该哪几第各]|里$|^多?长时间$|^一[次回趟遍]$")


def distinctive(tokens: list[str]) -> list[str]:
    """The question's words that name what it is about: not the generic ones ("一共", "目前", "名字"),
    nor those that point or ask ("那个", "该区", "镇里", "多长时间")."""
    return [t for t in tokens if t not in _GENERIC and t not in ("名字", "叫") and not _POINTING.search(t)]


# Where a counted thing's name stops, reading leftwards from the question word ("该区共|查获吸毒人员").
_FOCUS_STOP = re.compile(r"[的是有和与及在了共为把被对从向给、，,。？?！!\s\d]")
_FOCUS_MAX = 8
_COMPOUND_MAX = 10  # characters after the question word that a counted compound may run to
# "多少平方米", "价值多少" measure a thing; they do not name one
_MEASURE_WORDS = {*_UNITS, "平方", "平米", "千米", "千克", "幅度", "增幅", "涨幅", "价值", "规模", "元", "万元", "亿元"}
FOCUS_WINDOW = 15  # characters between a number and the thing it counts


_CONTRAST = re.compile(r"不同|区别|差别|差异|相比|\bdiffer")
# "哪两种模式", "哪“三项”制度", "“五个落实”分别是什么": the items of a list, which the question counts
_ENUMERATION = re.compile(r"哪[两几三四五六七八九十些]+[种个项条类方面点所村]|哪[“\"][二两三四五六七八九十]|"
                          r"[“\"][二两三四五六七八九十][个项条大点种]?[\u4e00-\u9fff]{1,6}[”\"](?:分别|具体|依次)?(?:是|指)"
                          r"(?:什么|哪些|哪几)")


# Words that run into a place name after them: conjunctions, polite words and a few others ("上坪乡和明溪口镇",
# "请问响水县", "校友给白塘镇", "书记说乡镇…").
_BEFORE_PLACE = r"[和与及、,，给说]|请问|请"


def places_named(question: str) -> set[str]:
    """The township and county names in a question, also where a conjunction or a polite word runs
    into one."""
    return {p for part in re.split(_BEFORE_PLACE, question) for p in place_names(part)}


# Places listed by their bare names before the kind of place they are: "辉埠、天马、招贤等各乡镇"
_LISTED_PLACES = re.compile(r"((?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3})等各?(?:乡镇|[乡镇村县])")
_BEFORE_LIST = set("在和与及对从由向据把将是")


def listed_places(text: str) -> list[str]:
    """The places `text` lists by their bare names before the kind of place they are ("辉埠、天马、招贤等乡镇")."""
    names = [m.group(1).split("、") for m in _LISTED_PLACES.finditer(text)]
    # the first name may have taken the word before it ("在辉埠、天马…")
    return [name[1:] if n == 0 and len(name) == 3 and name[0] in _BEFORE_LIST else name
            for listed in names for n, name in enumerate(listed)]


_REGION = re.compile(r"([\u4e00-\u9fff]{2,3}?)[省市区县州](?![场域级委长直属民内外里政府城])")  # not 市场, 区域, 县委


def regions_named(question: str) -> list[str]:
    """Province, city, district and county names a question may hold ("广州市天河区" → 广州市, 天河区),
    with phrases ("该区", "那个县") left out. Many are fragments of phrases ("文化市场"); callers
    check them against the corpus."""
    out = []
    for part in re.split(_BEFORE_PLACE + "|[的在]", question):
        out += [m.group() for m in _REGION.finditer(part) if not set(m.group(1)) & NOT_IN_PLACE]
    return out


def _shares_figure(question: str) -> bool:
    """True when a question on 各校, 各单位 or 各村 asks for one figure, not one each ("分别", "各自")."""
    return bool(re.search(r"各(?:校|学校|单位|村)", question)) and wanted(question) in ("number", "money", "date") \
        and not _PLURAL.search(question)


def shape(question: str) -> str:
    """ "across", "practice", "factoid" or "general"."""
    across = _ACROSS.search(question)
    # "石墩河镇各村…" is about one town, and "要求各单位…抓好哪三个环节" asks for one list: no grouping by place;
    # nor "各校每学期需要组织几次演练", "全县各单位一共捐了多少书": one figure all of them share or add up to
    if across and not (across.group().startswith("各") and (len(places_named(question)) == 1
                                                           or _ENUMERATION.search(question)
                                                           or _shares_figure(question))):
        return "across"
    if len(places_named(question)) >= 2 and _CONTRAST.search(question):
        return "across"  # "上坪乡和明溪口镇…有什么不同"
    if _ENUMERATION.search(question):
        return "practice"  # "哪两种模式": the items, as a list
    if _FACTOID.search(question) and not re.search(r"哪些(措施|做法|办法|经验|举措)", question):
        return "factoid"
    if _CONDITIONAL.search(question):
        return "general"  # "接访领导如果因特殊情况无法到场,该怎么办": the rule for that case, not all the measures
    if _DESCRIBED.search(question):
        return "general"  # "态度经历了怎样的变化过程": a description, not measures
    if _PRACTICE.search(question):
        return "practice"
    english = detect_lang(question) == "en"
    if english and (wanted(question) in ("number", "money", "name") or _PERIOD_EN.search(question)):
        return "factoid"  # "What was the …rate", "what is the minimum … period"
    return "general"


def wanted(question: str) -> str | None:
    """ "money", "number", "date", "name", or None: the kind of span a factoid answer must hold."""
    if _WANTS_DATE.search(question) or asks_frequency(question):
        return "date"
    if _WANTS_NAME.search(question):
        return "name" if _ASKED_POST.search(question) else "title"
    if _WANTS_MONEY.search(question):
        return "money"
    if _WANTS_NUMBER.search(question):
        return "number"
    return None


_EACH_ASKED = r"各(?=[\u4e00-\u9fff]{1,3}?多少)"  # "A和B各投资了多少": 各 just before the question word
_PLURAL = re.compile(r"分别|各自|各是|各有|" + _EACH_ASKED + r"|\brespectively\b|\beach\b", re.I)
# A sentence that is one item of a list: 一是…, 其二…, 第三，…, (四)…, 5、…, ③…, 首先…
ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]|第[一二三四五六七八九十]+[,，、是]|"
                  r"[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．]|[①-⑳⑴-⒇⒈-⒛]|首先|其次|再次|最后)")
# The first item of such a list, or of a numbered section ("一是…", "1、…", "(一)…", "①…", "首先…").
FIRST_ITEM = re.compile(r"^\s*(?:一是|其一|第一[,，、是]|[一1]\s*[、.．]|[（(][一1][)）]|[①⑴⒈]|首先)")


# "哪几个村", "哪些学校", "哪个单位": the answer names places or bodies of that kind.
_WHICH = re.compile(r"哪[一几些]?[个所家]?(村|乡镇|乡|镇|县|区|市|学校|小学|中学|单位|部门|企业|社区|医院)")
_NOT_A_NAME = set("各全农本该每乡城其此这那某我个几多")
_KIND_WORD = re.compile(r"(?:行政|自然|贫困|重点|试点|示范|所有|相关|其他|其它|周边|附近)$")  # "18个行政村" names none
# an English who opens the question or a clause; "cadres who draw criticism" names whom it is about
_WHO = re.compile(r"谁|什么人|哪位|(?:^|[,;:(]\s*|\band\s+)who\b|\bwhom\b|"
                  r"\bwhich (?:[a-z-]+ ){0,2}(?:director|secretary|head|principal|chairman|"
                  r"chief|leader|official|cadre|teacher|person|member)s?\b", re.I)
# Who holds a post: a person ("王双利同志任…"), or a post named as holding it ("由县委书记任总指挥长").
# names counted as people ("孙星会、彭年泰两位老师", "李振华等四位教师")
_NAMES_COUNTED = (rf"[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}(?:、[{_SURNAMES}][\u4e00-\u9fff]{{1,2}})*等?"
                  r"[两二三四五六七八九十\d]+位(?:老师|教师|同志|干部|老人)")
_PERSON = re.compile(NAME.pattern + r"|由[^,，。;；]{2,20}?(?:担任|兼任|任|负责)|[\u4e00-\u9fff]{2,3}(?:同志)?(?:担任|兼任)|"
                     + rf"以[^,，。;；以]{{2,12}}?为副?(?:{'|'.join(_POSTS)})|"  # "成立了以一把手校长为组长的…小组"
                     + _NAMES_COUNTED)
_HOLDER = re.compile(r"是谁|由谁|哪位|谁(?:来)?(?:担任|兼任|负责|任)")
_ASKS_ELSE = re.compile(r"哪里|哪儿|什么|多少|几|怎|如何|哪些|何时")
_DUTY = re.compile(r"由谁(?:统一|具体|牵头|来)?(?:负责|管理|组织|承担|审批|实施|监督|统筹|落实|发放|考核|牵头|主持|召集)|"
                   r"谁(?:来)?(?:统一)?(?:负责|管理|监管)")
_ACTING_POST = re.compile(rf"(?:^|(?<=[,，;；。:：]))(?:(?![由被向对给与和及])[\u4e00-\u9fff]){{0,6}}?(?:{'|'.join(_POSTS)})"
                          r"(?=主持|牵头|负责|召集|带队)")
# "督导组副组长由谁担任", "办公室主任是谁": a post of a named group, asked for its holder
_GROUP_POST = re.compile(r"([\u4e00-\u9fff]{1,5}?(?:组|室|办|委|会))(副?(?:组长|主任|书记|队长|会长|秘书长))"
                         r"(?:由谁|是谁|是哪|为谁|叫什么)")
_HOLDER_EN = re.compile(r"^\s*who (?:is|was) the\b", re.I)  # one person, by what they are or did
_ASKS_ELSE_EN = re.compile(r"\b(?:and|or) (?:what|which|how|when|where|why)\b", re.I)
_BLANKED_HOLDER = re.compile(rf"(?:{'|'.join(_POSTS)})(?:\*+|[Xx×]{{2,}})")
_LEADING = "并在于从向对把将及和与到"  # words before a name, not part of it
_HELD_POST = re.compile(rf"({'|'.join(p for p in _POSTS if p not in ('组长', '队长', '委员', '干部'))})"
                        r"(?:是谁|是哪一?位)")
_POSTS_EN = {"chief": ("局长", "所长", "站长", "队长"), "director": ("主任", "局长", "所长", "院长"),
             "secretary": ("书记",), "principal": ("校长",), "president": ("校长", "主席", "院长"),
             "chairman": ("主席", "主任"), "chairwoman": ("主席", "主任"),
             "mayor": ("镇长", "乡长", "县长", "区长", "市长"),
             "head": ("乡长", "镇长", "县长", "区长", "市长", "校长", "院长", "局长", "所长", "站长", "主任")}
_HELD_POST_EN = re.compile(rf"^\s*who (?:is|was) the (?:[\w'-]+ ){{0,6}}?({'|'.join(_POSTS_EN)})\b", re.I)


# "which four cities", "which villages": the same, asked in English
_WHICH_EN = re.compile(r"\bwhich (?:[a-z-]+ ){0,2}?(villages?|towns?|townships?|cities|city|counties|county|schools?|"
                       r"units?|departments?|hospitals?)\b", re.I)
_THING_EN = re.compile(r"\b(?:which|what) (?:kinds? of |types? of )?"
                       r"(?!(?:did|does|do|was|were|is|are|has|have|had|will)\b)((?:[a-z-]+ ){0,2}?[a-z-]+?) "
                       r"(?:of [^?,;]{1,60}? )?"  # "which functions of efficiency supervision (效能监察) did"
                       r"(?:did|does|do|was|were|is|are|has|have|had|will)\b", re.I)
_EN_KINDS = {"village": "村", "town": "镇", "township": "乡镇", "city": "市", "county": "县", "school": "学校",
             "unit": "单位", "department": "部门", "hospital": "医院"}
# "哪一轮次", "哪一批", "in which batch": the answer is one of a series ("第一批")
ORDINAL = "第几"
_WHICH_ORDINAL = re.compile(r"哪一?[批轮届期]|哪个(?:批次|轮次|阶段)|\bwhich (?:batch|round|phase|session)\b", re.I)
_NTH = re.compile(r"第[一二三四五六七八九十百零〇\d]+(?:批|轮|届|期|阶段)")
_EN_KINDS |= {"cities": "市", "counties": "县"} | {f"{word}s": kind for word, kind in _EN_KINDS.items()}


def asks_exact(question: str) -> bool:
    """True when the question asks for an exact thing (a figure, a sum of money; "哪几个村"), which the best
    passage's article may hold in a paragraph ranked under other reports'."""
    return shape(question) == "factoid" and (wanted(question) in ("number", "money", "name") or asks_who(question)) \
        or which_of(question) is not None


def asked_thing_en(question: str) -> str:
    """What an English which- or what-question asks for, named before its verb ("which meetings did…" → meetings;
    "What activity did…" → activity), or "" (places and schools are which_of's)."""
    m = _THING_EN.search(question)
    return m.group(1).lower() if m and not _WHICH_EN.search(question) else ""


def which_of(question: str) -> str | None:
    """The kind of place or body a "which" question asks for ("哪几个村" → 村, "which four cities" → 市), or
    ORDINAL for "哪一轮次", "in which batch"; else None."""
    if _WHICH_ORDINAL.search(question):
        return ORDINAL
    m = _WHICH.search(question)
    if m:
        return m.group(1)
    m = _WHICH_EN.search(question)
    return _EN_KINDS[m.group(1).lower()] if m else None


# School levels, and the words that name each ("中学" both secondary levels, "中小学" every level)
_LEVELS = {"幼儿园": ("幼儿园", "学前"), "小学": ("小学",), "初中": ("初中", "中学", "初一", "初二", "初三"),
           "高中": ("高中", "中学")}


def school_level(question: str) -> str | None:
    """The one school level a question names ("高中毕业生的体育合格率" → 高中), or None."""
    named = [level for level in _LEVELS if level in question.replace("中小学", "")]
    return named[0] if len(named) == 1 else None


def of_level(level: str, text: str) -> bool:
    """True when `text` names the school `level` ("初中为1799元" for 初中)."""
    return any(word in text for word in _LEVELS[level])


def other_level(level: str, text: str) -> bool:
    """True when `text` gives figures for other school levels and not for `level` ("小学毕业生体育合格率
    达到98.5%,初中达到96%" for 高中)."""
    if "中小学" in text and level != "幼儿园" or of_level(level, text):  # 中小学 is every level but the kindergarten
        return False
    return any(word in text for other in _LEVELS if other != level for word in _LEVELS[other])


def counts_other_level(level: str, text: str, span: tuple[int, int]) -> bool:
    """True when the figure at `span` counts schools of another level than `level` ("在2-3所初中学校进行…试点"
    for 小学), told by the words after it in its clause, or else by those before it ("在校中小学生51264人" for
    幼儿园)."""
    after = re.split(r"[,，。;；、]|其中", text[span[1]: span[1] + 8])[0]  # "其中学校…" names no 中学
    before = re.split(r"[,，。;；、]|其中", text[max(0, span[0] - 8): span[0]])[-1]
    return other_level(level, after if any(of_level(other, after) for other in _LEVELS) else before)


def blanks_name(kind: str, text: str) -> bool:
    """True when `text` names a place or body of `kind` with its name blanked out ("XX市纪委", "**镇") or left
    unsaid ("某区纪委书记反映")."""
    return bool(re.search(rf"(?:[Xx×*＊]{{2,}}|[?？]+|某){re.escape(kind)}", text))


# Schools known by their number ("将28中和30中学合并")
_NUMBERED_SCHOOLS = re.compile(r"\d{1,3}中(?!小)学?(?:[、和与及]\d{1,3}中(?!小)学?)*")


# A body asked for as "哪个单位 / 哪个部门" is named by what it is: "资兴市妇联", "县教育局", "镇党办", "市委组织部",
# "中央教科所"
_ORGANISATION = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:妇联|团委|工会|科协|文联|残联|卫生院|(?:组织|宣传|统战|武装)部|"
                           r"(?:党|教|政|综治|计生|文明|创建|扶贫|信访|审改|禁毒)办|"
                           r"(?:财政|司法|派出|税务|工商|国土|林业|水利|计生|文化|教科|教研|科研|研究)所|研究院|教研室|电教馆|"
                           r"(?:文化|农技|林业|水利|计生|农机)站|人大|政协|"
                           r"(?:教育|卫生|财政|人事|公安|民政|文化)(?:行政|主管)部门|"
                           r"[省市县区镇乡]委(?![员会])|教育部|[省市县区]教育厅)|"
                           r"[\u4e00-\u9fff]{1,8}?(?:(?<![格布结当变开大全])局|委员会|纪委|党委|政府|办公室|协会|学会|"
                           r"联合会|公司|集团|医院|法院|检察院)")


# Words of a kind that name no place of it: 村民, 村委, 村级, 村务, 村干部 ("各村相应成立村民监督委员会"); 库区, 景区,
# 园区, 校区, 辖区, 社区
_NOT_NAMED_AFTER = {"村": "(?![民委级务干里庄规组])"}
_NOT_NAMED_BEFORE = {"区": "(?<![库景园校辖牧矿郊社])"}


def find_named(kind: str, text: str) -> tuple[int, int] | None:
    """Span of the names of `kind` in `text`: one ("高庄村") or a list ("龙马、双套、大兴等村"); for a 单位 or
    部门, a body named by what it is ("在资兴市妇联的支持下")."""
    if kind == ORDINAL:
        return next((m.span() for m in _NTH.finditer(text)), None)
    if kind == "学校":  # "双烈小学", "将28中和30中学合并"; not "国办中小学", "市级农村规范化小学"
        spans = [(text.find(name), text.find(name) + len(name)) for _, name in bodies_named(text) if name in text]
        spans += [m.span() for m in [_NUMBERED_SCHOOLS.search(text)] if m]
        return min(spans) if spans else None
    pattern = (rf"[\u4e00-\u9fff]{{2,6}}(?:、[\u4e00-\u9fff]{{2,6}})*(?:等[\d一二三四五六七八九十两]*个?)?"
               rf"{_NOT_NAMED_BEFORE.get(kind, '')}{kind}{_NOT_NAMED_AFTER.get(kind, '')}")
    for m in re.finditer(pattern, text):  # "龙马、双套、大兴等村", "蚌埠、宿州、芜湖、合肥等4市"
        name = re.sub(r"等[\d一二三四五六七八九十两]*个?$", "", m.group()[: -len(kind)].split("、")[-1])
        if len(name) >= 2 and name[-2] not in _NOT_A_NAME and name[-1] not in _NOT_A_NAME \
                and not _KIND_WORD.search(name) and (kind[-1] not in "乡镇县" or place_names(name + kind[-1])):
            # a township or county is named as place_names reads one: not "纪委按照县"
            first = m.group().split("、")[0]  # "并在龙马、…" → "龙马、…"; "人员先后到蚌埠、…" → "蚌埠、…"
            return m.start() + _leading_words(first, _LEADING), m.end()
    if kind in ("单位", "部门"):  # "由县教育局牵头": 县教育局; not an issuer in a document's title or number ("宁审改办〔…〕")
        titles = [m.span() for m in _BOOK_TITLE.finditer(text)]
        for m in _ORGANISATION.finditer(text):
            if not _inside(m.start(), titles) and text[m.end():m.end() + 1] not in "〔[［":
                return m.start() + _leading_words(m.group(), _LEADING + "由"), m.end()
    return None


def _leading_words(name: str, leading: str) -> int:
    """How many characters at the head of `name` (up to its last two) are words before it, not of it."""
    return max((i + 1 for i, ch in enumerate(name[:-2]) if ch in leading), default=0)


# "A和B分别…": two subjects asked the same thing. Each is a place, a school, a report or a described
# one ("“两基”汇报的那个区"). When A is just that, B is too, and what follows it is asked of both
# ("明溪口镇的总人口", "明溪口镇对…的村或干部"); "上坪乡的材料和XX乡的同类材料" are two whole subjects.
_CONJOINED = re.compile(r"(?:^|(?<=[，,：:]))([^，,：:？?。]{2,24}?)(?:和|与|以及|及|同)([^，,：:？?。]{2,30}?)"
                        r"(?=[，,]|分别|各(?![村乡镇校单部]))")
_SUBJECT = re.compile(r"报告|汇报|材料|总结|方案|那[个所篇](?:小学|中学|学校|[\u4e00-\u9fff])?|另一篇|“[^”]+”|"
                      r"[乡镇县区市村]$")
_EACH = re.compile(r"分别|各自|(?<=[，,])各|各(?=[有是])|" + _EACH_ASKED)


def conjoined_parts(question: str) -> list[tuple[str, str]]:
    """ "A和B分别…" as (A, the question about A alone) and (B, …): "白塘镇和夏镇牙力古孜铁热克小学分别
    有多少在编教师" → ("白塘镇", "白塘镇有多少在编教师？"), ("夏镇牙力古孜铁热克小学", …). Empty unless the
    question asks each (分别, 各) of two subjects that each name a place, a school or a report."""
    if not _PLURAL.search(question):
        return []
    m = _CONJOINED.search(question)
    if not m:
        return []
    first, second = m.group(1), m.group(2)
    end = m.end(2)
    if _subject_end(first) == len(first):  # a bare subject: the second ends where its subject does
        end = m.start(2) + (_subject_end(second) or len(second))
    second = question[m.start(2): end]
    if not (_subject_end(first) and _subject_end(second)):
        return []
    return [(part, _EACH.sub("", question[:m.start()] + part + question[end:])) for part in (first, second)]


def _subject_end(part: str) -> int:
    """Where the last place, school or report named in `part` ends; 0 when it names none."""
    names = places_named(part) | set(regions_named(part)) | {name for _, name in bodies_named(part)}
    ends = [part.rfind(name) + len(name) for name in names if name in part]
    ends += [m.end() for m in _SUBJECT.finditer(part)]
    return max(ends, default=0)


# A school or clinic the question names ("白塘镇磊石学校", "山左口中学"): what stands before the kind, read far
# enough back to take in the word before a long name ("先后为夏镇牙力古孜铁热克小学": 为 is no part of it).
BODY_KINDS = "中心小学|中心学校|中心校|小学|中学|学校|幼儿园|卫生院"  # the word that ends a school's or clinic's name
_BODY = re.compile(rf"([\u4e00-\u9fff]{{2,16}}?)({BODY_KINDS})(?!生(?!均))")  # not "一二中学生": pupils; "三小生均"
_NOT_IN_BODY = set("那个所的在给和与及是这该各全本我哪些级年读念考钱等")  # not "今年小学", "孩子读完小学", "双小等学校"
_BUILDS = set("建办盖修扩迁并撤")  # right before the kind, a verb: "拿出多少钱来建学校" names none
# Words that describe a kind of school ("省标准化学校", "乡村学校"), not name one.
_BODY_WORDS = re.compile(r"中心|实验|示范|特色|重点|寄宿|完全|九年制|民办|公办|义务教育|教育|素质|标准化|规范化|合格|达标|薄弱|"
                         r"项目|优质|乡村|农村|城区|城镇|城市|村级|乡镇|一类|[省市县区镇乡]级|国家级|"
                         r"下面|下属|所属|其[他它]|周边|附近|当地|本地|有关|相关")
_NOT_IN_NAME = {"v", "p", "r"}  # jieba's tags of verbs, prepositions and pronouns
_TOLD = {"汇报", "介绍", "通报", "报告"}  # verbs jieba tags as nouns: "向家长汇报学校的工作情况" names no school
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]+")
# "验收时省标准化学校", "名额上向乡村学校", "资金用于学校", "联合创办轴承专业学校": a phrase before the kind
_DEMONSTRATIVE = re.compile(r"^[那这该此][个所座家]?")
_BEFORE_BODY = re.compile(r"^.+[省时向上于为对到少几]|^.*(?:创办|创建|开办|兴办|举办|合办|成立|组建|建立|新建|筹建)了?")
# "按乡卫生院…", "据镇中心小学…": a preposition before the township's own clinic or school, not a name
_TOWNS_OWN = re.compile(r"[按据从在对向由经于将把][乡镇县区市村]")


def bodies_named(question: str) -> list[tuple[str, str]]:
    """The schools and clinics a question names by name, as (distinctive part, name without the place
    before it): "白塘镇磊石学校" → ("磊石", "磊石学校"), "渡口中心卫生院" → ("渡口", "渡口中心卫生院");
    none for "郭店镇中学", "实验小学" or "那所小学", which name no particular one."""
    places = places_named(question)
    out = []
    for m in _BODY.finditer(question):
        name = m.group(1)
        if name.endswith("中") and m.group(2) == "小学":  # "规范中小学": schools in general
            continue
        if name.startswith("原") and question[m.start() - 1: m.start()] in ("(", "（") and out:
            continue  # "第三小学(原团结新村小学)": the school's former name, not a second school
        for place in sorted(places, key=len, reverse=True):
            name = name.split(place)[-1]
        name = re.sub(r"^.{2,}?[区市县](?=..)", "", name)  # "城关区第三小学", the district named before it
        name = _after_verb(_BEFORE_BODY.sub("", name).split("的")[-1])  # "布达拉宫东北面的第三小学": 第三小学
        name = _DEMONSTRATIVE.sub("", name)  # "那所第三小学" names 第三小学; "那所小学" names none
        stem = _BODY_WORDS.sub("", name)
        if len(stem) >= 2 and not set(name) & _NOT_IN_BODY and stem in name and name[-1] not in _BUILDS \
                and not stem.endswith("里") and not _TOWNS_OWN.fullmatch(stem):  # "村里小学", but "十里堡小学"
            if _ORDINAL.fullmatch(stem):  # "第三小学", also written 三小: 第三 alone is no name
                stem = stem[1:] + m.group(2)[0]
            out.append((stem, name + m.group(2)))
    return out


# "mentioned in the Sandu middle school report", "山左口中学的汇报中": what its report says, wherever in it
_IN_REPORT = re.compile(r"\breport\b|(?:报告|汇报|总结|材料)(?:中|里|提到|所述|说)", re.I)


def names_report(question: str) -> bool:
    """True when the question asks what a report says ("in the Sandu middle school report", "汇报中")."""
    return bool(_IN_REPORT.search(question))


def bodies_in(texts: Iterable[str]) -> frozenset[str]:
    """The names of the schools and clinics `texts` name ("山左口中学", "渡口中心卫生院"); a school is several
    words to jieba (三都中学: 三/都/中学), so its name is read from the text."""
    return frozenset(name for text in texts for _, name in bodies_named(normalize(text)))


def _after_verb(phrase: str) -> str:
    """What follows the last verb, preposition or pronoun of `phrase`, which a name holds none of:
    "老师都要参加学校" → "学校", "嘉峪关搞义务教育薄弱学校" → "义务教育薄弱学校", "其中幼儿园" → "幼儿园"."""
    words = list(jieba.posseg.cut(phrase, HMM=False))
    # a single character opening the phrase may be a name's own ("拦河小学")
    last = max((i for i, w in enumerate(words) if (w.flag in _NOT_IN_NAME or w.word in _TOLD)
                and (i or len(w.word) > 1)), default=-1)
    return "".join(w.word for w in words[last + 1:])


def asked_posts(question: str) -> tuple[str, ...]:
    """The posts whose holder a name question asks for ("公安分局局长叫什么名字" → 局长; "the name of the
    principal" → 校长), or ()."""
    m = _ASKED_POST.search(question)
    if not m:
        return ()
    if m.group(1) in _POSTS:
        return (m.group(1),)
    given = tuple(p for p in _POSTS if m.group(2) and p in question)  # "the township head (乡长)"
    return given or _POSTS_EN.get((m.group(2) or "").lower(), ())


def held_posts(question: str) -> tuple[str, ...]:
    """The posts whose holder a who-question asks for by the post itself ("校长是谁", "Who is the … chief"),
    or (): the holder must then be named by the post ("学校校长袁小华"), not just somewhere in the sentence
    ("工委书记王三同志任组长,…公安分局局长同志任副组长" names no 局长). A group's 组长 is named before it
    ("由王三同志任组长"), so it is left to find_person."""
    m = _HELD_POST.search(question)
    if m:
        return (m.group(1),)
    m = _HELD_POST_EN.search(question)
    return _POSTS_EN[m.group(1).lower()] if m else ()


def find_holder(text: str, post: str) -> tuple[int, int] | None:
    """Span of the person named right by `post` in `text` ("公安分局局长张三同志", "张三(局长)"), or None:
    "公安分局局长同志" leaves the name out."""
    for m in NAME.finditer(text):
        before = re.split(r"[、,，。;；]|同志", text[max(0, m.start() - 8): m.start()])[-1]
        if post in before + m.group():
            start = m.start() + (text[m.start() - 1: m.start() + 1] == post)  # "局长李明同志": not "长李明"
            return start, m.end()
    for m in _AFTER_POST.finditer(text):
        if m.group(1).endswith(tuple(_POSTS)):  # "由县长任组长": 任组长 is the post taken, not a name
            continue
        if text[m.start(1) - len(post): m.start(1)] == post:
            return m.start(1), m.end(1)
    return None


def asks_who(question: str) -> bool:
    """True when the question asks for a person or the post that does something ("由谁担任")."""
    return bool(_WHO.search(question))


def find_acting_post(text: str) -> tuple[int, int] | None:
    """Span of a post that a clause opens with as the one acting ("民主生活会后,镇党委书记主持召开通报会":
    镇党委书记), which answers who does a duty as a name would; None when there is none."""
    m = _ACTING_POST.search(text)
    return m.span() if m else None


def group_post(question: str) -> tuple[str, str] | None:
    """The group and the post in it whose holder the question asks for ("督导组副组长由谁担任" → 督导组, 副组长),
    or None; the group may be read back too far ("小组督导组"), so find_group_holder tries its ends."""
    m = _GROUP_POST.search(question)
    return (m.group(1), m.group(2)) if m else None


def find_group_holder(text: str, group: str, post: str) -> tuple[int, int] | None:
    """Span of the person the clause of `text` naming `post` of `group` names ("潘玉民同志任督导组组长,于少锋同志任
    督导组副组长": 于少锋同志 for 督导组副组长), or None."""
    for i in range(len(group) - 1):
        at = text.find(group[i:] + post)
        if at >= 0:
            start = max(text.rfind(mark, 0, at) for mark in ",，;；。") + 1
            end = min((j for j in (text.find(mark, at) for mark in ",，;；。") if j >= 0), default=len(text))
            span = find_person(text[start:end])
            return (start + span[0], start + span[1]) if span else None
    return None


def asks_duty(question: str) -> bool:
    """True when the question asks who does a duty that a body may do ("由谁统一负责", "谁来管理")."""
    return bool(_DUTY.search(question))


def asks_holder(question: str) -> bool:
    """True when the question asks who holds a post or does a duty ("组长是谁", "由谁担任", "哪位副书记",
    "Who was the expert…"), and nothing else ("设在哪里、由谁负责", "Who gave…, and what was…"); not whose
    something is ("得到了谁的捐赠")."""
    if _HOLDER_EN.search(question):
        return not _ASKS_ELSE_EN.search(question)
    return bool(_HOLDER.search(question)) and not _ASKS_ELSE.search(question)


def find_person(text: str) -> tuple[int, int] | None:
    """Span of a person or post holding a role in `text` ("王双利同志", "由县委书记任", "副主任杨金台"), or None:
    "由党委副书记**担任" blanks the holder's name out, so names no one."""
    spans = [m.span() for m in _PERSON.finditer(text) if not _BLANKED_HOLDER.search(m.group())]
    spans += [m.span(m.lastindex) for m in [_AFTER_POST.search(text) or _BEFORE_POST.search(text)] if m]
    return min(spans) if spans else opening_name(text)


def asks_plural(question: str) -> bool:
    """True when a factoid wants several values ("达标和超额的分别奖励多少")."""
    return bool(_PLURAL.search(question))


def asked_clauses(question: str) -> list[str]:
    """The questions asked together in one ("图书馆有多少所?开通了校园网的有多少所?" → both), each
    with a question word; one question gives itself."""
    return [c for c in _CLAUSE_END.split(question) if _WH.search(c) or _FACTOID.search(c)]


# "安排了哪些服务活动？", "要把握哪几个环节？": the kind of thing a list question asks for
_LISTED = re.compile(r"(?:哪些|哪[两几三四五六七八九十]+[种个项条类方面点]?)([\u4e00-\u9fff]{2,8}?)(?=[?？。!！,，]|呢|吗|$)")
# "下一步打算有哪些": the kind of thing named before the ask at the question's end (its last two characters)
_LISTED_BEFORE = re.compile(r"([\u4e00-\u9fff]{2})(?:主要)?(?:有|包括|是)哪些(?=[?？。!！]|呢|$)")


# "what kinds of volunteer service activities did…": the same, asked in English (its head word, to translate)
_LISTED_EN = re.compile(r"\b(?:what|which) (?:kinds?|types?|sorts?) of (?:[a-z-]+ ){0,3}?([a-z-]+?) "
                        r"(?:did|does|do|were|are|was|is|has|have|had)\b", re.I)


# "how many new teachers did…", "the total number of students at…": the counted thing, up to a verb or preposition
_COUNTED_EN = re.compile(r"\b(?:how many|number of) (?!(?:are|were|is|was|did|do|does|have|has|had)\b)"
                         r"((?:[a-z'-]+ ){0,5}?[a-z'-]+?)(?: [(（]([\u4e00-\u9fff]{2,12})[)）])?"
                         r"(?= (?:did|does|do|are|were|is|was|"
                         r"have|has|had|will|would|can|could|in|at|on|under|for|from|by|that|who|which|"
                         r"took|take|attended|joined|participated|received|got)\b|[?,.]|$)",
                         re.I)


def counted_noun_en(question: str) -> str:
    """What an English how-many question counts ("How many new teachers did…" → new teachers), or ""."""
    m = _COUNTED_EN.search(question)
    return m.group(1).lower() if m else ""


def counted_quote_en(question: str) -> str:
    """The reports' own word for what an English how-many question counts, when the question gives it right
    after the noun ("How many left-behind children (留守儿童) are there…" → 留守儿童) or after what the noun is
    on or of ("How many special meetings on education (专题议教会议)…"), or ""."""
    m = _COUNTED_EN.search(question)
    if not m:
        return ""
    after = _QUOTE_AFTER_EN.match(question, m.end(1))  # "special meetings on education (专题议教会议)"
    return m.group(2) or (after.group(1) if after else "")


_QUOTE_AFTER_EN = re.compile(r" (?:on|of|for|about) [a-z' -]{1,30}? [(（]([\u4e00-\u9fff]{2,12})[)）]", re.I)


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
# "of the 93 full-time teachers", "Of the 179 school construction projects": the whole a part is asked of
_WHOLE_EN = re.compile(r"\b(?:of|among|out of) (?:the|its|their|all|these|those|(?:the )?[a-z]+'s) "
                       r"(\d[\d,]*) ([a-z][a-z -]*?)"
                       r"(?=[,?]| (?:at|in|for|of|that|who|which|the|did|does|do|are|were|is|was|have|had)\b|$)", re.I)
_HOW_MANY_EN = re.compile(r"\bhow many\b", re.I)
YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")  # a year in digits ("of the 2016 …": a year, not a whole)
# what tells the part: the words after the question's last verb ("… are Tibetan?", "… how many were canteen …?")
_PART_EN = re.compile(r".*\b(?:are|were|is|was|have|had|has|got|received|obtained|became)\b\s+(.+?)\s*\??$", re.I)
# the sums of money an English question may ask for by name, and the words reports give them
_PAID_AS = {"salar": "工资 薪酬 待遇", "wage": "工资 薪酬 待遇", "income": "收入", "fee": "费", "premium": "保险 保费",
            "subsid": "补助 补贴", "allowance": "补助 补贴 津贴", "bonus": "奖金 奖励", "donation": "捐"}
_PAID_EN = re.compile(r"\b(salar|wage|income|fee|premium|subsid|allowance|bonus|donation)(?:y|ies|s|es)?\b", re.I)


def whole_given_en(question: str) -> tuple[frozenset[str], str, str]:
    """The whole an English how-many question asks a part of, the whole's noun and the part's words: "How many of
    the 93 full-time teachers … are Tibetan?" → ({93}, "full-time teachers", "Tibetan"); "Of the 179 projects…, how
    many were canteen projects?" → ({179}, "projects", "canteen projects"); (frozenset(), "", "") for none."""
    m = _WHOLE_EN.search(question)
    if not m or not _HOW_MANY_EN.search(question) or YEAR_DIGITS.fullmatch(m.group(1)):
        return frozenset(), "", ""
    part = _PART_EN.search(question)
    return frozenset({m.group(1).replace(",", "")}), m.group(2), part.group(1) if part else ""


# "on the 11 new school buses it bought", "building its 4 township farmers' cultural schools": what a question counts
_GIVEN_THINGS_EN = re.compile(r"\b(?:the|its|their|these|those) (\d[\d,]*) ([a-z][a-z' -]*?)"
                              r"(?=[,?.]| (?:it|they|that|which|who|in|at|for|of|to|and|was|were|is|are)\b|$)", re.I)


def things_given_en(question: str) -> dict[str, str]:
    """The figures an English question gives a count of things with, and the things ("How much did Jiayuguan
    spend on the 11 new school buses it bought?" → {"11": "new school buses"})."""
    return {m.group(1).replace(",", ""): m.group(2).lower() for m in _GIVEN_THINGS_EN.finditer(question)}


def money_named_en(question: str) -> list[str]:
    """The words a sentence giving the sum an English question names must hold ("What is the average
    monthly salary…" → 工资, 薪酬, 待遇), or []."""
    return [w for m in _PAID_EN.finditer(question) for w in _PAID_AS[m.group(1).lower()].split()]


# "建立了哪些工作机制来推动创建": a list asked for with what it is for, named by a list's kind of head
_LISTED_FOR = re.compile(r"(?:哪些|哪[两几三四五六七八九十]+[种个项条类方面点]?)([\u4e00-\u9fff]{0,6}?"
                         r"(?:制度|措施|做法|办法|举措|机制|手段|环节|方式|途径|渠道|板块))(?=来|去|以)")


def listed_noun(question: str) -> str:
    """The kind of thing a list question asks for ("做了哪些实践" → 实践, "靠哪些制度来加强管理" → 制度), or ""."""
    m = _LISTED.search(question) or _LISTED_FOR.search(question) or _LISTED_BEFORE.search(question)
    return m.group(1) if m else ""


def names_measures(noun: str) -> bool:
    """True when `noun` is one of the words for measures in general ("措施", "做法"), not a kind of them."""
    return noun in _MEASURE_NOUNS


# a list the question names by its count, in quotes: "“三个严格”", "“五个落实”"
_COUNTED_LIST = re.compile(r"[“\"‘]([二两三四五六七八2-8])[个项条大点种]?([\u4e00-\u9fff]{1,6})[”\"’]")


def counted_list(question: str) -> str:
    """What a list the question names by its count is of ("怎样做到“三个严格”的" → 严格), or ""."""
    m = _COUNTED_LIST.search(question)
    return m.group(2) if m else ""


# the words a report heads a list of measures with, any of which a question may ask for
_MEASURE_NOUNS = ("做法", "措施", "举措", "实践", "办法")


def other_names(noun: str) -> list[str]:
    """`noun`, then the other words a heading may call the same list by: the shorter ends of a compound,
    down to four characters ("志愿服务活动" → 服务活动), and the other words for measures ("做法" → 措施, 实践)."""
    shorter = [noun[i:] for i in range(1, len(noun) - 3)]
    alike = [w for w in _MEASURE_NOUNS if w != noun] if noun in _MEASURE_NOUNS else []
    return [noun, *shorter, *alike]


def listed_noun_en(question: str) -> str:
    """The English head word of the kind of thing a list question asks for ("what kinds of volunteer
    service activities did…" → activities), or ""."""
    m = _LISTED_EN.search(question)
    return m.group(1).lower() if m else ""


# in quotes, or in brackets after English words ("the 'drug-free county' (无毒害县)"; not "在编教师(教职工)")
_QUOTED = re.compile(r"[“\"'‘]([\u4e00-\u9fff]{3,8})[”\"'’]|(?<=[A-Za-z'\" ])[(（]([\u4e00-\u9fff]{3,8})[)）]")


# an English name in quotes ("the township's 'Carry forward the Lei Feng spirit' campaign"); not an apostrophe
_QUOTED_EN = re.compile(r"(?<![A-Za-z])['‘\"“]([A-Za-z][A-Za-z ,-]{4,58}[A-Za-z])['’\"”](?![A-Za-z])")


def quoted_en(question: str) -> list[str]:
    """The names an English question quotes ("'Carry forward the Lei Feng spirit'")."""
    return _QUOTED_EN.findall(question)


def programmes_named(question: str) -> list[str]:
    """The quoted names of campaigns and programmes a question gives ("创建“无毒害县”", "campaign (无毒害县)")."""
    return [quoted or bracketed for quoted, bracketed in _QUOTED.findall(question)]


_MEASURES_ASKED = re.compile(r"怎么|怎样|如何|措施|做法|办法|经验|举措|采取|\bhow\b|\bmeasures\b|\bsteps\b|\bmethods\b|"
                             r"\bpractices?\b|\bactions?\b", re.I)


def asks_measures(question: str) -> bool:
    """True when the question asks what was done ("如何…", "采取了哪些措施", "how did…"), not which things a
    list names ("和哪两个县接壤", "有哪些人参与")."""
    return bool(_MEASURES_ASKED.search(question))


def enumerates(question: str) -> bool:
    """True when the question asks for the items of a list ("哪两种模式", "哪几个方面")."""
    return bool(_ENUMERATION.search(question))


def asks_year(question: str) -> bool:
    """True when a date question wants the year itself ("哪一年建成", "in what year")."""
    return bool(_WANTS_YEAR.search(question))


# "比例从多少涨到了多少", "微机从多少台增加到了多少台", "from what … to what": a change, told from one figure to another
_ASKS_FROM_TO = re.compile(r"[从由][^,，。？?]{0,12}?(?:多少|几)[^,，。？?]{0,12}?[到至]了?(?:多少|几)|"
                           r"\bfrom (?:what|how many|how much)\b.{0,40}?\bto (?:what|how many|how much)\b", re.I)
_FROM_TO = re.compile(r"[从由][^,，。;；]{0,15}?\d[^,，。;；]{0,20}?[到至][^,，。;；]{0,6}?\d")


def asks_from_to(question: str) -> bool:
    """True when the question asks how a figure changed, from what to what ("入园率从多少提高到多少")."""
    return bool(_ASKS_FROM_TO.search(question))


def states_change(text: str) -> bool:
    """True when `text` tells a figure's change from one value to another ("入园率由三年前的81.2%提高到90.65%")."""
    return bool(_FROM_TO.search(text))


# "捐赠财物总计有多少", "一共值多少", "in total": the sum over all; "社会引资合计38万多元" states one
_ASKS_TOTAL = re.compile(r"总计|合计|共计|总共|一共|累计|\bin total\b|\baltogether\b", re.I)
_TOTAL = re.compile(r"(?:合计|共计|总计|总共|累计)(?:达到|[达为约近有])?\s*")


def asks_total(question: str) -> bool:
    """True when the question asks for a total ("一共值多少", "总计有多少")."""
    return bool(_ASKS_TOTAL.search(question))


def find_total(text: str, kind: str) -> tuple[int, int] | None:
    """Span of the figure that `text` states as a total ("社会引资合计38万多元": 38万多元), or None."""
    pattern = MONEY if kind == "money" else NUMBER
    for m in _TOTAL.finditer(text):
        figure = pattern.match(text, m.end())
        if figure:
            return figure.span()
    return None


def _clause_before(text: str, at: int) -> str:
    """The words of `text` from the start of its clause up to `at`."""
    return re.split(r"[,，。;；:：]", text[:at])[-1]


def total_named(text: str, span: tuple[int, int]) -> str:
    """The words of the clause before the total at `span` ("社会引资" of "社会引资合计38万多元"); "" for a
    total of the figures before it ("…捐资38余万元,共计124余万元")."""
    return re.sub(_TOTAL.pattern + "$", "", _clause_before(text, span[0]))


def told_as_total(text: str, span: tuple[int, int]) -> bool:
    """True when the figure at `span` is told as a total ("全县各部门单位共捐赠图书7万多册")."""
    return bool(re.search(r"共|总|合计|累计", _clause_before(text, span[0])))


# Posts whose holder acts in person ("县委书记先后几次深入…调研"): a figure told of another's acts is not theirs
_ACTING = ("书记", "县长", "镇长", "乡长", "区长", "市长", "局长", "校长", "主任", "院长", "所长", "站长")


def acting_posts(question: str) -> list[str]:
    """The posts a figure question asks of as the one who acted ("县委书记先后几次深入…调研" → 书记)."""
    return [p for p in _ACTING if p in question]


def post_named(question: str, post: str) -> str:
    """The post as the question names it, with its body ("县委书记" for 书记)."""
    m = re.search(rf"[县市区镇乡]?(?:党委|党组|委|政府)?副?{post}", question)
    return m.group() if m else post


def other_post(text: str, posts: list[str]) -> bool:
    """True when `text` tells of a post holder other than `posts` and of none of them ("政府吴县长先后13次…")."""
    return not any(p in text for p in posts) and any(p in text for p in _ACTING)


def years_given(question: str) -> list[str]:
    """The years a question states: "2009年…多少", "in 2009" → 2009."""
    return re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", question)


def year_told(text: str, span: tuple[int, int]) -> str | None:
    """The year the figure at `span` is told of: the last year written before it ("在2015年创建工作基础上,2016年,
    …拨付…专项经费35万元" → 2016), or None."""
    told = _YEAR.findall(text[:span[0]])
    return told[-1][:4] if told else None


_YEARS_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:至|到|[-—~～])\s*((?:19|20)\d{2})\s*年")
_SERIES_GAP = re.compile(r"[^\d、和及与,，;；。]{0,3}?\s*(?:、|和|及|与|,|，)\s*")  # the unit, then the separator


def figure_in_series(kind: str, text: str, span: tuple[int, int], year: str) -> tuple[int, int]:
    """Of a series told year by year ("2002年至2004年,小学为1300元、1316元和1328元"), the figure of `year`
    (2004 → 1328元); `span` (the series' first figure) when the sentence tells no such series."""
    told = [m for m in _YEARS_SPAN.finditer(text[:span[0]])]
    if not told:
        return span
    first, last = int(told[-1].group(1)), int(told[-1].group(2))
    if not first <= int(year) <= last:
        return span
    at, spans = span[1], [span]
    while len(spans) <= last - first:
        gap = _SERIES_GAP.match(text, at)
        nxt = find_wanted(kind, text[gap.end():]) if gap else None
        if not gap or not nxt or nxt[0] != 0:
            return span
        spans.append((gap.end(), gap.end() + nxt[1]))
        at = spans[-1][1]
    return spans[int(year) - first]


def figure_of_year(kind: str, text: str, years: list[str]) -> tuple[int, int] | None:
    """Span of the first `kind` figure told of one of `years` ("从2004年的48%上升到2009年的78%" → 78% for 2009)."""
    for m in re.finditer(rf"(?:{'|'.join(years)})\s*年", text):
        span = find_wanted(kind, text[m.end():])
        if span and year_told(text, (m.end() + span[0], m.end() + span[1])) in years:
            return m.end() + span[0], m.end() + span[1]
    return None


# "外方是哪个国家的学校", "which foreign country": a country's name answers it, "国外" or "外方" does not
_ASKS_COUNTRY = re.compile(r"哪个?国家|哪国|\bwhich (?:foreign )?countr(?:y|ies)\b|\bwhat (?:foreign )?country\b", re.I)
_COUNTRY = re.compile(r"美国|英国|法国|德国|日本|韩国|朝鲜|俄罗斯|加拿大|澳大利亚|新西兰|新加坡|意大利|西班牙|葡萄牙|荷兰|"
                      r"比利时|瑞士|瑞典|挪威|芬兰|丹麦|奥地利|爱尔兰|波兰|以色列|印度|泰国|越南|马来西亚|印度尼西亚|"
                      r"菲律宾|巴基斯坦|哈萨克斯坦|蒙古|埃及|南非|巴西|阿根廷|墨西哥|土耳其")


# "投资最多的是哪一所", "哪个村贫困户最多", "which township has the most …": one picked out by a ranking
_MOST = r"最(?:多|少|大|小|高|低|强|快|重|长|短|好)"
_ASKS_MOST = re.compile(rf"{_MOST}的?是?哪|哪[^,，。;；?？]{{0,12}}{_MOST}|\bwhich\b[^?,;]*\b(?:most|largest|highest|"
                        r"biggest|fewest|least|lowest|greatest|smallest)\b", re.I)
_RANKED = re.compile(r"最|第一|首位|居首|之首|榜首|排名|排序|名列|前列|之冠|领先|位居|居全")


def asks_most(question: str) -> bool:
    """True when the question asks which one ranks first ("捐书最多的是哪个部门"): a total answers it not."""
    return bool(_ASKS_MOST.search(question))


def ranks(text: str) -> bool:
    """True when `text` ranks something ("居全县第一", "最多的是…", "排名前列")."""
    return bool(_RANKED.search(text))


# a clause that tells when or within what the question asks ("…开展教育实践活动时,", "在“服务拓展年”主题教育中,"),
# or whose view it asks ("省纪委…调研后认为,")
_FRAME = re.compile(r"(?:时|时候|期间|过程中|中|里|以来|认为|指出|感到|表示)$")
_ASKED_MARKS = re.compile(r"[?？]")


def asked_part(question: str) -> str:
    """What a question asks after the clauses that frame it ("滨海新区XX镇开展党的群众路线教育实践活动时,各单位是
    如何搞好思想发动的?" → 各单位是如何搞好思想发动的); "" when no clause frames it, or it asks several questions."""
    if _ASKED_MARKS.search(question.rstrip("?？ ")):
        return ""
    clauses = [c for c in re.split(r"[,，;；]", question.rstrip("?？。 ")) if c.strip()]
    framing = [i for i, c in enumerate(clauses[:-1]) if _FRAME.search(c.strip())]
    return "，".join(clauses[framing[-1] + 1:]) if framing else ""


# an English question's framing clause: "In the implementation plan of XX Town …, what are the basic principles?"
_FRAME_EN = re.compile(r"^(?:in|according to|for|during|at|under|within|among)\b[^?]*?,\s*(?=[^,]*\b(?:what|which|who|how|"
                       r"when|where|why)\b)", re.I)


def asked_part_en(question: str) -> str:
    """What an English question asks after the clause that frames it ("what are the basic principles"); ""
    when no clause frames it."""
    m = _FRAME_EN.search(question)
    return question[m.end():] if m else ""


def asks_country(question: str) -> bool:
    """True when the question asks which country ("合作办学的外方是哪个国家的学校")."""
    return bool(_ASKS_COUNTRY.search(question))


def names_country(text: str) -> bool:
    """True when `text` names a foreign country ("与美国…合作办学"), not just "国外"."""
    return bool(_COUNTRY.search(text))


def numbered_names(question: str) -> list[str]:
    """The numbers an English question names a school by ("No. 3 Primary School" → 3): names, not figures."""
    return re.findall(r"\bNo\.?\s?(\d+)\b", question)


def find_year(text: str) -> tuple[int, int] | None:
    """Span of a year in `text` ("2008年"), or None: "20xx年2月" blanks its year out, and a month is no year."""
    m = _YEAR.search(text)
    return m.span() if m else None


def asks_calendar(question: str) -> bool:
    """True when a date question wants a year, month or day, not just "when" ("哪一年到任？")."""
    return bool(_WANTS_CALENDAR.search(question))


def focus_terms(question: str, tokens: list[str]) -> list[str]:
    """The words naming what a "how many" question counts, so that the caller can keep the first one
    the reports use: the content words after 多少/几, the compound they make first, then nearest first
    ("多少名学生" → 学生; "多少条招工信息" → 招工信息, 招工, 信息), else the nearest before it with the
    words joined to it on its left ("查获吸毒人员多少" → 查获吸毒人员, 吸毒人员, 人员). Empty when there is none."""
    return focus_words(question, tokens)[0]


def focus_words(question: str, tokens: list[str]) -> tuple[list[str], list[str]]:
    """focus_terms, and the other words of the longest name it reads before the question word, nearest
    first ("禁毒志愿者队伍一共有多少人" → 志愿者, 禁毒): when the reports use only its last word, these still
    point at the count ("组建禁毒志愿者组织5个分队共320人"). No such words for a name read after it."""
    names: list[str] = []
    parts: list[str] = []
    for clause in _CLAUSE_END.split(question):  # "…图书馆有多少所?开通了校园网的有多少所?": each one's
        more_names, more_parts = _clause_focus(clause, tokens)
        names += [n for n in more_names if n not in names]
        parts += [p for p in more_parts if p not in parts]
    return names, parts


_CLAUSE_END = re.compile(r"[?？;；!！。\n]")  # what ends a question asked, or a sentence


def _clause_focus(question: str, tokens: list[str]) -> tuple[list[str], list[str]]:
    """focus_words of one question clause."""
    m = _WH.search(question)
    if not m or _TIMES.match(question, m.end()):  # "深入企业多少次" counts times, not the enterprises
        return [], []
    content = [t for t in tokens if len(t) >= 2 and t not in _GENERIC and t not in _MEASURE_WORDS]
    before = question[max(0, m.start() - 10): m.start()]
    at = m.end() + _relative_clause(question[m.end(): m.end() + _COMPOUND_MAX + 2])
    # "多少人以上的乡镇": what follows 的 is what the number qualifies, not what it counts
    after = re.split(r"[,，]|以上|以下|以内|左右|的", question[at: at + 6])[0]
    # the counted thing follows the question word when it is named there ("多少名学生");
    # otherwise it precedes it ("婚检率是多少") — and a word before may just be the place asked about
    spots = sorted((after.find(t), -len(t), t) for t in content if t in after)
    if spots:  # the nearest word, then the head of the compound it starts ("条招工信息" → 招工, 信息)
        _, _, nearest = spots[0]
        rest = question[at: at + _COMPOUND_MAX]  # its last word may run past the window
        # a word followed by 了 is a verb, not the compound's last word ("多少名学生取得了…证书": 学生)
        words = [(rest.find(t), rest.find(t) + len(t), t) for t in content
                 if 0 <= rest.find(t) < len(after) and rest[rest.find(t) + len(t):][:1] not in ("了", "着")]
        start = end = rest.find(nearest) + len(nearest)
        start -= len(nearest)
        while any(at == end for at, _, _ in words):  # the words that follow on without a gap
            end = max(stop for at, stop, _ in words if at == end)
        heads = [t for _, stop, t in words if stop == end and t != nearest]
        whole = rest[start:end]  # "多少名已婚育龄妇女": 已婚育龄妇女, then 已婚 and 育龄妇女
        return ([whole] if whole != nearest and whole not in heads else []) + [nearest] + heads, []
    spots = [(before.rfind(t) + len(t), len(t), t) for t in content if t in before]
    if not spots:
        return [], []
    end, _, word = max(spots)
    word += "率" if before[end: end + 1] == "率" else ""  # jieba cuts "上线率" into 上线, 率
    names = _joined_left(before, word)
    inside = names[0][: -len(word)]
    parts = [t for t in content if t in inside and not any(t != o and t in o for o in content if o in inside)]
    left = before.rfind(names[0])
    people = re.match(r"[名人位]", question[m.end():])  # "获得副高职称的教师有多少人": the figure may be told
    if people and not parts and before[left - 1: left] == "的":  # of those so qualified alone ("获得副高职称9人")
        inside = before[: left - 1]
        words = [t for t in content if t in inside]
        parts = [max(words, key=lambda t: inside.rfind(t) + len(t))] if words else []  # the nearest word
    return names, sorted(parts, key=lambda t: -inside.rfind(t))  # whole words (志愿者, not 愿者), nearest first


_TOWARDS = {"面向", "针对", "围绕"}  # prepositions that open a clause on whom or what a thing is for


def _relative_clause(text: str) -> int:
    """The length of a clause that opens with a verb right after the question word's classifier, up to its
    的 ("几期集中报道先进典型的刊物": 期集中报道先进典型的), or with a preposition ("几期面向课改教师的培训班"):
    what is counted is the noun after it (刊物, 培训班); 0 when
    there is none ("多少人以上的乡镇", "多少位幼儿园老师交了养老的钱")."""
    end = text.find("的")
    if end < 2 or re.search(r"[,，?？;；。]", text[:end]):
        return 0
    words = list(jieba.posseg.cut(text[:end], HMM=False))[1:]  # after the classifier
    flags = ["p" if w.word in _TOWARDS else w.flag for w in words]  # jieba tags 面向 a noun
    # "参加培训的", "必背的", "面向课改教师的"
    opens = flags[:1] in (["v"], ["p"]) or flags[:1] == ["d"] and flags[1:2] == ["v"]
    return end + 1 if opens else 0


def _joined_left(text: str, word: str) -> list[str]:
    """`word` (the last time it stands in `text`) with ever more of the characters before it, up to a
    stop word or _FOCUS_MAX characters, longest first: 吸毒人员 in "该区共查获吸毒人员" →
    查获吸毒人员, 获吸毒人员, 吸毒人员."""
    end = text.rfind(word) + len(word)
    start = end - len(word)
    while start > 0 and end - start < _FOCUS_MAX and not _FOCUS_STOP.match(text[start - 1]):
        start -= 1
    return [text[i:end] for i in range(start, end - len(word) + 1)]


_BOOK_TITLE = re.compile(r"《[^》]*》")
# a short name in quotes: "“7+4+10”专项整治任务", "“3+1”模式" name a campaign or a scheme; their figures count nothing
_QUOTED_NAME = re.compile(r"“[^“”《》]{1,12}”")
_CAME_TO = re.compile(r"(?:增加|增长|提高|提升|上升|扩大|发展|减少|下降|降低|缩小)到|[增升降减]至|达到")


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


def counted_near(name: str, text: str) -> bool:
    """True when `text` holds a number within FOCUS_WINDOW characters of `name`, in its sentence, somewhere."""
    for m in re.finditer(re.escape(name), text):
        before = _CLAUSE_END.split(text[max(0, m.start() - FOCUS_WINDOW): m.start()])[-1]
        after = _CLAUSE_END.split(text[m.end(): m.end() + FOCUS_WINDOW])[0]
        if NUMBER.search(f"{before}{name}{after}"):
            return True
    return False


def find_wanted(kind: str | None, text: str, focus: list[str] | None = None, average: bool = False,
                given: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Span of the `kind` thing in `text`, or None. For numbers with `focus` words: the first number
    after a focus word within a short window ("总人口6659人"), else the nearest one before it. Unless
    `average` is asked for, a total is preferred to an average ("平均有46.8名学生,共有学生1313名").
    Numbers the question itself gives (`given`: "108名教师中50岁以上的有多少") are not the answer."""
    pattern = {"number": NUMBER, "money": MONEY, "date": DATE, "name": NAME, "title": TITLE}.get(kind or "")
    if pattern is None:
        return None
    matches = list(pattern.finditer(text))
    if kind == "name" and not matches:  # "冯光红,年出生,就参加革命工作"
        return opening_name(text)
    titles = [m.span() for m in _BOOK_TITLE.finditer(text)]
    if kind in ("number", "money", "date"):  # "《…规划(2017-2020年)》" names a document, it is no figure
        matches = [m for m in matches if not _inside(m.start(), titles)]
    if kind in ("number", "money"):
        named = [m.span() for m in _QUOTED_NAME.finditer(text)]
        matches = [m for m in matches if not _inside(m.start(), named)]
    if kind == "number":
        matches = [m for m in matches if not _PAGE_NUMBER.fullmatch(text, max(0, m.start() - 2), m.end() + 1)]
    if kind in ("number", "money") and given:
        matches = [m for m in matches if not set(_DIGITS.findall(m.group())) & given and m.group() not in given]
    if kind in ("number", "money") and not average:
        totals = [m for m in matches if not _AVERAGE.search(text[max(0, m.start() - 3): m.start()])]
        matches = totals or matches
    if kind not in ("number", "money") or not focus:
        return (matches[0].start(), matches[0].end()) if matches else None
    # a name may drop its last character in the sentence ("小学毕业生" asked, "小学毕业848人" written)
    for f in focus + [f[:-1] for f in focus if len(f) >= 4]:
        for at in (m.start() for m in re.finditer(re.escape(f), text) if not _inside(m.start(), titles)):
            after = [m for m in matches if at + len(f) <= m.start() <= at + len(f) + FOCUS_WINDOW]
            before = [m for m in matches if at - FOCUS_WINDOW <= m.end() <= at]
            # "11979名外来务工人员": the count of the thing itself; not "行政人员1名,专任教师29名"
            gap = text[before[-1].end():at] if before else ""
            if before and len(gap) <= 2 and not re.search(r"[,，;；。、]", gap):
                return before[-1].start(), before[-1].end()
            if after:  # "由2002年的2所增加到现在的18所": the figure it came to, not the one it came from
                clause = re.split(r"[,，;；。]", text[at:])[0]  # the change is told within one clause
                came_to = [m for m in matches if after[0].start() < m.start() < at + len(clause)
                           and _CAME_TO.search(text[max(0, m.start() - 8): m.start()])]
                first = came_to[0] if came_to and "由" in text[at:after[0].start()] else after[0]
                return first.start(), first.end()
            if before:
                return before[-1].start(), before[-1].end()
    # an amount of money is specific enough without its noun ("投资20万余元,…更换门窗")
    return (matches[0].start(), matches[0].end()) if kind == "money" and matches else None
