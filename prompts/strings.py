"""Every user-facing string, in Chinese and English. Change wording here, never in the logic."""

STRINGS: dict[str, dict[str, str]] = {
    "refusal": {
        "zh": "报告中没有找到这个问题的答案。",
        "en": "The reports do not answer this question.",
    },
    "refusal_closest": {
        "zh": "以下是最接近的段落，供您查阅：",
        "en": "The closest passages, for you to read:",
    },
    "refusal_missing": {
        "zh": "检索到的段落里没有提到{thing}。",
        "en": "The retrieved passages do not mention {thing}.",
    },
    "refusal_not_about": {  # the place or school is there; what was asked of it is not
        "zh": "检索到的段落里没有{thing}的所问内容。",
        "en": "The retrieved passages give nothing of what was asked about {thing}.",
    },
    "refusal_unheard": {
        "zh": "这些报告从未提到{thing}。",
        "en": "The reports never mention {thing}.",
    },
    "answer_intro": {"zh": "", "en": "According to the reports (quoted in Chinese):"},
    "measures_intro": {"zh": "报告中的做法：", "en": "Measures described in the reports (quoted in Chinese):"},
    "items_intro": {"zh": "报告中列出的内容：", "en": "Listed in the reports (quoted in Chinese):"},  # "哪两个县"
    "grouped_intro": {"zh": "按报告分列：", "en": "By report (quoted in Chinese):"},
    "part_label": {"zh": "{part}：", "en": "{part}: "},
    "citation_line": {
        "zh": "【{marker}】{report} · {article}{section}",
        "en": "[{marker}] {report} · {article}{section}",
    },
    "also_in": {"zh": "（另见：{places}）", "en": " (also in: {places})"},
    "empty_question": {
        "zh": "请输入一个问题，例如：“上坪乡的婚检率是多少？”",
        "en": "Please type a question, e.g. “How did townships sign responsibility agreements?”",
    },
    "no_content_question": {
        "zh": "这个问题里没有可以检索的内容，请换个说法，例如：“各乡镇怎么签订责任书的？”",
        "en": "The question has nothing to search for; try e.g. “How did townships sign responsibility agreements?”",
    },
    "truncated": {
        "zh": "问题太长，只使用了前 {n} 个字。",
        "en": "The question was too long; only its first {n} characters were used.",
    },
    "missing_index": {
        "zh": "还没有可用的索引：{detail}",
        "en": "No usable index yet: {detail}",
    },
    "thing_number": {"zh": "所问的数字", "en": "the number asked for"},
    "thing_money": {"zh": "所问的金额", "en": "the amount asked for"},
    "thing_date": {"zh": "所问的时间", "en": "the date asked for"},
    "thing_name": {"zh": "所问的人名", "en": "the name asked for"},
    "thing_person": {"zh": "所问的人", "en": "the person asked for"},
    "thing_title": {"zh": "所问的名称", "en": "the title asked for"},
    "thing_terms": {"zh": "“{terms}”", "en": "“{terms}”"},
    "thing_country": {"zh": "所问的国家", "en": "the country asked for"},
    "thing_most": {"zh": "所问的排名（哪一个最多、最大）", "en": "which one ranks first"},
    "thing_items": {"zh": "“{terms}”所指的各项", "en": "the items of “{terms}”"},
}


def text(key: str, lang: str = "zh", **values: object) -> str:
    """The string `key` in `lang` ("zh" or "en", falling back to Chinese), filled with `values`."""
    table = STRINGS[key]
    return table.get(lang, table["zh"]).format(**values)
