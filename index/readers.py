"""Read report files of any supported format into plain text, or say why not."""
from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from index.encodings import EncodingError, decode_report

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
# The largest bundled report is 0.1 MB; 20 MB of text is ~7 million characters. A bigger file is
# almost always a mistake (a log, a dump, a scanned book) and would stall the build, so it is skipped.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a .docx that unpacks to more is refused (zip bomb)


class UnreadableFile(Exception):
    """A report file that cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class ReportFile:
    """A report's text and the sha256 of the very bytes it was read from (the build's change check)."""

    text: str
    sha256: str


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, read once. Refuses what is not a regular file (a FIFO or device would block
    the build) and what is over the size limit, judged on the opened file itself, so a file swapped
    for a FIFO after listing cannot block, and one that grows meanwhile is still not read past the limit."""
    # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting; no effect on files
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not a regular file; copy the report's text into a .txt file")
        if info.st_size > MAX_FILE_BYTES:
            raise UnreadableFile(f"{info.st_size / 2**20:.0f} MB is over the {MAX_FILE_BYTES // 2**20} MB limit; "
                                 "split the file")
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"over the {MAX_FILE_BYTES // 2**20} MB limit; split the file")
    return data


def read_text(data: bytes) -> str:
    """Text of a .txt or .md file's bytes; see `index.encodings.decode_report` for the encodings read."""
    try:
        return decode_report(data)
    except EncodingError as exc:
        raise UnreadableFile(str(exc)) from exc


def read_docx(data: bytes) -> str:
    """Paragraph texts of a .docx file's bytes, one per line."""
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unzipped = sum(info.file_size for info in z.infolist())
        if unzipped > MAX_UNZIPPED_BYTES:
            raise UnreadableFile(f"unpacks to {unzipped / 2**20:.0f} MB, over the "
                                 f"{MAX_UNZIPPED_BYTES // 2**20} MB limit; save its text as .txt")
        document = docx.Document(io.BytesIO(data))
        return "\n".join(p.text for p in document.paragraphs)
    except UnreadableFile:
        raise
    # A damaged file makes zipfile, lxml and python-docx raise almost anything (BadZipFile,
    # PackageNotFoundError, XMLSyntaxError, KeyError, zlib.error, NotImplementedError, …).
    except Exception as exc:
        raise UnreadableFile(f"not a valid .docx ({exc.__class__.__name__}: {exc})") from exc


def read_pdf(data: bytes) -> str:
    """The text layer of a PDF file's bytes, page after page."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    # pypdf raises PyPdfError for most damage, but AttributeError, TypeError, RecursionError … for some
    except Exception as exc:
        raise UnreadableFile(f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableFile("PDF has no text layer (scanned?); run OCR first")
    return text


def read_html(data: bytes) -> str:
    """The visible text of an HTML file's bytes, without scripts, styles and navigation."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(read_text(data), "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer"]):
        tag.decompose()
    return soup.get_text("\n")


_READERS = {".txt": read_text, ".md": read_text, ".docx": read_docx,
            ".pdf": read_pdf, ".html": read_html, ".htm": read_html}


def read_report(path: Path) -> ReportFile:
    """Read one report file once: its text, and the sha256 of the bytes that text came from.

    Raises UnreadableFile (with the reason) for unsupported, oversized, binary or broken files, for
    paths that are not regular files, and for files that vanish or cannot be opened.
    """
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFile(f"unsupported type {path.suffix!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        data = _read_bytes(path)
    except OSError as exc:  # vanished, unreadable, or a symlink loop / dangling symlink
        raise UnreadableFile(f"cannot open ({exc.strerror or exc})") from exc
    return ReportFile(reader(data), hashlib.sha256(data).hexdigest())


def check_name(name: str) -> None:
    """Raise UnreadableFile for a file name that is not UTF-8: one written in GBK, as unzipping an
    archive made on Chinese Windows leaves it, could be neither hashed, stored nor shown."""
    raw = os.fsencode(name)
    try:
        raw.decode("utf-8")
        return
    except UnicodeDecodeError:
        pass
    try:
        guess = f" (in GBK it reads {raw.decode('gb18030')!r})"
    except UnicodeDecodeError:
        guess = ""
    raise UnreadableFile(f"file name is not UTF-8{guess}; rename it, or a whole folder with "
                         "`convmv -f gbk -t utf-8 -r --notest DIR`")


def printable_name(name: str) -> str:
    """`name` fit to print and store: bytes that are not UTF-8 are shown as \\xNN."""
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def read_document(path: Path) -> str:
    """The text of one report file (`read_report` without the hash)."""
    return read_report(path).text


def list_report_files(corpus_dir: Path) -> list[Path]:
    """Report files under `corpus_dir` (recursively, sorted by path; linked folders are not followed).

    Whatever is not a folder is listed, even a symbolic link that leads nowhere (dangling, or a
    loop), out of the corpus folder, or to a FIFO, and so is a link to a folder outside it whatever
    its name, so that the build reports each as skipped (`read_corpus_file` says why) instead of
    leaving it out without a word.
    """
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus_dir} does not exist; pass --corpus DIR")
    root = Path(os.path.realpath(corpus_dir))
    found = []
    for path in sorted(corpus_dir.rglob("*")):
        if path.name.startswith("."):
            continue
        try:
            if (path.suffix.lower() in SUPPORTED_SUFFIXES and not path.is_dir()) or _links_out_to_a_folder(path, root):
                found.append(path)
        except OSError:  # vanished while listing
            continue
    return found


def _links_out_to_a_folder(path: Path, root: Path) -> bool:
    return path.is_symlink() and path.is_dir() and not Path(os.path.realpath(path)).is_relative_to(root)


def check_inside(path: Path, corpus_dir: Path) -> None:
    """Raise UnreadableFile when `path` leads, through a symbolic link, to a file or folder outside
    `corpus_dir`: a link unpacked from an archive, or made by hand, could otherwise put /etc/passwd or
    a private folder into the index, and answers would quote it. Links that stay inside pass, and so
    do links to nowhere and loops within the corpus, for `read_report` to report ("cannot open (…)").

    Checked just before the file is opened, not on the opened file: a link swapped in between the two
    is not caught.
    """
    target = Path(os.path.realpath(path))  # not strict: a loop or a dangling link resolves without raising
    if target.is_relative_to(os.path.realpath(corpus_dir)) or not os.path.lexists(target):
        return
    if target.is_dir():
        fix = "copy the folder into the corpus if its reports should be indexed"
    else:
        fix = "copy the file into the corpus if it should be indexed"
    raise UnreadableFile(f"links outside the corpus folder to {printable_name(str(target))}; {fix}")


def read_corpus_file(path: Path, corpus_dir: Path) -> ReportFile:
    """Read `path`, one of `list_report_files(corpus_dir)`, as the build does (`read_report`).

    Raises UnreadableFile (with the reason) for a file name that is not UTF-8 (`check_name`), a link
    out of the corpus folder (`check_inside`) and whatever `read_report` refuses.
    """
    check_name(path.relative_to(corpus_dir).as_posix())
    check_inside(path, corpus_dir)
    return read_report(path)
