"""Hardening: a damaged index, or one from another model or format version, gives a clear error that
names the fix (`python -m index build …`) through `python -m retrieval ask`, `python -m eval run` and
the app, never a traceback; a build killed with SIGKILL leaves the previous index usable (RELIABILITY.md)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import eval.__main__ as eval_cli
import retrieval.__main__ as retrieval_cli
from index.build import build_index
from index.settings import DEFAULT_CORPUS_DIR, PROJECT_ROOT, IndexSettings
from index.store import IndexLoadError, load_index
from retrieval.pipeline import Pipeline
from ui.handlers import Handlers
from ui.service import FAILED, IndexService

EXCERPTS = Path(__file__).parent / "data" / "reports"
QUESTION = "上坪乡的婚检率是多少？"
FIX = "python -m index build"
QA_LINE = {"id": "q1", "question": QUESTION, "answer": "98%", "evidence": ["近年全乡婚检率达到98%以上"],
           "source": "shangping.txt", "type": "factoid", "lang": "zh"}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _edit_manifest(d: Path, **changes) -> None:
    manifest = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    for key, value in changes.items():
        section, _, field = key.partition("__")
        if field:
            manifest[section][field] = value
        else:
            manifest[section] = value
    (d / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def truncated_faiss(d: Path, other: Path) -> None:
    (d / "faiss.index").write_bytes((d / "faiss.index").read_bytes()[:100])


def fewer_chunk_lines(d: Path, other: Path) -> None:
    (d / "chunks.jsonl").write_text("\n".join(_lines(d / "chunks.jsonl")[:-1]) + "\n", encoding="utf-8")


def edited_chunk_text(d: Path, other: Path) -> None:
    """Same number of lines, one chunk's words changed (valid JSON, offsets untouched)."""
    lines = _lines(d / "chunks.jsonl")
    chunk = json.loads(lines[0])
    chunk["text"] = "篡改" + chunk["text"][2:]
    lines[0] = json.dumps(chunk, ensure_ascii=False)
    (d / "chunks.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def manifest_of_another_model(d: Path, other: Path) -> None:
    shutil.copy(other / "manifest.json", d / "manifest.json")  # built with hash-128: 128-dim vectors


def manifest_of_a_model_not_here(d: Path, other: Path) -> None:
    _edit_manifest(d, model__name="intfloat/multilingual-e5-base", model__dim=768)


def manifest_of_an_older_format(d: Path, other: Path) -> None:
    _edit_manifest(d, format_version=1)


def manifest_of_a_newer_format(d: Path, other: Path) -> None:
    _edit_manifest(d, format_version=99)


def manifest_not_json(d: Path, other: Path) -> None:
    (d / "manifest.json").write_text('{"format_version": 2, "model": ', encoding="utf-8")


def vectors_missing(d: Path, other: Path) -> None:
    (d / "vectors.npy").unlink()


DAMAGES = [truncated_faiss, fewer_chunk_lines, edited_chunk_text, manifest_of_another_model,
           manifest_of_a_model_not_here, manifest_of_an_older_format, manifest_of_a_newer_format,
           manifest_not_json, vectors_missing]


@pytest.fixture(scope="module")
def good_indexes(tmp_path_factory) -> tuple[Path, Path]:
    """An excerpt index (hash-256) and one of another model (hash-128), built once."""
    root = tmp_path_factory.mktemp("good")
    for name, model in (("index", "hash"), ("index128", "hash-128")):
        build_index(IndexSettings(corpus_dir=EXCERPTS, index_dir=root / name, model=model), progress=False,
                    log=lambda _: None)
    return root / "index", root / "index128"


@pytest.fixture
def damaged(request, good_indexes, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # the missing model is looked for locally, not on the network
    d = tmp_path / "index"
    shutil.copytree(good_indexes[0], d)
    request.param(d, good_indexes[1])
    return d


def _check_message(text: str) -> None:
    assert FIX in text and "Traceback" not in text


@pytest.mark.parametrize("damaged", DAMAGES, indirect=True)
def test_pipeline_open_refuses_with_the_fix(damaged):
    with pytest.raises(IndexLoadError) as error:
        Pipeline.open(damaged)
    _check_message(str(error.value))


@pytest.mark.parametrize("damaged", DAMAGES, indirect=True)
def test_retrieval_ask_says_how_to_fix_it(damaged, capsys):
    assert retrieval_cli.main(["ask", QUESTION, "--index-dir", str(damaged)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err.startswith("error: ")
    _check_message(out.err)


@pytest.mark.parametrize("damaged", DAMAGES, indirect=True)
def test_eval_run_says_how_to_fix_it(damaged, tmp_path, capsys):
    qa = tmp_path / "qa.jsonl"
    qa.write_text(json.dumps(QA_LINE, ensure_ascii=False) + "\n", encoding="utf-8")
    argv = ["run", "--qa", str(qa), "--index-dir", str(damaged), "--corpus", str(EXCERPTS),
            "--out", str(tmp_path / "run")]
    assert eval_cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    _check_message(err)


@pytest.mark.parametrize("damaged", DAMAGES, indirect=True)
def test_the_app_says_how_to_fix_it_in_the_chat(damaged, tmp_path):
    service = IndexService(damaged, EXCERPTS, model="hash")
    service.start(build_if_missing=True)  # a manifest is there, so no rebuild starts: the fix is the user's
    assert service.state == FAILED
    handlers = Handlers(service, tmp_path / "feedback.jsonl")
    messages = handlers.respond(QUESTION, [], None, None, 5, False)[0]
    _check_message(messages[1]["content"])
    _check_message(handlers.api_ask(QUESTION)["text"])
    assert "python -m index build" in service.status_line()


def test_the_cli_process_prints_one_line_not_a_traceback(good_indexes, tmp_path):
    d = tmp_path / "index"
    shutil.copytree(good_indexes[0], d)
    manifest_of_another_model(d, good_indexes[1])
    run = subprocess.run([sys.executable, "-m", "retrieval", "ask", QUESTION, "--index-dir", str(d)], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.startswith("error: index at ") and "vector dimensions differ" in run.stderr
    _check_message(run.stderr)


# --- a build killed midway -------------------------------------------------------------------

def test_a_build_killed_with_sigkill_leaves_the_old_index_usable(good_indexes, tmp_path):
    """SIGKILL the moment the new index folder (<index>.tmp-PID) appears: the old index still loads
    with its own chunk count, answers, and the next build replaces it."""
    index_dir = tmp_path / "index"
    shutil.copytree(good_indexes[0], index_dir)
    old_chunks = load_index(index_dir).manifest["counts"]["chunks"]
    build = subprocess.Popen([sys.executable, "-m", "index", "build", "--model", "hash", "--corpus",
                              str(DEFAULT_CORPUS_DIR), "--index-dir", str(index_dir)], cwd=PROJECT_ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tmp = tmp_path / f"index.tmp-{build.pid}"
    deadline = time.monotonic() + 120
    while not tmp.exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    os.kill(build.pid, signal.SIGKILL)
    assert build.wait(timeout=30) == -signal.SIGKILL, "the build ended before it could be killed midway"

    assert tmp.exists()  # the half-written folder stays behind (see RELIABILITY.md)
    assert load_index(index_dir).manifest["counts"]["chunks"] == old_chunks
    assert "98%" in Pipeline.open(index_dir).ask(QUESTION).text

    summary = build_index(IndexSettings(corpus_dir=DEFAULT_CORPUS_DIR, index_dir=index_dir, model="hash"),
                          progress=False, log=lambda _: None)
    assert load_index(index_dir).manifest["counts"]["chunks"] == summary.chunks > old_chunks


def test_a_build_killed_between_the_two_renames_of_the_swap_leaves_the_old_index_usable(good_indexes, tmp_path):
    """swap_in renames index → index.old, then the new folder → index; killed in between, only
    index.old is there, and loading falls back to it."""
    shutil.copytree(good_indexes[0], tmp_path / "index.old")
    index = load_index(tmp_path / "index")
    assert index.path == tmp_path / "index.old" and len(index.chunks) == index.manifest["counts"]["chunks"]
