"""Tests for retrieval.questions: question shape, the kind of thing wanted, focus words, finding the wanted span."""
from __future__ import annotations

import pytest

from index.tokens import Tokenizer
from retrieval.questions import (NUMBER, ORDINAL, asked_at, things_given_en, asked_part, asked_part_en, asks_most, ranks, asks_exact, asks_total, find_total, told_as_total, total_named, listed_noun_en, asked_classifiers, asked_clauses, asks_issued, signed_date, asks_average, asks_count, asks_ratio, conjoined_parts, find_ratio, asked_posts, asked_unit, asks_who, asks_holder, bodies_named, asks_duty, find_acting_post, find_group_holder, group_post, whole_given_en, asked_thing_en,
                                 asks_frequency, counts_otherwise, find_counted, find_frequency, find_holder, find_measure, find_named, find_person, find_wanted,
                                 figures_given, focus_terms, focus_words, numbers_given, people_in, places_named, shape, wanted, which_of,
                                 asks_year, blanks_name, find_year, other_level, school_level, years_given, listed_noun)


@pytest.mark.parametrize("question, expected", [
    ("上坪乡的婚检率是多少？", "factoid"),
    ("明溪口镇有几个行政村？", "factoid"),
    ("哪一年开始免费婚检？", "factoid"),
    ("How many villages does Mingxikou have?", "factoid"),
    ("上坪乡采取了哪些措施？", "practice"),
    ("计生工作是怎么做的？", "practice"),
    ("哪些措施提高了婚检率？", "practice"),  # asks for measures although it names a rate
    ("What measures were taken against drugs?", "practice"),
    ("各乡镇怎么签订责任书的？", "across"),
    ("Compare the two townships", "across"),
    ("上坪乡计生工作情况", "general"),
    ("山左口中学的教师公寓规划建几层？", "factoid"),  # a count in another classifier: 层
    ("石墩河镇各村、各单位的“双述双评”制度是怎么开展的？", "practice"),  # 各村 of one town: not across places
    ("按照方案的要求,各校每学期需要组织几次安全防范演练?", "factoid"),  # one figure every school shares
    ("全县各单位一共献出了多少本书?", "factoid"),  # what they add up to
    ("各村分别有多少常住人口?", "across"),  # one figure each
    ("上坪乡和明溪口镇的计生工作有什么不同？", "across"),  # two places contrasted
    ("What share of townships was meant to become drug-free?", "factoid"),  # a share: a figure
    ("What was the county's three-year preschool enrollment rate in 2009?", "factoid"),  # a rate: a figure
    ("How often does the health centre train village clinic staff?", "general"),  # how often: no date
    ("What is the minimum concentrated education period for each unit?", "factoid"),  # a span of time
    ("要求各单位集中教育期间着力抓好哪三个环节？", "practice"),  # one list, asked of every unit alike
    ("What is the penalty when a teacher is caught cheating in exams?", "general"),  # "when" joins clauses
    ("At the school, when is the weekly teaching inspection held?", "factoid"),  # "when is": a date
    ("仓埠中心小学为落实常规实施的“三项制度”是什么?", "practice"),  # a list, named by its count
    ("创建“无毒害县”工作中提出的“五个落实”分别是什么?", "practice"),
    ("仓埠中心小学实施了哪“三项”制度来加强常规管理?", "practice"),
    ("“两基”汇报中,28中和30中合并以后的新学校叫什么名字?", "factoid"),  # “两基” names a programme, asks no list
    ("How did the three-year preschool enrollment rate change?", "factoid"),  # a change is told in figures
    ("How has the share of satisfied residents risen since 2004?", "factoid"),
    ("老百姓对当地教育的认可程度前后有什么变化?", "factoid"),
    ("How did the town improve its enrollment?", "practice"),  # improving is done by measures
    ("What is the total floor area of the Third Primary School's buildings?", "factoid"),  # an area: a figure
    ("What was the total investment of the service center building project?", "factoid"),  # a sum of money
    ("基层纪检监察机关对“三转”要求的态度经历了怎样的变化过程?", "general"),  # what it was like, not measures
    ("老年大学希望把学员培养成什么样的老人?", "general"),
    ("活动方案需要经过怎样的流程才能定下来?", "practice"),  # steps
])
def test_shape(question, expected):
    assert shape(question) == expected


@pytest.mark.parametrize("question, expected", [
    ("上坪乡的婚检率是多少？", "number"),
    ("明溪口镇辖几个村民小组？", "number"),
    ("How many villages does Mingxikou have?", "number"),
    ("哪一年开始免费婚检？", "date"),
    ("When did the campaign start?", "date"),
    ("By when must each unit submit its implementation plan, and to which office?", "date"),  # "2月底前报党办"
    ("What is the penalty when a teacher is caught cheating in exams?", None),
    ("Which units run the speech contest, and when?", "date"),
    ("上坪乡党委书记叫什么名字？", "name"),
    ("What is the name of the party secretary?", "name"),
    ("上坪乡采取了哪些措施？", None),
    ("What share of townships was meant to become drug-free?", "number"),
    ("写字课排在下午第几节？", None),  # an ordinal ("第三节"), not a count
    ("实施方案的落款日期是哪一天？", "date"),
    ("主题征文活动一等奖的奖金是多少?", "money"),  # the sum asked for after its name
    ("What is the floor area, in square meters, of the service hall?", "number"),  # a measure
    ("屏南县上半年的地方财政收入是多少?", "money"),  # an income is a sum of money
    ("教师考试弄虚作假被查出,要交多少罚款?", "money"),  # so is a fine
    ("In which year was the old-age university founded?", "date"),
    ("仓埠中心小学承接的市级课题名称是什么?", "title"),  # a name for a thing, not a person's
    ("What is the total floor area of the Third Primary School's buildings?", "number"),  # two words before area
    ("What was the total planned investment of the eco-tourism project?", "money"),
    ("What is the annual budget of the reform office?", "money"),
])
def test_wanted(question, expected):
    assert wanted(question) == expected


@pytest.mark.parametrize("question, tokens, expected", [
    ("上坪乡的婚检率是多少？", ["上坪", "乡", "婚检", "婚检率"], ["婚检率"]),  # nearest, longest before 多少
    ("明溪口镇有多少个行政村？", ["明溪口镇", "行政", "行政村"], ["行政村"]),  # the counted thing, not the place
    ("有多少名学生？", ["名", "学生"], ["学生"]),
    ("平均分是多少？", ["平均", "均分", "平均分"], ["平均分"]),
    ("全乡共有多少人？", ["全乡", "共有", "人"], []),  # generic words count nothing
    ("上坪乡采取了哪些措施？", ["上坪", "乡", "采取", "措施"], []),  # not a how-many question
    # the nearest word with what is joined to it on its left, longest first, up to a stop word (共)
    ("2016年该区共查获吸毒人员多少名？", ["2016", "年", "该区", "共", "查获", "吸毒", "人员", "名"],
     ["查获吸毒人员", "获吸毒人员", "吸毒人员", "毒人员", "人员"]),
    ("两地的总人口分别是多少？", ["两地", "人口", "总人口", "分别"], ["总人口"]),  # 分别 counts nothing
    ("县委书记深入挂点企业多少次？", ["县委", "书记", "深入", "挂点", "企业", "次"], []),  # counts visits, not enterprises
    ("先后去了几次淮安？", ["先后", "去", "淮安"], ["淮安"]),  # times going to 淮安: 淮安 must stand by the count
    ("全镇目标多少人？", ["全镇", "目标", "人"], []),  # a target is set for a figure; it counts nothing
    # a threshold qualifies what follows it: the count is of the 吸毒人员 before, not of the 乡镇
    ("吸毒人员达到多少人以上的乡镇必须建立领导小组？", ["吸毒", "人员", "达到", "人", "以上", "乡镇", "必须", "建立", "领导小组"],
     ["吸毒人员", "毒人员", "人员"]),
])
def test_focus_terms(question, tokens, expected):
    assert focus_terms(question, tokens) == expected


# From the Mingxikou excerpt: 18 (villages), 195 (groups), 2.16 (万 people).
MINGXIKOU = "明溪口镇辖18个行政村(居),195个村民小组,总人口2.16万人。"


def test_find_wanted_number_without_focus_is_the_first_number():
    assert find_wanted("number", MINGXIKOU) == (5, 7)
    assert MINGXIKOU[5:7] == "18"


def test_find_wanted_number_near_the_focus_word():
    text = "全乡共有专任教师120名,分布在全乡十个行政村的各所村级小学和乡中心小学里,在校学生2300人。"
    start, end = find_wanted("number", text, ["学生"])
    assert text[start:end] == "2300"
    start, end = find_wanted("number", text, ["教师"])
    assert text[start:end] == "120"
    assert find_wanted("number", text, ["幼儿园"]) is None  # no number stands near a word that is absent


@pytest.mark.parametrize("text, focus, number", [
    ("上坪乡位于永安市东北部,辖10个行政村46个自然村,总人口6659人。", "总人口", "6659"),
    (MINGXIKOU, "人口", "2.16"),
    ("初中巩固率要达98%,初中毕业生的合格率要达95%。", "合格率", "95%"),
])
def test_find_wanted_number_takes_the_number_that_follows_the_focus_word(text, focus, number):
    start, end = find_wanted("number", text, [focus])
    assert text[start:end] == number


def test_find_wanted_prefers_a_total_to_an_average_unless_an_average_is_asked():
    text = "每班平均有46.8名学生,共有学生1313名,是一所全日制完全小学。"  # data/reports/003
    start, end = find_wanted("number", text, ["学生"])
    assert text[start:end] == "1313"
    start, end = find_wanted("number", text, ["学生"], average=True)
    assert text[start:end] == "46.8"
    start, end = find_wanted("number", "生均公用经费600元。", ["经费"])  # an average alone is still a figure
    assert (start, end) == (6, 9)
    assert asks_average("小学生均藏书多少册？") and not asks_average("推进义务教育均衡发展投入了多少资金？")


def test_a_count_before_its_thing_stands_right_before_it():
    # ../shared/corpus/003: "1名," counts the administrators before the comma, not the teachers after it
    text = "其中学校行政人员1名,专任教师29名,(其中小学专任教师参加过双语培训的15名;"
    start, end = find_wanted("number", text, ["专任教师"])
    assert text[start:end] == "29"
    start, end = find_wanted("number", "共有11979名外来务工人员。", ["外来务工人员"])
    assert (start, end) == (2, 7)


def test_find_wanted_skips_the_numbers_the_question_gives():
    text = "全镇在职在编的108位教师中,年龄超过50岁的有近30人。"  # data/reports/002
    question = "白塘镇108名在编教师中50岁以上的有多少？"
    given = numbers_given(question)
    assert given == {"108", "50"}
    assert not {"以上", "以"} & set(focus_terms(question, Tokenizer().query_tokens(question)))  # a qualifier
    start, end = find_wanted("number", text, ["教师"], given=given)
    assert text[start:end] == "30"
    assert find_wanted("number", "在职在编教师108人。", ["教师"], given=given) is None
    # a count the question writes in Chinese numerals is no answer either (data/reports/003)
    question = "嘉峪关市配套新建的富民、建林和讨赖河新区三所幼儿园总投资是多少？"
    assert numbers_given(question) == {"三所"}
    assert find_wanted("number", "配套新建了富民、建林和讨赖河新区三所幼儿园。", given=numbers_given(question)) is None
    # English millions and billions, as the reports write them in 万 and 亿 (../shared/corpus/003: 2000多万元)
    question = "Of the more than 20 million yuan invested in the school, how much came from the region?"
    assert {"2000"} <= numbers_given(question) and {"25"} <= numbers_given("2.5 billion yuan")
    assert find_wanted("money", "各级政府先后为我校的基础设施建设投入了2000多万元的资金。", given=numbers_given(question)) is None


@pytest.mark.parametrize("text, number", [
    ("部分吸毒人员经强制 6戒毒后,很快再次染上毒瘾;", None),  # data/reports/004: page 6 inside the line
    ("将我县?个乡镇创建成“无毒 5乡镇”,加上原已命名的11个“无毒乡镇”", "11"),
    ("三年来,共有 11所学校被评为省级现代教育技术实验学校", "11"),  # a figure with its unit
    ("增置图书资料 20余万册,实现图书借阅微机管理", "20"),
])
def test_a_page_number_inside_a_line_is_no_figure(text, number):
    span = find_wanted("number", text, ["学校", "乡镇", "图书", "吸毒"])
    assert (text[slice(*span)] if span else None) == number


def test_find_wanted_number_keeps_decimals_and_percentages():
    text = "近年全乡婚检率达到98%以上"
    start, end = find_wanted("number", text)
    assert text[start:end] == "98%"
    text = "总人口2.16万人"
    start, end = find_wanted("number", text)
    assert text[start:end] == "2.16"


@pytest.mark.parametrize("text, number", [
    ("冯老累计宣讲近百场,深受欢迎。", "近百场"), ("每年有上千人参加培训。", "上千人"), ("组织数十名志愿者。", "数十名"),
])
def test_find_wanted_number_takes_round_figures_in_words(text, number):
    start, end = find_wanted("number", text)
    assert text[start:end] == number


def test_find_wanted_number_skips_list_numbering_and_slogans():
    assert find_wanted("number", "1、实施优质服务工程,提升群众国策意识") is None
    assert find_wanted("number", "(2)开足开齐课程,实施“三个文明”建设") is None
    text = "一、加强领导。投入经费八万多元"
    start, end = find_wanted("number", text)
    assert text[start:end] == "八万多元"


def test_find_wanted_date_and_name():
    text = "2010年3月召开动员大会"
    start, end = find_wanted("date", text)
    assert text[start:end] == "2010年"
    text = "叶首得(永安市上坪乡党委书记)在会上讲话"
    start, end = find_wanted("name", text)
    assert text[start:end] == "叶首得(永安市上坪乡党委书记)"
    assert find_wanted("name", "由乡党委书记任组长") is None  # a post is not a name


def test_a_span_of_time_answers_how_long():
    assert wanted("What is the minimum concentrated education period for each unit?") == "date"
    assert wanted("How long does the concentrated education last?") == "date"
    text = "每个单位集中教育时间一般不少于3个月。"
    start, end = find_wanted("date", text)
    assert text[start:end] == "3个月"
    text = "活动为期三个月"
    start, end = find_wanted("date", text)
    assert text[start:end] == "三个月"


def test_find_wanted_without_a_kind_finds_nothing():
    assert find_wanted(None, MINGXIKOU) is None
    assert find_wanted("colour", MINGXIKOU) is None


@pytest.mark.parametrize("question, kind", [
    ("黄圩镇老年大学在哪几个村设立了分校？", "村"), ("有哪些学校参加了竞赛？", "学校"), ("由哪个单位承担？", "单位"),
    ("上坪乡的总人口是多少？", None), ("哪两种模式？", None), ("他是哪个市的纪委副书记？", "市"),
    ("XX镇是在哪一轮次中参与教育实践活动的?", ORDINAL), ("In which batch did XX town take part?", ORDINAL),
])
def test_which_of_names_the_kind_of_place_or_body_asked_for(question, kind):
    assert which_of(question) == kind


def test_a_total_asked_and_stated():
    assert asks_total("白塘镇今年从社会各方为学校争取到的捐赠财物总计大约有多少?")
    assert asks_total("给白塘镇各学校送来的钱物一共值多少?") and not asks_total("白塘镇有多少学生?")
    # ../shared/corpus/002: the line after the gifts' lines states their total
    text = "社会引资合计38万多元。"
    span = find_total(text, "money")
    assert text[span[0]:span[1]] == "38万多元" and total_named(text, span) == "社会引资"
    text = "今年,我镇投入教育资金近86万元,引进社会捐资38余万元,共计124余万元,帮助解决了资金的缺口问题"
    span = find_total(text, "money")
    assert text[span[0]:span[1]] == "124余万元" and total_named(text, span) == ""  # sums the figures before it
    assert find_total("累计达到1.5亿元", "money") == (4, 9) and find_total("白塘中心小学接受了捐赠", "money") is None
    text = "全县各部门单位共捐赠图书7万多册。"
    assert told_as_total(text, (text.index("7"), text.index("册")))
    text = "白塘中心小学接受了社会捐赠价值近三万元的监控设备;"
    assert not told_as_total(text, (text.index("近"), text.index("的")))


@pytest.mark.parametrize("question, exact", [
    ("上坪乡的婚检率是多少？", True), ("黄圩镇老年大学在哪几个村设立了分校？", True),
    # a person is as exact as a figure: the best passage's article may hold the name lower down
    ("黄圩镇关工委的主任一般是让哪位领导兼着?", True), ("禁毒办主任叫什么名字？", True),
    ("Who gave the clean-government Party lecture?", True),
    ("上坪乡计生工作是怎么做的？", False), ("这所小学办的学生报纸叫什么名字？", False),  # a title, not a person
])
def test_asks_exact(question, exact):
    assert asks_exact(question) is exact


@pytest.mark.parametrize("text, kind, named", [
    ("把校门向全社会老年人敞开,并在龙马、双套、大兴等村设立了三个分校", "村", "龙马、双套、大兴等村"),
    ("高庄村学员陈东初连续多年担任校外辅导员", "村", "高庄村"),
    ("深入农村开展宣传,各村都有宣传员,全村共有", "村", None),  # 农村, 各村, 全村 name no village
    ("辖18个行政村(居),195个村民小组", "村", None),  # a kind of village, not a name
    ("按照乡镇纪委机构设置,各村相应成立村民监督委员会。", "村", None),  # 村民 names no village
    ("分别下到4个村、4个单位就开展“三转”情况进行座谈调研", "村", None),  # ../shared/corpus/003: counted, not named
    ("我们组织人员先后到蚌埠、宿州、芜湖、合肥等4市纪委监察局进行专题调研", "市", "蚌埠、宿州、芜湖、合肥等4市"),  # counted
    ("把主要时间和精力过多的放在库区建设上。", "区", None),  # ../shared/corpus/003: a reservoir area is no district
    ("滨海新区XX镇开展党的群众路线教育实践活动", "区", "滨海新区"),
    # data/reports/004 and 001: schools named by their number or as bodies_named reads them
    ("2004年,将28中和30中学合并,两所学校优势互补", "学校", "28中和30中学"),
    ("报告团的同志们仍然骑着自行车去离镇多里的双烈小学作报告", "学校", "双烈小学"),
    ("我区共有国办中小学、幼儿园61所,其中中学9所", "学校", None),  # schools in general
    ("7 所小学被评为市级农村规范化小学。", "学校", None),  # a kind of school
    # data/reports/001 and 002: a body asked for as 单位 or 部门 is named by what it is
    ("为切实解决留守儿童教育问题,在资兴市妇联的支持下,我们成立了知心屋", "单位", "资兴市妇联"),
    ("目前,财政所、卫生院已申报为基层党风廉政建设示范单位。", "单位", "财政所"),
    ("第三个层次是由教办组织各学校对上述内容在广大师生中进行宣传教育。", "部门", "教办"),
    ("由县教育局牵头,形成齐抓共管的新格局", "部门", "县教育局"),
    ("形成齐抓共管的新格局,做好全局工作", "单位", None),  # 格局, 全局 name no body
    ("按照市委、区委的总体安排,XX镇参加第一批党的群众路线教育实践活动。", ORDINAL, "第一批"),
])
def test_find_named_marks_the_names_of_that_kind(text, kind, named):
    span = find_named(kind, text)
    assert (text[span[0]:span[1]] if span else None) == named


@pytest.mark.parametrize("question, kind", [
    ("给十里堡的小学翻修厕所、换门窗，花了多少钱？", "money"), ("全县投入了多少资金？", "money"),
    ("How much money did the county invest?", "money"), ("全镇有多少名学生？", "number"),
    ("达到目标线的老师每人分别能拿多少？", "money"), ("年级组拿到多少奖金？", "money"),  # what one is paid
    ("学校拿到多少个奖项？", "number"),  # a count of things got, not money
    ("深圳同学会给南联小学送了价值多少的物资?", "money"),  # what things are worth
    ("How much did the town family-planning office pay for each induced abortion?", "money"),
    ("How much does the town office pay for each completed tubal ligation?", "money"),
    ("What was the per capita income of family-planning households?", "money"),  # an amount asked by name
    ("What is the average monthly salary of rural teachers?", "money"),
    ("Of the 20 million yuan invested, how much came from the county government?", "money"),  # a sum of yuan
    ("What was the district government's education budget appropriation in 2005?", "money"),
    ("县财政每年安排的1000万元创强专项资金中,有多少用在了农村学校?", "money"),  # part of a sum given
])
def test_questions_for_an_amount_of_money(question, kind):
    assert wanted(question) == kind


def test_find_wanted_money_takes_the_amount_even_far_from_the_noun():
    text = "启动了十里堡小学校舍改造工程,投资20万余元,完成水冲式厕所及沼气池项目、更换教室塑钢门窗。"
    start, end = find_wanted("money", text, ["门窗"])
    assert text[start:end] == "20万余元"
    assert find_wanted("money", "共有学生500名。") is None  # a count is not an amount of money


@pytest.mark.parametrize("text, number", [("评选出十名学科带头人", "十名"), ("组建了两支志愿者队伍", "两支"),
                                          ("连续八年被评为先进单位", "八年"), ("教师公寓规划建五层", "五层")])
def test_one_numeral_counting_people_or_bodies_is_a_number(text, number):
    start, end = find_wanted("number", text)
    assert text[start:end] == number


@pytest.mark.parametrize("text", ["目前已完成第三层的建设。", "全校三年级学生参加了比赛。", "这将是今明两年的重点工作。"])
def test_an_ordinal_or_a_grade_is_not_a_count(text):
    assert find_wanted("number", text) is None


@pytest.mark.parametrize("text", ["切实贯彻落实党的十七届六中全会精神。", "认真学习省纪委九届四次全会精神。",
                                  "参加第十五届中小学生艺术节。"])  # ../shared/corpus/002, 003
def test_a_congress_session_is_not_a_count(text):
    assert find_wanted("number", text) is None



@pytest.mark.parametrize("text, numbers", [
    ("根据6月4日屏南县工作汇报会,建立15支精准帮扶队", ["15"]),  # a date is not a count
    ("2012年至2017年共投入4.13亿元", ["4.13"]), ("10年来共培训200人次", ["10", "200"]),
    ("(责任单位:团委、教办;活动时间:3-8月份)", []),  # ../shared/corpus/002: a span of months
    ("每年每户增加收入可达2-3万元", ["2", "3"]),  # a range of sums is still figures
    ("2002年以来,虽然乡党委书记换了三任,但他们始终把计生工作作为一面旗帜", ["三任"]),  # terms of office
    ("审批事项实际办结时限基本控制在法定时限的三分之一以内", ["三分之一"]),  # ../shared/corpus/003: a fraction
    ("合格率达到百分之九十五", ["百分之九十五"]),
])
def test_dates_are_not_counts(text, numbers):
    from retrieval.questions import NUMBER
    assert [m.group() for m in NUMBER.finditer(text)] == numbers


@pytest.mark.parametrize("question, bodies", [
    ("白塘镇磊石学校现有多少名在校学生？", [("磊石", "磊石学校")]),
    ("渡口中心卫生院有多少名在职职工？", [("渡口", "渡口中心卫生院")]),
    ("山左口中学新教学楼的总投资是多少？", [("山左口", "山左口中学")]),
    ("郭店镇中学今年中考的升学率是多少？", []),  # the town's school: no name of its own
    ("实验小学期末考核是怎么抽测的？", []),
    ("那所位于布达拉宫东北面的小学有多少学生？", []),
    ("通过教育强县验收时省标准化学校的比例是多少？", []),  # a kind of school, after a phrase
    ("评职称名额上向乡村学校倾斜，乡村学校拿到的名额是几倍？", []),
    ("嘉峪关市特殊教育学校有多少名教师？", [("特殊", "特殊教育学校")]),  # a city's one special school
    ("双泉镇今年小学毕业多少人？", []),  # 今年 is no school's name
    ("县财政每年安排多少创强专项资金用于学校建设？", []),  # "…用于学校": a use, not a name
    ("双泉镇中心学校的正、副校长每个月要到下面学校听多少节课？", []),  # 下面学校 names none
    ("双泉镇今年有多少孩子读完小学？", []),
    ("县财政每年专门拿出多少钱来建学校？", []),  # 建 before 学校: building schools, no school's name
    ("位于布达拉宫东北面的第三小学平均每个学生有几本图书？", [("三小", "第三小学")]),  # also written 三小  # "读完小学": finishing primary school, not a school's name
    ("是哪一年与洛阳轴承技工学校联合创办轴承专业学校的？",  # founded: not "联合创办…"
     [("洛阳轴承技工", "洛阳轴承技工学校"), ("轴承专业", "轴承专业学校")]),
    ("嘉峪关搞义务教育薄弱学校改造，市里掏的钱占多大比例？", []),  # 搞…: a kind of school being improved
    ("多大年纪以下的老师都要参加学校自己组织的汉语学习？", []),  # "参加学校…": no name
    ("采取了哪些措施规范中小学办学行为？", []),  # 中小学: schools in general
    ("今年全镇共录取一二中学生大约多少人？", []),  # 中学生: pupils
    ("第三小学生均藏书有几册？", [("三小", "第三小学")]),  # 生均: per pupil, after the school's name
    ("拦河小学接受了什么捐赠？", [("拦河", "拦河小学")]),  # 拦 is a verb, and this school's name
    ("十里堡小学校舍改造投资了多少?", [("十里堡", "十里堡小学")]),  # 里 inside a name
    ("镇里小学有多少老师?", []),  # 镇里: the town's
    ("资东、双小等学校所在的这个镇,今年打算给小学新生开设几个班?", []),  # "…等学校": schools listed, none named
    ("位于布达拉宫东北面的那所第三小学现有图书多少册?", [("三小", "第三小学")]),  # 那所 points at the named one
    ("那所第三小学有多少学生?", [("三小", "第三小学")]),
    ("按乡卫生院全年的健康教育时间表,八月份讲些什么?", []),  # 按: by the township clinic's timetable
    ("据镇中心小学统计,有多少学生?", []),
    ("向阳小学有多少学生?", [("向阳", "向阳小学")]),  # 向 opening a name
    # a long name: the word before it (为) is read and left out
    ("各级政府先后为夏镇牙力古孜铁热克小学的基础设施建设投入了多少资金?",
     [("夏镇牙力古孜铁热克", "夏镇牙力古孜铁热克小学")]),
])
def test_bodies_named(question, bodies):
    assert bodies_named(question) == bodies


@pytest.mark.parametrize("question, often", [
    ("医院宣传栏多久更换一次？", True), ("书记和镇长多长时间要亲自接待一次上访群众？", True),
    ("How often is the bulletin board changed?", True), ("宣传板多长时间换一回内容？", True),
    ("活动是什么时候开始的？", False), ("培训需要多长时间？", False),  # a date, a duration
    ("书记和镇长一个星期要抽多少时间接待上访群众？", True),  # time per period: "每周安排一天时间"
    ("一个学期的培训需要多长时间？", False),  # how long, not how often: no "时间" asked per period
])
def test_asks_frequency(question, often):
    assert asks_frequency(question) is often
    if often:
        assert wanted(question) == "date"


@pytest.mark.parametrize("text, span", [
    ("镇党委书记、镇长每周安排一天时间公开接访。", "每周"), ("如宣传栏每月更换一次(每年出刊12期以上)。", "每月"),
    ("检查组两个月一次深入各村。", "两个月一次"), ("2012年3月6日召开动员大会。", None),
])
def test_find_frequency(text, span):
    found = find_frequency(text)
    assert (text[found[0]:found[1]] if found else None) == span


@pytest.mark.parametrize("question, unit", [
    ("屏南县行政服务中心的服务大厅面积有多少平方米？", "平方米"),
    ("新建校舍多少平米？", "平方米"),
    ("How many square metres of school buildings were rebuilt?", "平方米"),
    ("What is the floor area, in square meters, of the service hall?", "平方米"),  # the unit it is asked in
    ("全县有多少名教师？", None),  # a count, not a measure
    ("离休干部王加其今年多大年纪？", "岁"), ("How old is he?", "岁"),
    ("学校总占地面积是多少?", "面积"),  # an area in whatever unit the report gives it
    ("What is the total floor area of the school's buildings?", "面积"),
])
def test_asked_unit(question, unit):
    assert asked_unit(question) == unit


def test_find_measure_takes_a_figure_in_the_unit_only():
    text = "消除中小学C、D级危房63393平方米,新建和维修改造校舍17.63万平方米;"  # data/reports/003
    assert text[slice(*find_measure(text, "平方米"))] == "63393平方米"
    assert find_measure("4个项目按照市政府下达的时间节点实现开工目标。", "平方米") is None
    text = "工作10年以上,年满60周岁的村专干实行退休制度"  # an age is also written in 周岁
    assert text[slice(*find_measure(text, "岁"))] == "60周岁"


@pytest.mark.parametrize("text", ["我们整理了xx2首古诗词", "20xx年2月,被评为首批“人民最满意学校”"])
def test_blanked_out_numbers_are_not_numbers(text):
    assert not [m.group() for m in NUMBER.finditer(text) if m.group() in ("2", "20")]


def test_places_named_after_a_polite_word():
    assert places_named("请问响水县第一支老年业余文艺宣传队是谁组织起来的？") == {"响水县"}
    assert places_named("嘉峪关这几年给乡下住校的孩子发了多少生活费？") == set()
    assert places_named("热心人和校友给白塘镇各学校送来的钱物值多少？") == {"白塘镇"}  # not "友给白塘镇"


@pytest.mark.parametrize("text, person", [
    ("王双利同志任办公室主任,宋来增同志任办公室副主任。", "王双利同志"),  # data/reports/002
    ("成立了县创建“无毒害县”工作指挥部,由县委书记任总指挥长。", "由县委书记任"),
    ("领导小组及其办公室负责教育实践活动的具体指导。", None),
    ("为了核实烈士材料,关工委副主任杨金台先后次去淮安、次去连云港。", "杨金台"),  # data/reports/001: a name after its post
    ("办公室主任王明主持会议。", "王明"),
    ("形成了以市妇联尹主席、学校校长袁小华为组长的知心屋领导小组。", "袁小华"),  # data/reports/001
    ("镇党委成立领导小组,组长由党委副书记**担任,副镇长**任副组长。", None),  # ../shared/corpus/002: names blanked
    ("组长由XX镇党委书记王红卫同志担任。", "由XX镇党委书记王红卫同志担任"),  # a blanked place is no blanked name
    ("家乡爱心人士刘艳新出资二万元为拦河小学捐建了舞台。", "刘艳新"),  # ../shared/corpus/002: a benefactor
    # ../shared/corpus/003: one of several named with their posts, a two-character name
    ("学习蔡局长的《良心信心 责任心“三心”共鸣同谱质量惠民新篇章》和刘俊局长的《在全县中小学素质教育推进会上的讲话》", "刘俊"),
    ("学习了县长和刘副局长的讲话", None),  # a deputy's surname alone is no name
    ("宁凌宇联圳玄片,蹲黑中点;", "宁凌宇"),  # ../shared/corpus/002: a sentence that opens with a name
    # ../shared/corpus/003: a name between the office and the post held there
    ("邀请督导室胡利民主任在多媒体教室作了题为《推进教育现代化与教师专业成长》专题讲座。", "胡利民"),
    ("石墩河镇纪委书记主持会议。", None),  # a place before a post is no name
    # ../shared/corpus/000: names counted as people
    ("镇中学孙星会、彭年泰两位老师的课题录像课上报中央教科所参评。", "孙星会、彭年泰两位老师"),
    ("镇中心学校成员仍然实行管线联片蹲点的工作责任制。", None),
])
def test_find_person(text, person):
    span = find_person(text)
    assert (text[slice(*span)] if span else None) == person


def test_a_name_asked_for_may_open_its_sentence():
    text = "冯光红,年出生,就参加革命工作,解放后从事教育工作,是位具有近年党龄的离休老干部。"  # data/reports/001
    assert find_wanted("name", text) == (0, 3)
    assert find_wanted("name", "黄圩居委会老年学员吴安江连续多年担任校外辅导员。") is None  # 黄圩 is a place


def test_asks_who():
    assert asks_who("领导小组办公室主任由谁担任？") and asks_who("Who gave the lecture?")
    assert not asks_who("领导小组下设几个组？")
    assert asks_who("Which deputy director travelled to Huai'an to verify the records?")  # a person by post
    assert asks_who("Which two teachers had their video lessons submitted for evaluation?")  # people, plural
    assert asks_who("In the campaign, who led the group?") and asks_who("The lecture was given by whom?")
    assert not asks_who("What happens to cadres who show no obvious improvement?")  # whom it is about
    assert not asks_who("Which villages set up branches?") and not asks_who("Which year was it founded?")


def test_asks_holder():
    assert asks_holder("石墩河镇纪委书记是谁？") and asks_holder("领导小组组长是哪位党委副书记？")
    assert asks_holder("办公室主任由谁担任？")
    assert not asks_holder("两所小学分别得到了谁的捐赠？")  # whose, not who holds a post
    assert not asks_holder("领导小组办公室设在哪里、由谁负责？")  # asks something else too
    assert asks_holder("Who was the expert the school invited on October 24 to give a lecture?")
    assert not asks_holder("Who gave the Party lecture, and what was its title?")  # asks something else too
    assert not asks_holder("How many teachers were trained by whom?")


@pytest.mark.parametrize("question, expected", [
    ("一共提供了多少条招工信息？", ["招工信息", "招工", "信息"]),  # the compound, its nearest word, then its head
    ("明溪口镇有多少名已婚育龄妇女？", ["已婚育龄妇女", "已婚", "妇女", "育龄妇女"]),  # past the first 6 characters
    ("课外能参加多少个兴趣小组？", ["兴趣小组", "小组"]),  # not 兴趣, a modifier
    ("这几年给家里困难的孩子一共发了多少生活费？", ["生活费"]),  # "这几年" asks for nothing
    ("近几年全镇新建了多少所学校？", ["学校"]),
    ("普通高中的本科上线率是多少？", ["本科上线率", "科上线率", "上线率"]),  # jieba cuts 上线, 率
    ("明溪口镇的已婚育龄妇女具体有多少人？", ["已婚育龄妇女", "婚育龄妇女", "育龄妇女"]),  # not 具体
    ("镇里一年要出几期集中报道先进典型的刊物?", ["刊物"]),  # the noun a clause with a verb qualifies
    ("区里一共办了几期面向课改教师的培训班?", ["培训班"]),  # or with a preposition (jieba tags 面向 a noun)
    ("全镇有多少名学校的老师？", ["学校"]),  # no verb before 的: unchanged
    ("员工规模达到多少的企业要配置计生图书角?", ["员工"]),  # 规模 asks how big, like 价值: 员工 is counted
])
def test_focus_terms_end_with_the_head_of_the_counted_thing(question, expected):
    from index.tokens import Tokenizer

    assert focus_terms(question, Tokenizer().query_tokens(question)) == expected


def test_asked_classifiers():
    assert asked_classifiers("义工团队总共分成几支、有多少人？") == "支人"
    assert asked_classifiers("在学校里一共种了大概多少棵树?") == "棵"
    assert asked_classifiers("3名教师分别达到几级？") == "级" and wanted("3名教师分别达到几级？") == "number"
    assert asked_classifiers("明溪口镇有多少个行政村？") == "" and asked_classifiers("婚检率是多少？") == ""
    assert asked_classifiers("How many times did the county party secretary go there?") == "次任轮"
    assert asked_classifiers("这个乡的党委书记换了几任?") == "任"  # "换了三任": terms of office
    assert asked_classifiers("For how many consecutive years was it rated an advanced unit?") == "年"
    assert asked_classifiers("How many villages were covered?") == ""
    assert asked_classifiers("How many rural women were recruited?") == "人"  # people, however they are named
    assert asked_classifiers("How many registered drug users were under dynamic control?") == "人"
    assert asked_classifiers("全年共出动执法人员多少人次?") == "人次"  # visits, not people
    assert asked_classifiers("How many internet cafés are operating in the county?") == "家"
    assert asked_classifiers("How many targeted-assistance teams did Pingnan County set up?") == "支"  # 15支帮扶队
    assert set(asked_classifiers("How many training sessions were held?")) == set("期次")  # "培训班12期", "培训5次"
    assert asked_classifiers("How many precision assistance teams did Pingnan set up?") == "支"


@pytest.mark.parametrize("text, classifiers, number", [
    ("近十年来,冯老亲自编写宣讲稿,至今累计宣讲近百场。", "场", "近百场"),  # data/reports/001
    ("配齐社区禁毒专职工作人员3名,组建禁毒志愿者组织5个分队共320人。", "支人", "3"),  # 个 counts anything
    ("课标要求背诵优秀诗文160篇,我镇有3所学校获评。", "首", None),
    ("我校现有藏书8000册,生均7.47册。", "本", "8000"),  # 本 and 册 both count books
    # data/reports/003 (屏南县): 个 never stands for times
    ("17个需市级协调解决的问题中已办结15个;县委书记先后18次深入挂点企业。", "次", "18"),
    # data/reports/004: 人次 counts visits; a count of people is not there, a count of visits is
    ("共举办各类培训10余次,参训人员达100余人次。", "人", None),
    ("共举办各类培训10余次,参训人员达100余人次。", "人次", "100"),
    # data/reports/004: classes run are counted in 期 ("how many training classes")
    ("建有乡镇农民文化学校4所,共办班104期。", "班", "104"),
    # ../shared/corpus/003 (篇八): trees are counted in 棵, also written 颗
    ("投资数万元,从李埝林场买来树苗,栽种了乌桕树、玉兰树等多种树木共计100余颗;", "棵", "100"),
    # ../shared/corpus/003 (屏南县): people are not counted in 个
    ("17个需市级协调解决的问题中,目前已落实办结御皇农业、利南硅业等15个问题。", "名", None),
])
def test_find_counted(text, classifiers, number):
    span = find_counted(text, classifiers)
    assert (text[slice(*span)] if span else None) == number


@pytest.mark.parametrize("text, figure, classifiers, otherwise", [
    ("召开了全县网吧专项整治工作会议2次,", "2", "家", True),  # 几家网吧: meetings are no bodies
    ("共下达限期整改通知书13家,", "13", "家", False),
    ("全镇共有18所中小学,", "18", "家", False),  # 所 and 家 both count bodies
    ("建成文化活动室12个,", "12", "家", False),  # 个 counts anything
    ("配齐专职工作人员30名,", "30", "人", False),
    ("帮扶贫困户20户,", "20", "人", True),  # households are not people
    ("投入资金20万元,", "20", "家", False),  # not a classifier: left to the other checks
    ("参训人员达100余人次,", "100", "人", True),  # visits are not people
    ("参训人员达100余人次,", "100", "人次", False),
    ("召开会议2次,", "2", "人次", True),
    ("由会员联系10到20户的计生户,", "10", "人", True),  # a range counts in the classifier after its end
    ("两届学员的结业导致重复教学内容,", "两届", "名", True),  # a Chinese numeral's figure holds its classifier
    ("新招收三名学员,", "三名", "名", False),
])
def test_counts_otherwise(text, figure, classifiers, otherwise):
    at = text.index(figure)
    assert counts_otherwise(text, (at, at + len(figure)), classifiers) is otherwise


@pytest.mark.parametrize("question, kind, post", [
    ("双泉镇中心学校的校长叫什么名字？", "name", ("校长",)),
    ("担任副组长的公安分局局长叫什么名字？", "name", ("局长",)),
    ("负责人的姓名是什么？", "name", ()),
    ("获得“百佳村级计生管理员”称号的计生管理员叫什么名字？", "name", ()),  # any …员 is a person
    ("负责留守儿童心理辅导的国家二级心理师叫什么名字？", "name", ()),  # so is a …师
    ("这所小学办的学生报纸叫什么名字？", "title", ()),  # a thing's name: 《芳草地》
    ("What is the name of the principal of Baitang Middle School?", "name", ("校长",)),
    ("What is the name of the teacher who wrote it?", "name", ()),  # any teacher is a person
    ("主题教育领导小组的组长(党委副书记)叫什么名字?", "name", ("组长",)),  # a gloss between the post and the ask
    ("What is the name of the township head (乡长) of Shangping township?", "name", ("乡长",)),  # as it says
    ("What is the name of the national level-2 psychological counselor?", "name", ()),  # a counsellor is a person
    ("What is the name of the county head?", "name", ("乡长", "镇长", "县长", "区长", "市长", "校长", "院长", "局长",
                                                   "所长", "站长", "主任")),  # any head of a place or body
])
def test_a_name_is_a_person_s_or_a_title(question, kind, post):
    assert wanted(question) == kind
    assert asked_posts(question) == post


@pytest.mark.parametrize("text, post, holder", [
    ("公安分局局长李明同志任副组长", "局长", "李明同志"),
    ("离休老教师陈东初,身患多种癌症", "教师", "陈东初"),
    ("工委副书记张有同志、公安分局局长同志任副组长", "局长", None),  # the 局长's name is left out
    ("镇中心学校的每个同志要保证1/3的时间深入学校", "校长", None),
    ("加强教师培训,提高教师素质", "教师", None),
    ("成立了由县长任组长,分管副县长任副组长的领导小组", "县长", None),  # 任组长 is the post he takes
])
def test_find_holder_names_the_person_by_the_post(text, post, holder):
    span = find_holder(text, post)
    assert (text[span[0]:span[1]] if span else None) == holder


@pytest.mark.parametrize("text", ["镇中心学校的每个同志要保证", "广大老同志积极参与", "公安分局局长同志任副组长"])
def test_no_person_name_in_generic_comrades_or_a_blank_post(text):
    assert find_wanted("name", text) is None


@pytest.mark.parametrize("question, parts", [
    ("白塘镇和夏镇牙力古孜铁热克小学分别有多少在编教师？",
     [("白塘镇", "白塘镇有多少在编教师？"), ("夏镇牙力古孜铁热克小学", "夏镇牙力古孜铁热克小学有多少在编教师？")]),
    ("上坪乡和明溪口镇对计生工作做得好的村或干部分别给了什么奖励？",  # what follows the second is asked of both
     [("上坪乡", "上坪乡对计生工作做得好的村或干部给了什么奖励？"), ("明溪口镇", "明溪口镇对计生工作做得好的村或干部给了什么奖励？")]),
    ("郭店镇和创建省级教育强县的那个县，学前三年幼儿入园率分别达到多少？",  # a described county
     [("郭店镇", "郭店镇，学前三年幼儿入园率达到多少？"),
      ("创建省级教育强县的那个县", "创建省级教育强县的那个县，学前三年幼儿入园率达到多少？")]),
    ("教育强县报告和两基汇报中，小学教师大专及以上学历的比例分别是多少？",
     [("教育强县报告", "教育强县报告中，小学教师大专及以上学历的比例是多少？"),
      ("两基汇报", "两基汇报中，小学教师大专及以上学历的比例是多少？")]),
    ("上坪乡的计生材料和另一篇XX乡的同类材料，分别说连续多少年被评为先进单位？",  # two whole subjects
     [("上坪乡的计生材料", "上坪乡的计生材料，说连续多少年被评为先进单位？"),
      ("另一篇XX乡的同类材料", "另一篇XX乡的同类材料，说连续多少年被评为先进单位？")]),
    ("郭店镇中心小学塑胶操场和十里堡小学校舍改造各投资了多少?",  # 各 before the question: asked of each
     [("郭店镇中心小学塑胶操场", "郭店镇中心小学塑胶操场投资了多少?"), ("十里堡小学校舍改造", "十里堡小学校舍改造投资了多少?")]),
    ("上坪乡和明溪口镇的总人口是多少？", []),  # not asked of each
    ("娱乐场所安全排查和校园周边专项整治分别检查了多少家次？", []),  # no place, school or report
    ("上坪乡的学生与教师比例分别是多少？", []),  # 教师比例 is no subject
])
def test_conjoined_parts(question, parts):
    assert conjoined_parts(question) == parts


@pytest.mark.parametrize("text, ratio", [("现有学生计算机50台,生机比26∶1;", "26∶1"), ("人机比例小学达到17:1,中学达到13 :1", "17:1"),
                                         ("优秀率达85.5%", "85.5%"), ("按城区学校分配比例的1.5倍分配指标", "1.5倍")])
def test_find_ratio(text, ratio):
    start, end = find_ratio(text)
    assert text[start:end] == ratio
    assert find_ratio("学校现有科学仪器2282件,体育器材150件。") is None


def test_asks_ratio():
    assert asks_ratio("小学的学生与计算机比例是多少？") and asks_ratio("全县师比是多少？")
    assert asks_ratio("What is the pupil-teacher ratio?") and not asks_ratio("有多少台计算机？")
    assert asks_ratio("农村老师的绩效工资上调了多少幅度？")  # a change, answered by a percentage
    assert asks_ratio("市本级财政出的钱占了多少？") and asks_ratio("外来务工人员子女占学生总数的百分之几？")
    assert not asks_ratio("新校区占地多少亩？")  # an area
    assert asks_ratio("今年录取一二中的学生录取率具体是百分之多少？") and asks_ratio("婚检率达到多少？")  # a rate
    assert not asks_ratio("今年全镇共录取一二中学生多少人？")
    assert asks_ratio("What share of townships was meant to become drug-free?")
    assert asks_ratio("“全面改薄”投入的资金中,市本级出资占多大比重?")  # 比重: a share
    assert wanted("“全面改薄”投入的资金中,市本级出资占多大比重?") == "number"
    assert asks_ratio("What was the senior high school admission rate?")  # a rate: a percentage, not "12个班级"


def test_years_given():
    assert years_given("2009年全县学前三年普及率是多少？") == ["2009"]
    assert years_given("What was the enrollment rate in 2009?") == ["2009"]
    assert years_given("招生20092人") == [] and years_given("多少人？") == []


def test_the_share_after_the_rate_asked_for():
    text = "妇科病发生率每年下降8%,出生缺陷发生率平均为1‰。"
    start, end = find_ratio(text, ["出生缺陷发生率"])
    assert text[start:end] == "1‰"
    start, end = find_ratio(text)
    assert text[start:end] == "8%"  # no word to go by: the first


def test_people_in():
    text = "叶首得(永安市上坪乡党委书记)讲话;学校校长袁小华为组长;由县长任组长;邀请谢兆水主任到我镇做课。"
    assert people_in(text) == {"叶首得", "袁小华"}  # "任组长" is the post taken; 谢兆水 follows no post here


def test_a_phase_is_no_count():
    # data/reports/003 (屏南县): "二期工程" names a phase of the works; "四期工作专刊" counts issues
    text = "城市道路提升工程实现阶段性竣工任务,二期工程已投入使用,国宝小区建设项目(二期)已受理。"
    assert find_wanted("number", text) is None
    assert NUMBER.findall("年内编印四期工作专刊") == ["四期"]


def test_numbers_inside_a_document_title_are_no_figures():
    # data/reports/003 (嘉峪关市): a policy list whose titles hold years, then the figure asked for
    titles = "制定了《嘉峪关市消除义务教育大班额专项规划(2017-2020年)》《关于加强教师队伍建设的意见》。"
    assert find_wanted("number", titles, ["教师"]) is None
    assert find_wanted("date", titles) is None
    text = titles + "全市有在编教师2350人。"
    start, end = find_wanted("number", text, ["教师"])
    assert text[start:end] == "2350"


def test_a_count_right_before_its_noun_is_the_count_of_it():
    # data/reports/004: the count stands before the thing, a share of it after
    text = "共接收11979名外来务工人员子女入学,占学生总数的23.3%。"
    start, end = find_wanted("number", text, ["外来"])
    assert text[start:end] == "11979"


def test_a_name_may_drop_its_last_character_in_the_sentence():
    # data/reports/002 (双泉镇): "小学毕业生" asked, "小学毕业848人" written
    text = "⑴小学毕业848人,计划招收初一13个班。"
    start, end = find_wanted("number", text, ["小学毕业生"])
    assert text[start:end] == "848"
    assert find_wanted("number", "全镇有学生848人。", ["教师"]) is None  # a short name is not cut to one character


def test_focus_parts_are_the_other_words_of_a_name_read_before_the_question_word():
    question = "巩固“无毒害区”的这个区,禁毒志愿者队伍一共有多少人？"
    tokens = Tokenizer().query_tokens(question)
    assert focus_terms(question, tokens)[-1] == "队伍"
    assert focus_words(question, tokens)[1][:2] == ["志愿者", "禁毒"]  # nearest first
    after = "那所小学的孩子们课外能参加多少个兴趣小组？"  # a name read after the question word has none
    assert focus_words(after, Tokenizer().query_tokens(after))[1] == []
    verb = "夏镇牙力古孜铁热克小学有多少名学生取得了MHK等级证书？"  # 取得了 is what they did, not who they are
    assert focus_words(verb, Tokenizer().query_tokens(verb))[0] == ["学生"]
    # "获得副高职称的教师": what 的 qualifies it with points at the figure too ("获得副高职称9人")
    qualified = "城关区第三小学(三小)获得副高职称的教师有多少人?"
    assert "职称" in focus_words(qualified, Tokenizer().query_tokens(qualified))[1]
    money = "永安市上坪乡每年征收的社会抚养费总额是多少万元?"  # the sum is named before the question word
    assert focus_words(money, Tokenizer().query_tokens(money))[0][0] == "社会抚养费总额"
    text = "获得副高职称9人,获得小教高级职称42人。"
    start, end = find_wanted("number", text, ["教师", *focus_words(qualified, Tokenizer().query_tokens(qualified))[1]])
    assert text[start:end] == "9"


def test_a_counted_name_inside_a_longer_one_the_passages_use_is_dropped_with_its_synonyms():
    from retrieval.answer import _counted_names, _used_names

    question = "巩固“无毒害区”工作中,该区2016年共抓获了多少名吸毒人员？"
    passages = "共举办涵盖吸毒人员动态管控数据维护、中小学毒品预防教育培训等各类业务培训10余次。"
    names = _counted_names(question, Tokenizer().query_tokens(question), passages)
    assert ("毒品", "吸毒") in names  # the thesaurus term for 吸毒 ...
    assert _used_names(names, passages) == ["吸毒人员"]  # ... goes with 吸毒, inside 吸毒人员


def test_figures_given_keep_their_unit_but_no_year():
    assert figures_given("郭店镇中学今年中考有多少名学生超过500分？") == ["500分"]
    assert figures_given("2016年该区共查获吸毒人员多少名？") == []  # a year is when, not what is counted
    assert figures_given("108名在编教师中50岁以上的有多少？") == ["108名", "50岁"]
    assert figures_given("有多少名考生分数超过了五百分？") == ["500分"]  # the report writes 500分
    assert numbers_given("老百姓十分重视,千方百计办了十五个班") == {"15", "十五个"}  # words that hold numerals are no figures


def test_a_count_of_people_is_asked_by_its_classifier():
    assert asks_count("双泉镇今年小学毕业生有多少人？") and asks_count("有多少名学生？") and asks_count("有几个班？")
    assert not asks_count("婚检率是多少？")
    assert asks_count("How many of the district's 50 primary schools are rural schools?")  # not "开出率均达到100%"


@pytest.mark.parametrize("question, clauses", [
    ("区里中小学一级图书馆现在有多少所?开通了校园网的中小学有多少所?",
     ["区里中小学一级图书馆现在有多少所", "开通了校园网的中小学有多少所"]),
    ("上坪乡的二女户有多少户？占全乡总户数的比例是多少？", ["上坪乡的二女户有多少户", "占全乡总户数的比例是多少"]),
    ("黄圩镇老年大学有多少名学员？", ["黄圩镇老年大学有多少名学员"]),
])
def test_asked_clauses(question, clauses):
    assert asked_clauses(question) == clauses


def test_each_question_asked_together_names_what_it_counts():
    question = "区里中小学一级图书馆有多少所?开通了校园网的中小学有多少所?"
    tokens = ["区里", "中小学", "一级", "图书馆", "开通", "校园网"]
    names, _ = focus_words(question, tokens)
    assert "开通" not in names  # the word after the question mark belongs to the next question
    assert {"中小学"} <= set(names) and any("图书馆" in n for n in names)


def test_a_figure_that_changed_is_the_one_it_came_to():
    text = "中小学一级图书馆的数量由2002年的2所增加到现在的18所,增置图书资料20余万册。"
    start, end = find_wanted("number", text, ["图书馆"])
    assert text[start:end] == "18"
    plain = "中小学一级图书馆2所,增置图书资料20余万册。"
    start, end = find_wanted("number", plain, ["图书馆"])
    assert plain[start:end] == "2"


def test_a_document_s_signed_date():
    plan = "三、保障措施\n(二)群策群力,务求实效。\n中共武清区**镇委员会\n2012年2月27日\n"
    start, end = signed_date(plan)
    assert plan[start:end] == "2012年2月27日"
    assert signed_date("2012年2月27日召开动员会。\n二、保障措施\n各单位要加强领导。\n落实责任。\n务求实效。") is None
    assert asks_issued("主题教育实施方案是什么时候发布的？") and asks_issued("When was the plan issued?")
    assert not asks_issued("动员会什么时候召开？")


def test_which_of_in_english():
    assert which_of("Which four cities did the provincial team visit?") == "市"
    assert which_of("Which villages did the old people's school set up branches in?") == "村"
    assert which_of("Which year was it founded?") is None


def test_listed_noun_asked_for_a_purpose():
    # "哪些工作机制来推动创建": the kind of list, before what it is for
    assert listed_noun("县里建立了哪些工作机制来推动创建?") == "工作机制"
    assert listed_noun("屏南县行政服务中心靠哪些制度来加强管理和考核?") == "制度"
    assert listed_noun("每周哪几节课是专门用来练字的?") == ""  # no kind of list
    assert listed_noun("做了哪些实践?") == "实践"


def test_listed_noun_in_english():
    assert listed_noun_en("What kinds of volunteer service activities did the campaign include?") == "activities"
    assert listed_noun_en("What types of problems were found?") == "problems"
    assert listed_noun_en("What was the theme of the camp?") == ""
    assert shape("What kinds of volunteer service activities did the campaign include?") == "practice"


@pytest.mark.parametrize("question, year", [("学校是哪一年建成的？", True), ("In what year was it built?", True),
                                            ("什么时候建成的？", False), ("几月开学？", False)])
def test_asks_year(question, year):
    assert asks_year(question) == year


@pytest.mark.parametrize("text, span", [("2008年1月23日全区现场会", (0, 5)), ("20xx年2月,被评为", None),
                                        ("每年2月", None), ("投资2008万元", None)])
def test_find_year(text, span):
    assert find_year(text) == span


def test_blanks_name():
    assert blanks_name("市", "同时邀请XX市纪委副书记叶忠士同志") and blanks_name("镇", "武清区**镇主题教育")
    assert not blanks_name("市", "同时邀请滨州市纪委副书记") and not blanks_name("村", "XX市纪委")
    assert blanks_name("区", "某区纪委书记反映,现在,有的乡镇纪委书记从事纪检工作的精力不到30%")  # ../shared/corpus/003


@pytest.mark.parametrize("question, level", [("高中毕业生的体育合格率是多少？", "高中"), ("全区中小学有多少名教师？", None),
                                             ("小学和初中的巩固率各是多少？", None), ("全镇有多少名教师？", None)])
def test_school_level(question, level):
    assert school_level(question) == level


def test_other_level():
    assert other_level("高中", "我区小学毕业生体育合格率达到98.5%,初中达到96%。")
    assert not other_level("初中", "我区小学毕业生体育合格率达到98.5%,初中达到96%。")
    assert not other_level("高中", "全区中小学运动场塑胶化率达到80%。")  # every level
    assert not other_level("高中", "全镇教师108人。")  # no level at all


def test_money_named_en():
    from retrieval.questions import money_named_en

    assert money_named_en("What is the average monthly salary of rural teachers?") == ["工资", "薪酬", "待遇"]
    assert money_named_en("What was the per capita income of farmers?") == ["收入"]
    assert money_named_en("How much money was budgeted for the dormitory?") == []
    # a premium is a sum of money, and the sentence giving it names the insurance
    question = "What was the total amount of pension insurance premiums the town paid for its 74 teachers?"
    assert wanted(question) == "money" and money_named_en(question) == ["保险", "保费"]


def test_a_two_digit_year_before_a_month_is_a_date_not_a_figure():
    # ../shared/corpus/000 (第四篇): "可望08年9月破土动工" says when, not how much
    assert find_wanted("number", "本学期全面启动了教学楼建设工程,可望08年9月破土动工;") is None
    text = "计划新建教学楼1栋,投资08年9月到位,共12间教室。"
    start, end = find_wanted("number", text)
    assert text[start:end] == "1"


def test_a_threshold_is_no_count_unless_one_is_asked():
    from retrieval.questions import bounds_only
    text = "要求辖区内吸毒人员在50人以上的镇、乡必须建立社区戒毒领导小组"  # ../shared/corpus/004 (第二篇)
    span = (text.index("50"), text.index("50") + 2)
    assert bounds_only(text, span, "全县登记在册的吸毒人员有多少人?")
    assert bounds_only(text, span, "How many registered drug users did the county have?")
    assert not bounds_only(text, span, "一个乡镇的吸毒人员达到多少人时,就必须成立社区戒毒领导小组?")
    assert not bounds_only(text, span, "吸毒人员在多少人以上的镇、乡要建立戒毒领导小组?")
    share = "确保95%以上的适龄儿童入学"  # a share of the children, which a rate question asks for
    assert not bounds_only(share, (2, 5), "适龄儿童入学率是多少?")


def test_a_question_on_part_of_a_stated_whole_is_answered_by_a_figure_after_it():
    from retrieval.questions import past_given, wholes_given
    text = "拥有市级以上立项课题138项,其中国家级课题26项。"  # ../shared/corpus/004 (第四篇)
    wholes = wholes_given("该区拥有的26项国家级立项课题中,目前已经结题的有多少项?", "项")
    assert past_given(text, (text.index("138"), text.index("138") + 4), wholes, "项") is None  # neither 138 nor 26
    text = "全校108名在编教师,50岁以上的有23人。"
    wholes = wholes_given("108名在编教师中50岁以上的有多少人?", "人")
    assert wholes == {"108"}  # 50岁 bounds the part; 108名 counts the whole, as 人 would
    assert past_given(text, (0, 2), wholes, "人") == (text.index("23"), text.index("23") + 2)
    assert past_given("50岁以上的有23人。", (7, 9), wholes, "人") == (7, 9)  # the answer already stands after it
    assert past_given("全县有23所学校。", (3, 5), frozenset({"3"}), "所") == (3, 5)  # a figure the question lacks
    assert not wholes_given("郭店镇中学今年中考有多少人考过500分?", "人")  # a bound, not a whole


def test_a_paragraph_states_the_whole_a_question_names():
    from retrieval.questions import states_whole

    # ../shared/corpus/002 (白塘镇): the 108 teachers on the staff, not the 32 hired for a term
    staff = "全镇在职在编的108位教师中,年龄超过50岁的有近30人。"
    assert states_whole(staff, frozenset({"108"}))
    assert not states_whole(staff, frozenset({"32"}))
    # ../shared/corpus/001: a sum's part is told after the sum, not before it
    funds = "投入教育装备建设经费近1200万元。同时县财政还每年安排1000万元创强专项资金,用于学校建设。"
    assert states_whole(funds, frozenset({"1000"})) and not states_whole(funds, frozenset({"1000"}), funds.find("1200"))


def test_asks_duty():
    from retrieval.questions import asks_duty

    assert asks_duty("中小学教职工的人事管理由谁统一负责?")  # a body may do it ("归口教育行政部门")
    assert asks_duty("这项工作由谁牵头负责?")
    assert not asks_duty("领导小组组长是谁?")  # a post is held by a person
    assert not asks_duty("办公室主任由谁担任?")


def test_a_figure_counting_schools_of_another_level():
    from retrieval.questions import counts_other_level
    text = "在2-3所初中学校进行初中素质教育综合督导评估试点"  # ../shared/corpus/002 (方案5)
    assert counts_other_level("小学", text, (3, 4))
    assert not counts_other_level("初中", text, (3, 4))
    assert not counts_other_level("小学", "在目前已评8所的基础上", (5, 6))  # no level: may be the one asked
    # ../shared/corpus/004: the level before a figure, when none follows it; 中小学 is not the kindergartens
    pupils = "我区共有国办中小学、幼儿园61所。在校中小学生51264人,其中小学34380人、初中16884人。"
    at = pupils.find("51264")
    assert counts_other_level("幼儿园", pupils, (at, at + 5)) and not counts_other_level("小学", pupils, (at, at + 5))
    staff = "其中学校行政人员1名,专任教师29名"  # ../shared/corpus/003: 其中学校 names no 中学
    assert not counts_other_level("小学", staff, (8, 9))


@pytest.mark.parametrize("question, whole", [
    ("屏南县行政服务中心全年共受理审批服务事项多少件?", True),
    ("How many items did the centre accept over the whole of the previous year?", True),
    ("截止6月底,行政服务中心共受理审批服务事项多少件?", False),
    ("上坪乡每年出生多少人?", False),
])
def test_asks_whole_year(question, whole):
    from retrieval.questions import asks_whole_year
    assert asks_whole_year(question) == whole


@pytest.mark.parametrize("text, part", [
    ("截止6月底,行政服务中心共受理各类审批服务事项17886件", True),  # ../shared/corpus/003
    ("截至20xx年6月,共办结…", True),
    ("上半年共接待来访群众32批次", True),
    ("1-6月共受理投诉15件", True),
    ("截止12月底,全年共受理…", False),  # the whole year
    ("全年共受理各类审批服务事项35000件", False),
])
def test_told_part_year(text, part):
    from retrieval.questions import told_part_year
    assert told_part_year(text) == part


def test_a_count_in_one_numeral_before_the_thing_counted():
    from retrieval.questions import counted_in_word
    text = "领导小组办公室设在德育处,根据责任分工下设五个小组,由校级领导担任组长"  # ../shared/corpus/003
    assert counted_in_word(text, ["小组"]) == (text.index("五个"), text.index("五个") + 2)
    assert counted_in_word(text, ["工作组"]) == (text.index("五个"), text.index("五个") + 2)  # by its head, 组
    assert counted_in_word("坚持“三个文明”一起抓", ["小组"]) is None
    assert counted_in_word("第五个小组", ["小组"]) is None  # an ordinal


def test_a_figure_inside_a_quoted_name_counts_nothing():
    text = "将转变作风建设与富阳局深入落实中央部署的“7+4+10”专项整治任务相结合"  # ../shared/corpus/003
    assert find_wanted("number", text) is None
    told = "围绕“三项”整改,共整改落实问题12条"  # a count outside the quotes still answers
    assert find_wanted("number", told) == (told.index("12"), told.index("12") + 2)


def test_an_organisation_in_a_document_title_or_number_answers_no_which_body_question():
    text = ("根据《关于转发福建省审改办等4部门关于清理前置审批项目的通知》(宁审改办〔20xx〕5号)文件要求,"
            "我县共组织48个单位落实清理相关工作")  # ../shared/corpus/003
    assert find_named("单位", text) is None
    assert find_named("单位", "由县教育局牵头,各单位配合") == (1, 5)


def test_the_year_a_figure_is_told_of():
    from retrieval.questions import year_told
    text = "在2015年创建工作基础上,2016年,工管委拨付禁毒和巩固“无毒害区”工作专项经费35万元"  # ../shared/corpus/004
    assert year_told(text, (text.index("35"), text.index("35") + 4)) == "2016"
    told = "2015年全区投入经费500万元,比2014年增加50万元"
    assert year_told(told, (told.index("500"), told.index("500") + 6)) == "2015"
    assert year_told("投入资金35万元,为区禁毒办配备办公设备", (4, 8)) is None


def test_the_figure_of_the_year_asked_in_a_change_told_from_year_to_year():
    from retrieval.questions import figure_of_year
    text = "满意和基本满意的比例从2004年的48%上升到2009年的78%"  # ../shared/corpus/001
    assert figure_of_year("number", text, ["2009"]) == (text.index("78%"), text.index("78%") + 3)
    assert figure_of_year("number", text, ["2010"]) is None


def test_an_acting_post_opens_its_clause():
    text = "民主生活会后,镇党委书记主持召开通报会,在规定范围通报民主生活会情况。"
    assert text[slice(*find_acting_post(text))] == "镇党委书记"
    assert find_acting_post("会议由镇党委书记主持。") is None  # named after 由: not the clause's subject
    assert asks_duty("由谁牵头在规定范围内通报会议情况?") and not asks_duty("督导组组长是谁?")


def test_a_post_of_a_named_group_is_held_by_the_person_its_clause_names():
    # ../shared/corpus/002 (群众路线实施方案): the leading group and its supervision group each have a deputy head
    text = "潘玉民同志任督导组组长,于少锋同志任督导组副组长。"
    assert group_post("领导小组中,督导组副组长由谁担任?") == ("督导组", "副组长")
    assert text[slice(*find_group_holder(text, "督导组", "副组长"))] == "于少锋同志"
    assert text[slice(*find_group_holder(text, "督导组", "组长"))] == "潘玉民同志"
    assert find_group_holder("王红卫同志担任组长,窦广春同志担任副组长。", "督导组", "副组长") is None
    assert group_post("副组长由谁担任?") is None  # no group named


def test_an_english_whole_is_the_figure_after_of_the():
    question = "How many of the 93 full-time teachers at Chengguan District No. 3 Primary School are Tibetan?"
    assert whole_given_en(question) == (frozenset({"93"}), "full-time teachers", "Tibetan")
    assert whole_given_en("Of the 179 projects, how many were canteen projects?")[::2] == (frozenset({"179"}),
                                                                                         "canteen projects")
    assert whole_given_en("How many drug users did the district have at the end of 2016?") == (frozenset(), "", "")
    assert whole_given_en("How many of the district's 50 primary schools are rural schools?") == (
        frozenset({"50"}), "primary schools", "rural schools")  # the whole after a possessive


def test_asked_at_is_what_a_how_many_question_puts_after_its_ask():
    assert asked_at("该县计划到2010年底将多少个乡镇创建成无毒乡镇?") == "乡镇创建"
    assert asked_at("该县的总指挥长由谁担任?") == ""


def test_things_an_english_question_counts_for_a_sum():
    assert things_given_en("How much did Jiayuguan spend on the 11 new school buses it bought?") == {
        "11": "new school buses"}
    assert things_given_en("How much did the county invest in school buildings?") == {}


def test_an_english_which_question_names_what_it_asks_for_before_its_verb():
    assert asked_thing_en("Which meetings did the town discipline commission convene?") == "meetings"
    assert asked_thing_en("What new measures did the county take?") == "new measures"
    assert asked_thing_en("What did the town do?") == ""  # no thing named
    assert asked_thing_en("Which two schools were merged?") == ""  # a school: which_of's
    # named before an of-phrase: "functions of efficiency supervision (效能监察)" asks for functions (作用)
    assert asked_thing_en("Which functions of efficiency supervision (效能监察) did the bureau bring into full play?") \
        == "functions"


def test_a_which_question_picking_the_first_of_a_ranking():
    # ../shared/corpus/003 (嘉峪关) and 001 (捐书): a total of several is given, no ranking of them
    assert asks_most("嘉峪关市2012年至2017年新建的8所幼儿园中,投资最多的是哪一所?")
    assert asks_most("哪个乡镇的人口最多?") and asks_most("Which village has the most poor households?")
    assert not asks_most("黄圩镇老年大学哪位学员牵头组建了响水县最早的一支老年文艺宣传队?")  # who, not a ranking
    assert not asks_most("卫生院给村卫生室人员搞健康教育业务培训,一年下来最少要办几回?")  # a number
    assert ranks("其中投资最多的是第一幼儿园") and ranks("居全县第一")
    assert not ranks("全县各部门单位共捐赠图书7万多册")


def test_the_part_of_a_question_after_the_clauses_that_frame_it():
    assert asked_part("滨海新区XX镇开展党的群众路线教育实践活动时,各单位是如何搞好思想发动的?") == "各单位是如何搞好思想发动的"
    assert asked_part("在“服务拓展年”主题教育中，这家医保经办机构提出了哪些工作举措？") == "这家医保经办机构提出了哪些工作举措"
    assert asked_part("省纪委到蚌埠等市调研后认为,基层纪检监察机关的态度经历了怎样的变化?") == "基层纪检监察机关的态度经历了怎样的变化"
    # the clause before tells what is asked about, not when: the whole question asks
    assert asked_part("为了稳定农村教师队伍，县里准备采取哪些做法？") == ""
    assert asked_part("对于干工作马虎应付的教师,中心校会怎样处理?") == ""
    assert asked_part("开展活动时,有多少人参加?用了多少钱?") == ""  # two questions: asked_clauses's
    assert asked_part_en("In the implementation plan of XX Town for the mass-line campaign, what are the basic "
                         "principles?") == "what are the basic principles?"
    assert asked_part_en("In 2015, which villages met the standard?") == "which villages met the standard?"
    assert asked_part_en("What did the town do, and why?") == ""  # no clause before it frames it
