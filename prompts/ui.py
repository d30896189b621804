"""Every string of the chat app, in Chinese and English. Change wording here, never in ui/ or app.py.

The page chrome is Chinese with short English glosses; text about one answer (sources, feedback,
export) follows the language of the question that produced it.
"""

UI: dict[str, dict[str, str]] = {
    # page
    "title": {"zh": "报告问答", "en": "Report Q&A"},
    "subtitle": {
        "zh": "用报告原文回答问题，每句都注明出处；报告里没有的，直接说没有。",
        "en": "Answers quoted from the reports, every sentence with its source; "
              "when the reports do not say, it says so.",
    },
    "tab_chat": {"zh": "问答 · Ask", "en": "Ask"},
    "tab_browse": {"zh": "浏览报告 · Browse", "en": "Browse"},
    "chat_label": {"zh": "对话", "en": "Conversation"},
    "placeholder_title": {"zh": "问问这些工作报告", "en": "Ask the work reports"},
    "placeholder_body": {
        "zh": "回答只引用报告原文，并标出处【1】【2】…；点右侧“来源”查看原段落和整篇文章。",
        "en": "Answers quote the reports, with sources 【1】【2】…; open them on the right.",
    },
    "input_placeholder": {"zh": "输入问题，回车发送（可用中文或英文）", "en": "Type a question (Chinese or English)"},
    "send": {"zh": "发送", "en": "Send"},
    "new_chat": {"zh": "新对话", "en": "New conversation"},
    "export": {"zh": "导出对话（Markdown）", "en": "Export (Markdown)"},
    "filters": {"zh": "检索范围 · Filters", "en": "Filters"},
    "reports_label": {"zh": "只搜这些报告（不选＝全部）", "en": "Reports to search (none = all)"},
    "articles_label": {"zh": "只搜这些文章（不选＝全部）", "en": "Articles to search (none = all)"},
    "settings": {"zh": "设置 · Settings", "en": "Settings"},
    "passages_shown": {"zh": "显示的检索段落数", "en": "Passages shown"},
    "show_scores": {"zh": "显示得分（为什么是这一段）", "en": "Show scores (why this passage)"},
    # sources panel
    "sources_title": {"zh": "来源", "en": "Sources"},
    "sources_empty": {
        "zh": "提问后，这里列出答案引用的原文，引文在段落中高亮显示。",
        "en": "After a question, the quoted passages appear here, highlighted in their paragraphs.",
    },
    "closest_title": {"zh": "最接近的段落（报告中没有直接答案）", "en": "Closest passages (the reports do not answer this)"},
    "retrieved_title": {"zh": "检索到的段落", "en": "Retrieved passages"},
    "body_section": {"zh": "正文", "en": "body"},
    "why": {"zh": "为什么是这一段", "en": "Why this passage"},
    "matched_terms": {"zh": "匹配词", "en": "matched terms"},
    "no_terms": {"zh": "无（仅语义相近）", "en": "none (meaning only)"},
    "bm25": {"zh": "BM25 关键词得分", "en": "BM25 keyword score"},
    "dense": {"zh": "向量相似度", "en": "vector similarity"},
    "fused": {"zh": "综合得分（0–1）", "en": "fused score (0–1)"},
    "cited_as": {"zh": "引用为【{marker}】", "en": "cited as [{marker}]"},
    "open_article": {"zh": "打开原文", "en": "Open the article"},
    "open_article_info": {"zh": "选择一个来源，在下方阅读整篇文章（引文高亮）", "en": "Pick a source to read its whole article"},
    "article_title": {"zh": "原文", "en": "Article"},
    "article_empty": {"zh": "选择上方的来源后，这里显示整篇文章。", "en": "Pick a source above to read its article."},
    "source_choice": {"zh": "【{marker}】{title} · {section}", "en": "[{marker}] {title} · {section}"},
    # feedback
    "feedback": {"zh": "反馈 · Feedback", "en": "Feedback"},
    "feedback_target": {"zh": "评价第 {n} 个回答：{question}（点对话里的其他回答可切换）",
                        "en": "Rating answer {n}: {question} (click another answer to switch)"},
    "feedback_none": {"zh": "还没有可以评价的回答。", "en": "No answer to rate yet."},
    "rating_label": {"zh": "这个回答", "en": "This answer is"},
    "rating_correct": {"zh": "正确", "en": "correct"},
    "rating_incorrect": {"zh": "错误", "en": "incorrect"},
    "rating_evidence_wrong": {"zh": "证据有误", "en": "evidence wrong"},
    "comment_label": {"zh": "说明（可选）", "en": "Comment (optional)"},
    "comment_placeholder": {"zh": "例如：正确答案应是……，见第几篇", "en": "e.g. the right answer is …"},
    "submit_feedback": {"zh": "提交反馈", "en": "Send feedback"},
    "feedback_thanks": {"zh": "已记录第 {n} 个回答的反馈，谢谢！", "en": "Feedback on answer {n} saved, thank you!"},
    "feedback_need_rating": {"zh": "请先选择“正确 / 错误 / 证据有误”。", "en": "Please pick correct / incorrect / evidence wrong."},
    "feedback_bad_rating": {"zh": "评价必须是 {choices} 之一，收到的是 {value!r}。",
                            "en": "rating must be one of {choices}, got {value!r}."},
    # index status and errors
    "index_ready": {
        "zh": "索引：{reports} 份报告 · {articles} 篇文章 · {chunks} 个段落 · 模型 {model} · 建于 {built_at}",
        "en": "Index: {reports} reports · {articles} articles · {chunks} passages · model {model} · built {built_at}",
    },
    "index_building": {
        "zh": "首次运行，正在建立索引（报告 {corpus}），通常需要几分钟，进度见终端。建好后即可提问。",
        "en": "First run: building the index of {corpus}; this takes a few minutes (progress in the terminal).",
    },
    "index_building_chat": {
        "zh": "索引还在建立中，请稍候几分钟再问。",
        "en": "The index is still being built; please ask again in a few minutes.",
    },
    "index_failed": {"zh": "索引不可用：{detail}", "en": "No usable index: {detail}"},
    "error": {
        "zh": "抱歉，处理这个请求时出错了，请换个问法或稍后再试。（详情已记录在服务器日志中）",
        "en": "Sorry, something went wrong with this request; please try again. (Details are in the server log.)",
    },
    # browse
    "browse_intro": {
        "zh": "按报告 → 文章 → 章节阅读全部报告，了解以往的做法。",
        "en": "Read the reports: report → article → section.",
    },
    "browse_report": {"zh": "报告", "en": "Report"},
    "browse_article": {"zh": "文章", "en": "Article"},
    "browse_contents": {"zh": "目录", "en": "Contents"},
    "browse_no_sections": {"zh": "（这篇文章没有小标题）", "en": "(no section headings)"},
    "report_choice": {"zh": "{report} · {topic}（{n} 篇）", "en": "{report} · {topic} ({n} articles)"},
    "duplicate_note": {"zh": "与其他文章内容相近：{places}", "en": "Near-duplicate of: {places}"},
    # export
    "export_title": {"zh": "报告问答 · 对话记录", "en": "Report Q&A · conversation"},
    "export_meta": {
        "zh": "导出时间 {time} · 索引建于 {built_at} · 语料 sha256 {corpus}",
        "en": "Exported {time} · index built {built_at} · corpus sha256 {corpus}",
    },
    "export_question": {"zh": "问题 {n}", "en": "Question {n}"},
    "export_sources": {"zh": "来源", "en": "Sources"},
    "export_closest": {"zh": "最接近的段落", "en": "Closest passages"},
    "export_offsets": {"zh": "文中位置 {start}–{end}", "en": "characters {start}–{end}"},
}

# Start-screen examples, drawn from the bundled reports' topics (each one is answered by them,
# except the last, which shows how an English question is handled).
EXAMPLE_QUESTIONS: tuple[str, ...] = (
    "上坪乡的婚检率是多少？",
    "各乡镇怎么签订责任书的？",
    "如何做好留守儿童关爱工作？",
    "流动人口计划生育怎么管理？",
    "禁毒宣传怎么做的？",
    "How did the district fight drug abuse?",
)

RATINGS: tuple[str, ...] = ("correct", "incorrect", "evidence_wrong")


def ui_text(key: str, lang: str = "zh", **values: object) -> str:
    """The UI string `key` in `lang` ("zh" or "en", falling back to Chinese), filled with `values`."""
    table = UI[key]
    return table.get(lang, table["zh"]).format(**values)
