"""The Browse tab (reports → articles → sections), the search filters' choices, and the page header
with the index status, all of which follow the index as it is loaded or built."""
from __future__ import annotations

import gradio as gr

from prompts.ui import ui_text
from ui.handlers import guarded
from ui.html import article_html, esc
from ui.service import BUILDING, IndexService, ReportInfo

TOPIC_CHARS = 22


def _topic(report: ReportInfo) -> str:
    title = report.articles[0].title if report.articles else ""
    return title if len(title) <= TOPIC_CHARS else title[:TOPIC_CHARS] + "…"


def report_choices(service: IndexService) -> list[tuple[str, str]]:
    """(label, file name) per report: the name, the first article's title, the article count."""
    return [(ui_text("report_choice", report=r.name, topic=_topic(r), n=len(r.articles)), r.name)
            for r in service.reports()]


def article_choices(service: IndexService, reports: list[str] | None = None) -> list[tuple[str, str]]:
    """(label, "report#i") per article, of `reports` only when some are given."""
    wanted = set(reports or ())
    return [(f"{r.name[:3]} · {a.title}", a.key) for r in service.reports()
            if not wanted or r.name in wanted for a in r.articles]


def articles_of_report(service: IndexService, report: str | None) -> list[tuple[str, str]]:
    return [(a.title, a.key) for r in service.reports() if r.name == report for a in r.articles]


def browse_article_html(service: IndexService, key: str | None) -> str:
    """An article to read: duplicate note, table of contents, then the text with anchored headings."""
    article = service.article(key) if key else None
    if article is None:
        return f'<div class="article empty">{esc(ui_text("browse_intro"))}</div>'
    note = ""
    if article.dup_group >= 0:
        twins = [a.title for r in service.reports() for a in r.articles
                 if a.dup_group == article.dup_group and a.key != article.key]
        if twins:
            note = f'<div class="also">{esc(ui_text("duplicate_note", places="、".join(twins)))}</div>'
    meta = f'<div class="source-meta">{esc(article.report)} · #{article.index + 1}</div>'
    body = article_html(article, id_prefix="browse", contents_label=ui_text("browse_contents"),
                        empty_contents=ui_text("browse_no_sections"))
    return meta + note + body


def header_html(service: IndexService) -> str:
    """Title, one-line promise, and the index status (or that it is being built)."""
    return (f'<div class="header"><h1>{esc(ui_text("title"))} <small>{esc(ui_text("title", "en"))}</small></h1>'
            f'<p>{esc(ui_text("subtitle"))}</p>'
            f'<div class="status {service.state}">{esc(service.status_line())}</div></div>')


class BrowseHandlers:
    def __init__(self, service: IndexService):
        self.service = service

    @guarded
    def pick_report(self, report):
        """Articles of the chosen report; the first one opened."""
        choices = articles_of_report(self.service, report)
        first = choices[0][1] if choices else None
        return gr.update(choices=choices, value=first), browse_article_html(self.service, first)

    @guarded
    def pick_article(self, key):
        return browse_article_html(self.service, key)

    @guarded
    def narrow_articles(self, reports, articles):
        """Keep the article filter to articles of the chosen reports."""
        choices = article_choices(self.service, reports)
        keys = {k for _, k in choices}
        return gr.update(choices=choices, value=[a for a in (articles or []) if a in keys])

    @guarded
    def refresh(self):
        """Header status, filter and browse choices, and whether to keep polling (while building)."""
        s = self.service
        reports = report_choices(s)
        first = reports[0][1] if reports else None
        articles = articles_of_report(s, first)
        first_article = articles[0][1] if articles else None
        return (header_html(s),
                gr.update(choices=reports), gr.update(choices=article_choices(s)),
                gr.update(choices=reports, value=first), gr.update(choices=articles, value=first_article),
                browse_article_html(s, first_article), gr.Timer(active=s.state == BUILDING))
