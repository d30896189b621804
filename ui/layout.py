"""The page: a chat with its sources panel, filters, settings, feedback and export; a Browse tab;
and the named API endpoints /ask and /feedback."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import gradio as gr

from prompts.ui import EXAMPLE_QUESTIONS, RATINGS, ui_text
from ui.browse import BrowseHandlers, header_html
from ui.handlers import Handlers
from ui.service import IndexService
from ui.sources import sources_html

CSS_PATH = Path(__file__).with_name("app.css")
# Offline: no web fonts; CJK text uses the system's Noto/PingFang/YaHei.
FONTS = ["system-ui", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"]
SCROLL_TO_QUOTE = ("() => { setTimeout(() => { const m = document.querySelector('#article-view mark');"
                   " if (m) m.scrollIntoView({block: 'center', behavior: 'smooth'}); }, 150); }")
PRIVATE = {"api_visibility": "private"}  # UI events stay out of the API page; /ask and /feedback are the API
# Every event that answers a question (the API's /ask and the chat's send, Enter and example) shares
# one concurrency group, so the queue's default_concurrency_limit (app.py) bounds them all together.
ANSWERING = "answer"


def theme() -> gr.themes.Base:
    return gr.themes.Soft(primary_hue="red", secondary_hue="amber", neutral_hue="slate",
                          font=FONTS, font_mono=["ui-monospace", "monospace"])


def _both(key: str) -> str:
    zh, en = ui_text(key, "zh"), ui_text(key, "en")
    return zh if zh == en or en in zh else f"{zh} · {en}"


def build_app(service: IndexService, feedback_log: Path) -> gr.Blocks:
    """The Gradio Blocks of the app; `service` holds the (possibly still building) index."""
    # Every answer writes a conversation export that Gradio copies into its cache: hourly, copies
    # older than a day are deleted, so a long-running server does not fill the disk.
    with gr.Blocks(title=ui_text("title"), analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        c = SimpleNamespace(turns=gr.State([]), selected=gr.State(None))
        c.header = gr.HTML(header_html(service), elem_id="header")
        c.timer = gr.Timer(2.0, active=False)  # polls the header while a first build runs
        with gr.Tabs():
            with gr.Tab(ui_text("tab_chat"), id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=11):
                        _chat_column(c)
                    with gr.Column(scale=9, elem_id="side"):
                        _sources_column(c)
            with gr.Tab(ui_text("tab_browse"), id="browse"):
                _browse_tab(c)
        h, b = Handlers(service, feedback_log), BrowseHandlers(service)
        _wire_chat(c, h)
        _wire_browse(c, b)
        refreshed = [c.header, c.reports, c.articles, c.browse_report, c.browse_article, c.browse_view, c.timer]
        demo.load(b.refresh, None, refreshed, show_progress="hidden", **PRIVATE)
        c.timer.tick(b.refresh, None, refreshed, show_progress="hidden", **PRIVATE)
        gr.api(h.api_ask, api_name="ask", concurrency_id=ANSWERING)
        gr.api(h.api_feedback, api_name="feedback")
    return demo


def _chat_column(c: SimpleNamespace) -> None:
    # Messages are HTML built by ui/sources.py with every question and report text escaped; the
    # browser-side sanitiser stays on as a second line, custom tags are not let through, and
    # LaTeX is off so a "$$" in a report shows as written.
    c.chatbot = gr.Chatbot(label=ui_text("chat_label"), elem_id="chatbot", height=560, buttons=["copy"],
                           placeholder=f"### {ui_text('placeholder_title')}\n{ui_text('placeholder_body')}",
                           examples=[{"text": q} for q in EXAMPLE_QUESTIONS], feedback_options=None,
                           sanitize_html=True, allow_tags=False, latex_delimiters=[])
    with gr.Row(elem_id="ask-row"):
        c.question = gr.Textbox(show_label=False, placeholder=ui_text("input_placeholder"), scale=8, max_lines=4,
                                elem_id="question", autofocus=True)
        c.send = gr.Button(ui_text("send"), variant="primary", scale=1, min_width=80, elem_id="send")
    with gr.Row():
        c.new_chat = gr.Button(_both("new_chat"), size="sm", elem_id="new-chat")
        c.export = gr.DownloadButton(_both("export"), size="sm", interactive=False, elem_id="export")
    with gr.Accordion(ui_text("feedback"), open=True, elem_id="feedback"):
        c.target = gr.HTML(ui_text("feedback_none"), elem_id="feedback-target")
        with gr.Row(equal_height=True):
            c.rating = gr.Radio([(_both(f"rating_{r}"), r) for r in RATINGS], show_label=False, elem_id="rating",
                                scale=3)
            c.comment = gr.Textbox(show_label=False, lines=1, scale=2, elem_id="comment",
                                   placeholder=f"{ui_text('comment_label')} · {ui_text('comment_placeholder')}")
        with gr.Row():
            c.submit = gr.Button(ui_text("submit_feedback"), size="sm", elem_id="submit-feedback", scale=1)
            c.thanks = gr.Markdown(elem_id="feedback-status")
    with gr.Accordion(ui_text("filters"), open=False):
        c.reports = gr.Dropdown([], multiselect=True, label=ui_text("reports_label"))
        c.articles = gr.Dropdown([], multiselect=True, label=ui_text("articles_label"))
    with gr.Accordion(ui_text("settings"), open=False):
        c.passages = gr.Slider(1, 10, value=5, step=1, label=_both("passages_shown"))
        c.show_scores = gr.Checkbox(False, label=_both("show_scores"), elem_id="show-scores")


def _sources_column(c: SimpleNamespace) -> None:
    c.sources = gr.HTML(sources_html(None), elem_id="sources")
    c.picker = gr.Dropdown([], label=ui_text("open_article"), info=ui_text("open_article_info"), interactive=False,
                           elem_id="source-picker")
    with gr.Accordion(ui_text("article_title"), open=False) as c.article_box:
        c.article = gr.HTML(elem_id="article-view")


def _browse_tab(c: SimpleNamespace) -> None:
    gr.Markdown(ui_text("browse_intro"))
    with gr.Row():
        c.browse_report = gr.Dropdown([], label=ui_text("browse_report"), scale=1, elem_id="browse-report")
        c.browse_article = gr.Dropdown([], label=ui_text("browse_article"), scale=1, elem_id="browse-article")
    c.browse_view = gr.HTML(elem_id="browse-view")


def _wire_chat(c: SimpleNamespace, h: Handlers) -> None:
    inputs = [c.question, c.turns, c.reports, c.articles, c.passages, c.show_scores]
    outputs = [c.chatbot, c.turns, c.selected, c.sources, c.picker, c.article, c.target, c.thanks, c.export,
               c.question]
    answering = {"show_progress_on": [c.chatbot], "concurrency_id": ANSWERING, **PRIVATE}
    c.question.submit(h.respond, inputs, outputs, **answering)
    c.send.click(h.respond, inputs, outputs, **answering)
    c.chatbot.example_select(_example_text, None, c.question, queue=False, **PRIVATE).then(
        h.respond, inputs, outputs, **answering)
    c.chatbot.select(h.select_message, [c.turns, c.passages, c.show_scores],
                     [c.selected, c.sources, c.picker, c.article, c.target, c.thanks], **PRIVATE)
    for control in (c.passages, c.show_scores):
        control.change(h.rerender_sources, [c.turns, c.selected, c.passages, c.show_scores], c.sources,
                       show_progress="hidden", **PRIVATE)
    c.picker.input(h.open_source, [c.picker, c.turns, c.selected], c.article, **PRIVATE).then(
        lambda: gr.Accordion(open=True), None, c.article_box, js=SCROLL_TO_QUOTE, **PRIVATE)
    c.new_chat.click(h.new_conversation, None, outputs, **PRIVATE)
    c.submit.click(h.submit_feedback, [c.turns, c.selected, c.rating, c.comment], [c.thanks, c.rating, c.comment],
                   **PRIVATE)


def _wire_browse(c: SimpleNamespace, b: BrowseHandlers) -> None:
    c.reports.input(b.narrow_articles, [c.reports, c.articles], c.articles, **PRIVATE)
    c.browse_report.input(b.pick_report, c.browse_report, [c.browse_article, c.browse_view], **PRIVATE)
    c.browse_article.input(b.pick_article, c.browse_article, c.browse_view, **PRIVATE)


def _example_text(evt: gr.SelectData) -> str:
    return evt.value["text"] if isinstance(evt.value, dict) else str(evt.value)
