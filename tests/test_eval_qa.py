"""The QA files validate against the bundled corpus, and bad QA files are rejected naming the line."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from eval.qa import QAFileError, load_qa

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "data" / "eval_corpus"
GOOD = {"id": "q1", "question": "上坪乡的总人口是多少？", "answer": "6659人",
        "evidence": ["10个行政村46个自然村,总人口6659人"], "source": "shangping.txt", "type": "factoid", "lang": "zh"}
UNANSWERABLE = {"id": "q2", "question": "上坪乡有多少名乡村医生？", "answer": "报告中没有提到", "evidence": [],
                "source": None, "type": "unanswerable", "lang": "zh"}


def _write(tmp_path: Path, lines: list[object]) -> Path:
    path = tmp_path / "qa.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                    encoding="utf-8")
    return path


QUESTION_SETS = sorted(path.name for path in (ROOT / "eval").glob("*.jsonl"))


def test_every_question_set_is_found():
    assert {"qa.jsonl", "dev2.jsonl", "dev57.jsonl", "holdout.jsonl"} <= set(QUESTION_SETS)


@pytest.mark.parametrize("name", QUESTION_SETS)
def test_bundled_question_sets_validate_against_the_corpus(name):
    path = ROOT / "eval" / name
    items = load_qa(path)  # checks every line, evidence against data/reports
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) == len(lines)
    assert all(item.answerable == bool(item.evidence) for item in items)


def test_question_sets_do_not_share_ids():
    sets = [{i.id for i in load_qa(ROOT / "eval" / name)} for name in QUESTION_SETS]
    assert all(not a & b for n, a in enumerate(sets) for b in sets[n + 1:])


def test_a_good_file_loads(tmp_path):
    items = load_qa(_write(tmp_path, [GOOD, UNANSWERABLE]), CORPUS)
    assert [i.id for i in items] == ["q1", "q2"]
    assert items[0].evidence == ("10个行政村46个自然村,总人口6659人",)
    assert items[0].answerable and not items[1].answerable


@pytest.mark.parametrize("bad, reason", [
    ('{"id": "q9", "question": ', r"line 2: bad JSON"),
    ({k: v for k, v in GOOD.items() if k != "answer"} | {"id": "q9"}, r"line 2: missing field 'answer'"),
    (GOOD | {"id": "q9", "type": "trivia"}, r"line 2: type 'trivia' is not one of"),
    (GOOD | {"id": "q9", "lang": "fr"}, r"line 2: lang 'fr' is not one of"),
    (GOOD | {"id": "q9", "evidence": "总人口6659人"}, r"line 2: field 'evidence' must be list"),
    (GOOD | {"id": "q9", "evidence": ["总人口6660人"]}, r"line 2: evidence '总人口6660人' is not a verbatim substring"),
    (UNANSWERABLE | {"id": "q9", "evidence": ["总人口6659人"]}, r"line 2: an unanswerable item must have"),
    (GOOD | {"id": "q9", "evidence": []}, r"line 2: a factoid item needs at least one evidence span"),
    (GOOD, r"line 2: id 'q1' is already used on line 1"),
    (GOOD | {"id": "q9", "source": "nowhere.txt"}, r"line 2: source 'nowhere.txt' is not a report file"),
])
def test_bad_lines_are_rejected_naming_file_and_line(tmp_path, bad, reason):
    path = _write(tmp_path, [GOOD, bad])
    with pytest.raises(QAFileError, match=reason) as err:
        load_qa(path, CORPUS)
    assert str(path) in str(err.value)


def test_blank_lines_are_skipped_but_counted(tmp_path):
    path = _write(tmp_path, [GOOD, "", '{"broken"'])
    with pytest.raises(QAFileError, match="line 3: bad JSON"):
        load_qa(path, CORPUS)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(QAFileError, match="does not exist"):
        load_qa(tmp_path / "none.jsonl", CORPUS)
    with pytest.raises(QAFileError, match="holds no questions"):
        load_qa(_write(tmp_path, [""]), CORPUS)


def test_a_report_the_build_skips_cannot_supply_evidence_or_be_a_source(tmp_path):
    """Evidence in a GBK-named file or behind a link out of the corpus used to pass, though the index skips
    both files, so the question's evidence could never be retrieved; QA now reads the corpus as the build does."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    gbk_name = os.fsdecode("报告.txt".encode("gbk"))  # its name in GBK, as unzipping a Windows archive leaves it
    (corpus / gbk_name).write_text("报告写道：全乡育龄妇女共计1234人。\n", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("外面的文件：机密数字5678。\n", encoding="utf-8")
    os.symlink(tmp_path / "outside.txt", corpus / "link.txt")
    assert [i.id for i in load_qa(_write(tmp_path, [GOOD]), corpus)] == ["q1"]
    for evidence, source in [("全乡育龄妇女共计1234人", gbk_name), ("机密数字5678", "link.txt")]:
        with pytest.raises(QAFileError, match="line 2: evidence .* is not a verbatim substring"):
            load_qa(_write(tmp_path, [GOOD, json.dumps(GOOD | {"id": "q9", "evidence": [evidence]})]), corpus)
        with pytest.raises(QAFileError, match="line 2: source .* is not a report file") as err:
            load_qa(_write(tmp_path, [GOOD, json.dumps(GOOD | {"id": "q9", "source": source})]), corpus)
        str(err.value).encode("utf-8")  # the message, even naming the GBK file, can be printed and logged
