"""Hardening: a corpus folder holding every kind of bad file still indexes its good reports, and each
bad file is reported in BuildSummary.skipped with a reason that says what to do (RELIABILITY.md)."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest

import index.readers
from index.build import build_index
from index.readers import MAX_FILE_BYTES, ReportFile, UnreadableFile, read_document
from index.settings import IndexSettings
from index.store import load_index
from tests.test_readers import minimal_pdf

EXCERPTS = Path(__file__).parent / "data" / "reports"
GOOD = {"mingxikou.txt", "shangping.txt", "wuduhai.txt"}
JAPANESE = "本報告書は、地域における家族計画の取り組みについてまとめたものです。\n婚前検査率は９８％に達しました。\n" * 4
SECRET = "root:x:0:0:root:/root:/bin/bash 机密：上坪乡婚检率达到98%"
KOREAN = "이 보고서는 지역 가족계획 사업의 추진 현황을 정리한 것입니다.\n혼전 건강검진 수검률은 98%에 달했습니다.\n" * 4


def _docx_bytes(text: str) -> bytes:
    import docx

    document, buffer = docx.Document(), io.BytesIO()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def _junk_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", os.urandom(2048))
        z.writestr("junk.bin", b"\x00\x01 junk")
    return buffer.getvalue()


def _damaged_docx() -> bytes:
    """A real .docx whose compressed document part is garbled: zlib raises, not python-docx."""
    data = bytearray(_docx_bytes("上坪乡婚检率达到98%。" * 50))
    at = data.find(b"word/document.xml") + 60
    data[at:at + 40] = bytes(40)
    return bytes(data)


# name -> (bytes, words the skip reason must contain)
BAD_FILES = {
    "empty.txt": (b"", "no text after cleaning"),
    "binary.txt": (bytes(range(256)) * 16, "looks binary"),
    "truncated.pdf": (minimal_pdf("Family planning report")[:150], "not a readable PDF"),
    "junk-zip.docx": (_junk_zip(), "not a valid .docx"),
    "damaged.docx": (_damaged_docx(), "not a valid .docx"),
    "shift-jis.txt": (JAPANESE.encode("shift_jis"), "Japanese text in Shift-JIS"),
    "euc-jp.txt": (JAPANESE.encode("euc_jp"), "Japanese text in EUC-JP"),  # GB18030 "reads" these two
    "euc-kr.txt": (KOREAN.encode("euc_kr"), "Korean text in EUC-KR"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, object, float]:
    """The three excerpts plus every kind of bad file, built once: (corpus, summary, seconds)."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    shutil.copytree(EXCERPTS, corpus)
    for name, (data, _) in BAD_FILES.items():
        (corpus / name).write_bytes(data)
    with (corpus / "huge.txt").open("wb") as f:  # 50 MB, sparse: nothing is written to disk
        f.truncate(50 * 2**20)
    os.symlink("loop-b.txt", corpus / "loop-a.txt")
    os.symlink("loop-a.txt", corpus / "loop-b.txt")
    os.symlink("self.txt", corpus / "self.txt")
    os.symlink(root / "removed-target", corpus / "dangling.txt")
    (corpus / "sub").mkdir()
    os.symlink("..", corpus / "sub" / "up")  # a folder loop: never followed
    os.mkfifo(corpus / "fifo.txt")  # reading it would block the build forever
    (root / "private").mkdir()
    (root / "private" / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    os.symlink(root / "private" / "secret.txt", corpus / "passwd.txt")  # as /etc/passwd would be
    os.symlink(root / "private", corpus / "private-reports")  # a linked folder outside
    # "报告.txt" with its name in GBK, as unzipping an archive made on Chinese Windows leaves it
    (corpus / os.fsdecode("报告.txt".encode("gbk"))).write_text("上坪乡婚检率达到98%。\n", encoding="utf-8")
    started = time.perf_counter()
    summary = build_index(IndexSettings(corpus_dir=corpus, index_dir=root / "index", model="hash"),
                          progress=False, log=lambda _: None)
    return corpus, summary, time.perf_counter() - started


def test_the_good_reports_are_indexed(hostile):
    corpus, summary, _ = hostile
    index = load_index(corpus.parent / "index")
    assert set(index.manifest["corpus"]["files"]) == GOOD
    assert summary.files == 3 and {c.report for c in index.chunks} == GOOD


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_skipped_with_its_reason(hostile, name):
    reasons = {s.path: s.reason for s in hostile[1].skipped}
    assert BAD_FILES[name][1] in reasons[name]


def test_a_50_mb_file_is_skipped_by_its_size_without_being_read(hostile):
    _, summary, seconds = hostile
    reasons = {s.path: s.reason for s in summary.skipped}
    assert reasons["huge.txt"] == f"50 MB is over the {MAX_FILE_BYTES // 2**20} MB limit; split the file"
    assert seconds < 30  # reading 50 MB and decoding it would take far longer than skipping it


@pytest.mark.parametrize("name, reason", [("loop-a.txt", "Too many levels of symbolic links"),
                                          ("self.txt", "Too many levels of symbolic links"),
                                          ("dangling.txt", "No such file or directory"),
                                          ("fifo.txt", "not a regular file")])
def test_links_that_lead_nowhere_and_special_files_are_reported(hostile, name, reason):
    reasons = {s.path: s.reason for s in hostile[1].skipped}
    assert reason in reasons[name]


def test_a_file_name_that_is_not_utf8_is_reported_not_fatal(hostile):
    """It used to stop the whole build: its name could not be encoded for the chunk ids or the manifest."""
    reasons = {s.path: s.reason for s in hostile[1].skipped}
    assert reasons[r"\xb1\xa8\xb8\xe6.txt"] == ("file name is not UTF-8 (in GBK it reads '报告.txt'); rename it, "
                                               "or a whole folder with `convmv -f gbk -t utf-8 -r --notest DIR`")


def test_a_folder_link_loop_is_not_followed(hostile):
    corpus, summary, _ = hostile
    reported = {s.path for s in summary.skipped} | set(load_index(corpus.parent / "index").manifest["corpus"]["files"])
    assert not any(p.startswith("sub/") for p in reported)


def test_links_out_of_the_corpus_folder_are_reported_not_indexed(hostile):
    """They used to be followed: the build indexed what they led to, and answers could quote it."""
    corpus, summary, _ = hostile
    reasons = {s.path: s.reason for s in summary.skipped}
    private = corpus.parent.resolve() / "private"
    assert reasons["passwd.txt"] == (f"links outside the corpus folder to {private / 'secret.txt'}; "
                                     "copy the file into the corpus if it should be indexed")
    assert reasons["private-reports"] == (f"links outside the corpus folder to {private}; "
                                          "copy the folder into the corpus if its reports should be indexed")
    assert not any(SECRET[:10] in c.text for c in load_index(corpus.parent / "index").chunks)


def test_a_link_inside_the_corpus_folder_is_indexed_like_its_target(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXCERPTS, corpus / "sub")
    os.symlink("sub/wuduhai.txt", corpus / "alias.txt")
    summary = build_index(IndexSettings(corpus_dir=corpus, index_dir=tmp_path / "index", model="hash"),
                          progress=False, log=lambda _: None)
    index_ = load_index(tmp_path / "index")
    assert summary.skipped == [] and summary.files == 4
    texts = {name: "".join(c.text for c in index_.chunks if c.report == name)
             for name in ("alias.txt", "sub/wuduhai.txt")}
    assert texts["alias.txt"] == texts["sub/wuduhai.txt"] and "无毒害县" in texts["alias.txt"]


def test_a_file_that_vanishes_between_listing_and_reading_is_skipped(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXCERPTS, corpus)
    real_read = index.readers.read_report

    def read_after_it_vanished(path: Path) -> ReportFile:
        if path.name == "wuduhai.txt":
            path.unlink()  # another process deletes it after the folder was listed
        return real_read(path)

    monkeypatch.setattr(index.readers, "read_report", read_after_it_vanished)
    summary = build_index(IndexSettings(corpus_dir=corpus, index_dir=tmp_path / "index", model="hash"),
                          progress=False, log=lambda _: None)
    assert {s.path: s.reason for s in summary.skipped} == {"wuduhai.txt": "cannot open (No such file or directory)"}
    assert summary.files == 2


def test_a_file_rewritten_during_the_build_is_indexed_with_the_hash_of_what_was_read(tmp_path, monkeypatch):
    """The recorded hash must belong to the indexed text: were the file hashed after it was read, the
    build below would record the new content's hash for the old text, and the next build would keep
    the stale text, believing it up to date."""
    corpus = tmp_path / "corpus"
    shutil.copytree(EXCERPTS, corpus)
    settings = IndexSettings(corpus_dir=corpus, index_dir=tmp_path / "index", model="hash")
    target = corpus / "wuduhai.txt"
    old_bytes, new_text = target.read_bytes(), "新的内容：全县计划生育服务站已覆盖所有乡镇和村组。\n"
    real_read = index.readers.read_report

    def read_then_rewrite(path: Path) -> ReportFile:
        report = real_read(path)
        if path == target and target.read_bytes() == old_bytes:
            target.write_text(new_text, encoding="utf-8")  # an editor saves it the moment it was read
        return report

    monkeypatch.setattr(index.readers, "read_report", read_then_rewrite)
    build_index(settings, progress=False, log=lambda _: None)
    index_ = load_index(settings.index_dir)
    assert index_.manifest["corpus"]["files"]["wuduhai.txt"] == hashlib.sha256(old_bytes).hexdigest()
    indexed = "".join(c.text for c in index_.chunks if c.report == "wuduhai.txt")
    assert "无毒害县" in indexed and "新的内容" not in indexed

    monkeypatch.undo()
    summary = build_index(settings, progress=False, log=lambda _: None)
    assert summary.changed_files == ["wuduhai.txt"]
    assert new_text.strip() in "".join(c.text for c in load_index(settings.index_dir).chunks
                                        if c.report == "wuduhai.txt")


# --- the readers on their own ------------------------------------------------------------------

def test_utf16_with_a_byte_order_mark_is_read(tmp_path):
    text = (EXCERPTS / "wuduhai.txt").read_text(encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(text.encode("utf-16"))
    assert read_document(tmp_path / "r.txt") == text


def test_big5_traditional_chinese_is_read(tmp_path):
    text = "這是一份關於計劃生育工作的報告，婚檢率達到百分之九十八。\n各鄉鎮簽訂責任書，層層落實目標管理責任制。\n" * 3
    (tmp_path / "r.txt").write_bytes(text.encode("big5"))
    assert read_document(tmp_path / "r.txt") == text


def test_shift_jis_is_refused_not_read_as_gbk_nonsense(tmp_path):
    (tmp_path / "r.txt").write_bytes(JAPANESE.encode("shift_jis"))
    assert JAPANESE.encode("shift_jis").decode("gb18030")  # GB18030 would "read" it, as nonsense
    with pytest.raises(UnreadableFile, match=r"not UTF-8, GBK or Big5 text \(it looks like .*\); save it as UTF-8"):
        read_document(tmp_path / "r.txt")


@pytest.mark.parametrize("cut", range(40, 2000, 97))
def test_a_docx_cut_anywhere_is_unreadable_not_a_crash(tmp_path, cut):
    (tmp_path / "r.docx").write_bytes(_docx_bytes("上坪乡婚检率达到98%。" * 20)[:cut])
    with pytest.raises(UnreadableFile, match=r"not a valid \.docx"):
        read_document(tmp_path / "r.docx")


def test_a_docx_that_unpacks_to_too_much_is_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\x00" * (201 * 2**20))  # ~200 KB on disk
    with pytest.raises(UnreadableFile, match="unpacks to 201 MB, over the 200 MB limit"):
        read_document(tmp_path / "bomb.docx")
