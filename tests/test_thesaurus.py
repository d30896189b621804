"""Plain words meet the reports' official terms: expansion adds terms and never removes one."""
from retrieval.thesaurus import expand


def test_plain_words_bring_the_official_terms():
    assert expand(["义工", "团队"]) == ["志愿者", "志愿服务"]
    assert "生均" in expand(["平均", "每个", "学生"])  # "平均每个学生" is the reports' 生均 ("生均藏书7.47册")
    assert expand(["与会", "人员"]) == ["参会"]  # "在参会人员范围内…民主评议"


def test_expansion_adds_only_terms_not_already_asked():
    assert expand(["老师", "教师"]) == []  # each is the other's term, and both are there
    assert expand(["完全", "无关"]) == []
