"""Tests for index.readers: each supported format reads back the report's text; bad files say why."""
from __future__ import annotations

import hashlib
import os
import re
import zipfile
from pathlib import Path

import pytest

from index.cleaning import clean_lines
from index.readers import (MAX_FILE_BYTES, UnreadableFile, check_name, list_report_files, printable_name,
                           read_corpus_file, read_document, read_report)

EXCERPT = (Path(__file__).parent / "data" / "reports" / "wuduhai.txt").read_text(encoding="utf-8")
LINES = EXCERPT.splitlines()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds `text` (Latin-1, standard Helvetica, no embedded font)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- text files ------------------------------------------------------------------------------

def test_utf8_text(tmp_path):
    assert read_document(_write(tmp_path / "r.txt", EXCERPT.encode("utf-8"))) == EXCERPT


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    text = read_document(_write(tmp_path / "r.txt", b"\xef\xbb\xbf" + EXCERPT.encode("utf-8")))
    assert text == EXCERPT
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_encoded_text(tmp_path, encoding):
    data = EXCERPT.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test is only meaningful if UTF-8 cannot read it
    assert read_document(_write(tmp_path / "r.txt", data)) == EXCERPT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(tmp_path, encoding):
    assert read_document(_write(tmp_path / "r.txt", EXCERPT.encode(encoding))) == EXCERPT


def test_big5_html(tmp_path):
    html = ("<html><head><meta charset='big5'><script>var tracker = '統計';</script></head>\n"
            "<body><p>計劃生育工作報告</p>\n<p>婚檢率達到百分之九十八，各鄉鎮簽訂責任書。</p></body></html>")
    text = read_document(_write(tmp_path / "r.html", html.encode("big5")))
    assert clean_lines(text) == ["計劃生育工作報告", "婚檢率達到百分之九十八，各鄉鎮簽訂責任書。"]


def test_korean_text_is_unreadable_with_the_reason(tmp_path):
    korean = "이 보고서는 지역 가족계획 사업의 추진 현황을 정리한 것입니다.\n" * 3
    with pytest.raises(UnreadableFile, match=r"it looks like Korean text in EUC-KR\); save it as UTF-8"):
        read_document(_write(tmp_path / "r.txt", korean.encode("euc_kr")))


def test_read_report_hashes_the_very_bytes_it_decoded(tmp_path):
    data = EXCERPT.encode("gbk")
    report = read_report(_write(tmp_path / "r.txt", data))
    assert report.text == EXCERPT and report.sha256 == hashlib.sha256(data).hexdigest()


def test_markdown_reads_as_text(tmp_path):
    assert read_document(_write(tmp_path / "r.md", EXCERPT.encode("utf-8"))) == EXCERPT


# --- other formats ---------------------------------------------------------------------------

def test_docx_paragraphs_become_lines(tmp_path):
    import docx

    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    document.save(tmp_path / "r.docx")
    assert read_document(tmp_path / "r.docx").splitlines() == LINES


def test_pdf_text_layer(tmp_path):
    path = _write(tmp_path / "r.pdf", minimal_pdf("Family planning report, 2011: 98% premarital checks"))
    assert read_document(path).strip() == "Family planning report, 2011: 98% premarital checks"


def test_pdf_without_text_layer_says_run_ocr(tmp_path):
    with pytest.raises(UnreadableFile, match="no text layer.*OCR"):
        read_document(_write(tmp_path / "scan.pdf", minimal_pdf("")))


@pytest.mark.parametrize("data", [b"not a pdf at all", minimal_pdf("Family planning")[:150]],
                         ids=["junk", "truncated"])
def test_broken_pdf(tmp_path, data):
    with pytest.raises(UnreadableFile, match="not a readable PDF"):
        read_document(_write(tmp_path / "r.pdf", data))


def _html(body_lines: list[str]) -> str:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in body_lines)
    return ("<html><head><meta charset='utf-8'><style>p { color: red }</style>"
            "<script>var tracker = '统计代码';</script></head>\n"
            f"<body><nav>首页 | 范文大全</nav>\n{paragraphs}<footer>版权所有</footer></body></html>")


def test_html_keeps_text_and_drops_script_style_navigation(tmp_path):
    text = read_document(_write(tmp_path / "r.html", _html(LINES).encode("utf-8")))
    assert clean_lines(text) == LINES
    for dropped in ("tracker", "统计代码", "color", "首页", "版权所有"):
        assert dropped not in text


def test_gbk_html(tmp_path):
    text = read_document(_write(tmp_path / "r.htm", _html(LINES).encode("gbk")))
    assert clean_lines(text) == LINES


# --- unreadable files ------------------------------------------------------------------------

def test_unsupported_suffix_names_the_supported_ones(tmp_path):
    with pytest.raises(UnreadableFile, match=r"unsupported type '\.xlsx'; supported: .*\.docx"):
        read_document(_write(tmp_path / "r.xlsx", b"PK\x03\x04"))


def test_binary_file(tmp_path):
    data = bytes(range(256)) * 8
    with pytest.raises(UnreadableFile, match="looks binary.*UTF-8"):
        read_document(_write(tmp_path / "r.txt", data))


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("make", [
    lambda p: _zip(p, {"junk.bin": b"\x01\x02 junk"}),  # a zip, but not an Office package
    lambda p: _write(p, b"this is not a zip file at all"),  # e.g. an old .doc renamed
    lambda p: _zip(p, {"[Content_Types].xml": b"junk << not xml"}),  # a zip with broken XML parts
], ids=["zip-of-junk", "not-a-zip", "broken-xml"])
def test_broken_docx(tmp_path, make):
    with pytest.raises(UnreadableFile, match=r"not a valid \.docx"):
        read_document(make(tmp_path / "r.docx"))


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(UnreadableFile, match=f"over the {MAX_FILE_BYTES // 2**20} MB limit; split the file"):
        read_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableFile, match="cannot open"):
        read_document(tmp_path / "gone.txt")


# --- listing a corpus folder -----------------------------------------------------------------

def test_list_report_files_recursive_sorted_and_filtered(tmp_path):
    for name in ("b.txt", "a.docx", "sub/c.md", "sub/deeper/d.html", ".hidden.txt", "notes.xlsx", "e.TXT"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()  # a folder with a report-like name is not a file
    found = [p.relative_to(tmp_path).as_posix() for p in list_report_files(tmp_path)]
    assert found == ["a.docx", "b.txt", "e.TXT", "sub/c.md", "sub/deeper/d.html"]


def test_list_report_files_missing_folder_says_pass_corpus(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist; pass --corpus DIR"):
        list_report_files(tmp_path / "nowhere")


def test_a_file_name_in_gbk_is_refused_with_its_likely_name_and_the_fix():
    name = "sub/" + os.fsdecode("报告.txt".encode("gbk"))  # as Python lists a GBK name: with surrogate escapes
    with pytest.raises(UnreadableFile, match=r"file name is not UTF-8 \(in GBK it reads 'sub/报告.txt'\); rename it"
                                             r", or a whole folder with `convmv -f gbk -t utf-8 -r --notest DIR`"):
        check_name(name)
    assert printable_name(name) == r"sub/\xb1\xa8\xb8\xe6.txt"
    check_name("sub/报告.txt")  # a UTF-8 name passes
    assert printable_name("sub/报告.txt") == "sub/报告.txt"


# --- links in a corpus folder ----------------------------------------------------------------

@pytest.fixture
def linked(tmp_path) -> tuple[Path, Path]:
    """A corpus folder and, beside it, an outside folder holding a secret file and a report: (corpus, outside)."""
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    (corpus / "sub").mkdir(parents=True)
    (outside / "reports").mkdir(parents=True)
    (corpus / "sub" / "real.txt").write_text(EXCERPT, encoding="utf-8")
    (outside / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (outside / "reports" / "r.txt").write_text(EXCERPT, encoding="utf-8")
    return corpus, outside


def test_a_link_to_a_file_outside_the_corpus_is_listed_but_refused(linked):
    corpus, outside = linked
    os.symlink(outside / "secret.txt", corpus / "passwd.txt")
    os.symlink("../../outside/secret.txt", corpus / "sub" / "relative.txt")  # a relative link climbs out too
    assert [p.name for p in list_report_files(corpus)] == ["passwd.txt", "real.txt", "relative.txt"]
    target = re.escape(str(outside.resolve() / "secret.txt"))
    for link in (corpus / "passwd.txt", corpus / "sub" / "relative.txt"):
        with pytest.raises(UnreadableFile, match=f"^links outside the corpus folder to {target}; "
                                                 "copy the file into the corpus if it should be indexed$"):
            read_corpus_file(link, corpus)


def test_a_link_to_a_folder_outside_the_corpus_is_listed_whatever_its_name_and_refused(linked):
    corpus, outside = linked
    os.symlink(outside / "reports", corpus / "more")
    found = list_report_files(corpus)
    assert [p.relative_to(corpus).as_posix() for p in found] == ["more", "sub/real.txt"]  # not more/r.txt
    target = re.escape(str(outside.resolve() / "reports"))
    with pytest.raises(UnreadableFile, match=f"^links outside the corpus folder to {target}; "
                                             "copy the folder into the corpus if its reports should be indexed$"):
        read_corpus_file(corpus / "more", corpus)


def test_links_that_stay_inside_the_corpus_are_read(linked):
    corpus, _ = linked
    os.symlink("sub/real.txt", corpus / "alias.txt")
    os.symlink("sub", corpus / "inside")  # a folder link inside: not followed, and not reported either
    assert [p.relative_to(corpus).as_posix() for p in list_report_files(corpus)] == ["alias.txt", "sub/real.txt"]
    assert read_corpus_file(corpus / "alias.txt", corpus).text == EXCERPT
    os.symlink(corpus, corpus.parent / "corpus-link")  # the corpus folder itself reached through a link
    via_link = corpus.parent / "corpus-link"
    assert [read_corpus_file(p, via_link).text for p in list_report_files(via_link)] == [EXCERPT, EXCERPT]


def test_a_link_to_nowhere_outside_the_corpus_is_left_for_the_read_to_report(linked):
    corpus, outside = linked
    os.symlink(outside / "removed.txt", corpus / "dangling.txt")
    with pytest.raises(UnreadableFile, match=r"^cannot open \(No such file or directory\)$"):
        read_corpus_file(corpus / "dangling.txt", corpus)


def test_read_corpus_file_refuses_a_name_that_is_not_utf8(tmp_path):
    path = tmp_path / os.fsdecode("报告.txt".encode("gbk"))
    path.write_text(EXCERPT, encoding="utf-8")
    with pytest.raises(UnreadableFile, match="file name is not UTF-8"):
        read_corpus_file(path, tmp_path)
