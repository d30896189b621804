"""Question in, answer out: search then compose, with friendly handling of empty or over-long questions.
The one entry point shared by the CLI, the app and the evaluation."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from threadpoolctl import threadpool_limits

from index.embedders import DEFAULT_MODEL
from index.store import REBUILD_HINT, IndexLoadError
from index.store_options import StoreSettings
from index.tokens import load_place_dictionary
from prompts import text as say
from retrieval.answer import ComposeSettings, Composer
from retrieval.query import MAX_QUESTION_CHARS, detect_lang
from retrieval.questions import conjoined_parts
from retrieval.render import merge_answers
from retrieval.search import Filters, Searcher, SearchSettings
from retrieval.types import Answer

# One question is a handful of small matrix products; OpenBLAS spreading each over both cores costs
# more in thread hand-offs than it gains (BENCHMARKS.md: p50 56 -> 23 ms). Concurrent users still
# use every core, one request each.
QUERY_BLAS_THREADS = 1
MAX_HISTORY = 10  # earlier questions kept; only the last one is folded into a follow-up anyway
_SEARCHABLE = re.compile(r"[0-9A-Za-z\u4e00-\u9fff\u3400-\u4dbf]")
# C0/C1 control characters, and lone surrogates (from a JSON "\ud800" or undecodable argv bytes),
# which cannot be encoded as UTF-8 and would break the tokenizer, the logs and the JSON answer.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ACCENTED = re.compile(r"[À-ÖØ-öø-ɏ]")  # Latin-1 and Latin Extended letters; "ß", "æ", "ø" stay as they are


def clean_question(text: object) -> str:
    """`text` as a question: a string, without control characters or lone surrogates, stripped, its
    accented Latin letters plain ("cafés" → cafes: the glossary's English words have no accents)."""
    text = _CONTROL.sub("", text if isinstance(text, str) else "").strip()
    return _ACCENTED.sub(lambda m: unicodedata.normalize("NFD", m.group())[0], text)


@dataclass
class Pipeline:
    searcher: Searcher
    composer: Composer

    @classmethod
    def open(cls, index_dir: Path, search: SearchSettings | None = None,
             compose: ComposeSettings | None = None, store: StoreSettings | None = None) -> "Pipeline":
        """Load the index once and check its query encoder works with it; with a Milvus `store`,
        search takes its BM25 and dense candidates from the index's Milvus collection.

        Raises IndexLoadError (with the fix) when the index is missing or broken, when its vectors
        disagree with the manifest's model, or when that model cannot be loaded here.
        """
        threadpool_limits(QUERY_BLAS_THREADS, user_api="blas")  # for the process: it serves questions now
        searcher = Searcher.open(index_dir, search)
        if store is not None and store.kind == "milvus":
            from retrieval.milvus_backend import open_backend

            searcher.backend = open_backend(searcher.index, store)
        _check_encoder(searcher)
        load_place_dictionary()
        return cls(searcher, Composer(searcher.index, compose or ComposeSettings()))

    def ask(self, question: str, history: list[str] | None = None, k: int = 10,
            filters: Filters | None = None) -> Answer:
        """Answer one question; `history` holds the user's earlier questions, oldest first."""
        question = clean_question(question)
        lang = detect_lang(question)
        if not question:
            return Answer(question="", text=say("empty_question", lang), refused=True, lang=lang)
        notice = ""
        if len(question) > MAX_QUESTION_CHARS:
            question = question[:MAX_QUESTION_CHARS]
            notice = say("truncated", lang, n=MAX_QUESTION_CHARS)
        if not _SEARCHABLE.search(question):
            return Answer(question=question, text=say("no_content_question", lang), refused=True, lang=lang)
        # earlier questions come from the client as well: bounded like the question itself
        history = [clean_question(h)[:MAX_QUESTION_CHARS] for h in list(history or [])[-MAX_HISTORY:]]
        history = [h for h in history if h]
        parts = conjoined_parts(question) if lang == "zh" and not history else []
        if parts:  # "白塘镇和夏镇…小学分别有多少在编教师": each asked, searched and answered on its own
            answers = [self._answer(sub, [], k, filters) for _, sub in parts]
            answer = merge_answers(question, [label for label, _ in parts], answers, lang, k)
        else:
            answer = self._answer(question, history, k, filters)
        answer.notice = notice
        return answer

    def _answer(self, question: str, history: list[str], k: int, filters: Filters | None) -> Answer:
        """Search and compose for one question (the user's, or one part of it)."""
        query = self.searcher.prepare(question, history)
        hits = self.searcher.search_prepared(query, k=k, filters=filters)
        ref = self.searcher.described(query, filters) if hits and not history else None
        if ref:  # "沅陵县西北部…的那个镇，考核里计生占多大分量": the description found the report; the rest is asked
            query = self.searcher.prepare(ref[1])
        vector = self.searcher.query_vector(query.text) if hits and self.searcher.settings.mode != "bm25" else None
        return self.composer.compose(question, hits, query_text=query.lexical_text, query_vector=vector)


def _check_encoder(searcher: Searcher) -> None:
    """Embed one probe question, as the first real one would, so that a model that cannot be loaded
    or vectors of another dimension (a manifest copied from another index) fail here, with the fix."""
    index = searcher.index
    model = index.manifest["model"]["name"]
    hint = REBUILD_HINT.format(dir=index.path)
    dims = {"manifest": index.manifest["model"].get("dim"), "vectors": int(index.vectors.shape[1]),
            "faiss": int(index.faiss_index.d)}
    dims = {k: v for k, v in dims.items() if v is not None}
    if searcher.settings.mode != "bm25":
        try:
            dims["query encoder"] = int(len(searcher.query_vector("query")))
        except Exception as exc:  # the embedders raise many types for a model that is not there
            raise IndexLoadError(f"index at {index.path} was built with model {model!r}, which cannot be "
                                 f"loaded here ({exc.__class__.__name__}: {exc}); make that model available, "
                                 f"or rebuild with `python -m index build --index-dir {index.path} "
                                 f"--model {DEFAULT_MODEL}`") from exc
    if len(set(dims.values())) > 1:
        found = ", ".join(f"{k} {v}" for k, v in dims.items())
        raise IndexLoadError(f"index at {index.path} is inconsistent: vector dimensions differ ({found}); "
                             f"the manifest may come from another index; {hint}")
