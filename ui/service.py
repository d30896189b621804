"""The app's one Pipeline per process: loaded once, or built first (in the background) when missing."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from index.embedders import DEFAULT_MODEL
from index.store import IndexLoadError, resolve_index_dir
from index.store_options import StoreSettings
from index.types import Article
from prompts import text as say
from prompts.ui import ui_text
from retrieval.answer import ComposeSettings
from retrieval.pipeline import Pipeline
from retrieval.search import Filters, SearchSettings
from retrieval.types import Answer

log = logging.getLogger(__name__)

LOADING, BUILDING, READY, FAILED = "loading", "building", "ready", "failed"


@dataclass(frozen=True)
class ReportInfo:
    name: str  # file name, as in citations
    articles: tuple[Article, ...]


class IndexService:
    """Holds the Pipeline the request handlers share (searching is read-only, so threads may share it)."""

    def __init__(self, index_dir: Path, corpus_dir: Path, model: str = DEFAULT_MODEL,
                 search: SearchSettings | None = None, compose: ComposeSettings | None = None,
                 store: StoreSettings | None = None):
        self.index_dir, self.corpus_dir, self.model = Path(index_dir), Path(corpus_dir), model
        self.store = store or StoreSettings()  # milvus: candidates from the index's Milvus collection
        self.search_settings = search or SearchSettings()
        self.compose_settings = compose or ComposeSettings()
        self.state, self.detail = LOADING, ""
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def start(self, build_if_missing: bool = True) -> None:
        """Load the index; when there is none, build it in a background thread (progress in the terminal)."""
        if (resolve_index_dir(self.index_dir) / "manifest.json").exists() or not build_if_missing:
            self._load()
            return
        self.state = BUILDING
        log.info("no index at %s: building it from %s with model %s", self.index_dir, self.corpus_dir, self.model)
        threading.Thread(target=self._build_then_load, name="index-build", daemon=True).start()

    def _load(self) -> None:
        try:
            pipeline = Pipeline.open(self.index_dir, self.search_settings, self.compose_settings, store=self.store)
        except IndexLoadError as exc:
            self._fail(str(exc))
            return
        except Exception as exc:  # unforeseen: the page says so instead of the app failing to start
            log.exception("loading the index failed")
            self._fail(f"{exc.__class__.__name__}: {exc}; rebuild it with "
                       f"`python -m index build --index-dir {self.index_dir}`")
            return
        with self._lock:
            self._pipeline, self.state, self.detail = pipeline, READY, ""
        log.info("index loaded from %s", self.index_dir)

    def _build_then_load(self) -> None:
        from index.build import build_index
        from index.settings import IndexSettings

        try:
            summary = build_index(IndexSettings(corpus_dir=self.corpus_dir, index_dir=self.index_dir,
                                                model=self.model, store=self.store), progress=True, log=log.info)
        except Exception as exc:  # any failure is shown on the page; the traceback goes to the terminal
            log.exception("index build failed")
            self._fail(f"{exc.__class__.__name__}: {exc}")
            return
        log.info("index built: %d articles, %d chunks in %.1fs", summary.articles, summary.chunks, summary.seconds)
        self._load()

    def _fail(self, detail: str) -> None:
        with self._lock:
            self.state, self.detail = FAILED, detail
        log.error("index unavailable: %s", detail)

    @property
    def ready(self) -> bool:
        return self.state == READY

    @property
    def pipeline(self) -> Pipeline | None:
        return self._pipeline

    @property
    def manifest(self) -> dict | None:
        return self._pipeline.searcher.index.manifest if self._pipeline else None

    def ask(self, question: str, history: list[str] | None = None, k: int = 10,
            filters: Filters | None = None) -> Answer:
        """Pipeline.ask, or an answer that explains why there is no index to ask yet."""
        pipeline = self._pipeline
        if pipeline is None:
            return self.unavailable_answer(question)
        return pipeline.ask(question, history=history, k=k, filters=filters)

    def unavailable_answer(self, question: str) -> Answer:
        lang = "en" if _looks_english(question) else "zh"
        if self.state == BUILDING:
            message = ui_text("index_building_chat", lang)
        else:
            message = say("missing_index", lang, detail=self.detail or self.state)
        return Answer(question=question, text=message, refused=True, lang=lang)

    def status_line(self, lang: str = "zh") -> str:
        """One line for the page header: what the index holds, or that it is being built or missing."""
        if self.state == BUILDING or self.state == LOADING:
            return ui_text("index_building", lang, corpus=self.corpus_dir)
        if self.state == FAILED:
            return ui_text("index_failed", lang, detail=self.detail)
        m = self.manifest
        return ui_text("index_ready", lang, reports=m["counts"]["files"], articles=m["counts"]["articles"],
                       chunks=m["counts"]["chunks"], model=m["model"]["name"],
                       built_at=m["built_at"].replace("T", " ")[:16])

    def reports(self) -> list[ReportInfo]:
        """The indexed reports and their articles, in corpus order (empty while there is no index)."""
        if self._pipeline is None:
            return []
        by_report: dict[str, list[Article]] = {}
        for article in self._pipeline.searcher.index.articles.values():
            by_report.setdefault(article.report, []).append(article)
        return [ReportInfo(name, tuple(sorted(arts, key=lambda a: a.index)))
                for name, arts in sorted(by_report.items())]

    def article(self, key: str) -> Article | None:
        return self._pipeline.searcher.index.articles.get(key) if self._pipeline else None


def _looks_english(text: str) -> bool:
    from retrieval.query import detect_lang

    return detect_lang(text or "") == "en"
