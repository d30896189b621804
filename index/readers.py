"""Read report files of any supported format into plain text, or say why not."""
from __future__ import annotations

import zipfile
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
MAX_FILE_BYTES = 64 * 1024 * 1024


class UnreadableFile(Exception):
    """A report file that cannot be read; the message says why and what to do."""


def read_text_file(path: Path) -> str:
    """Decode a file's text: UTF-8 (with or without BOM), else GB18030/GBK, else a detected encoding.

    Raises UnreadableFile for binary content or an undetectable encoding.
    """
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise UnreadableFile("looks binary (NUL bytes); save it as UTF-8 text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFile("unknown text encoding; save it as UTF-8")
    return str(best)


def read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
    # python-docx raises PackageNotFoundError for a file that is not a zip at all, and lxml's
    # XMLSyntaxError for a zip whose document parts are not XML
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, XMLSyntaxError) as exc:
        raise UnreadableFile(f"not a valid .docx ({exc.__class__.__name__}: {exc})") from exc
    return "\n".join(p.text for p in document.paragraphs)


def read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, OSError) as exc:
        raise UnreadableFile(f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableFile("PDF has no text layer (scanned?); run OCR first")
    return text


def read_html(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(read_text_file(path), "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer"]):
        tag.decompose()
    return soup.get_text("\n")


_READERS = {".txt": read_text_file, ".md": read_text_file, ".docx": read_docx,
            ".pdf": read_pdf, ".html": read_html, ".htm": read_html}


def read_document(path: Path) -> str:
    """Return the text of one report file.

    Raises UnreadableFile (with the reason) for unsupported, oversized, binary or broken files.
    """
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFile(f"unsupported type {path.suffix!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(f"{size / 2**20:.0f} MB is over the {MAX_FILE_BYTES // 2**20} MB limit; split the file")
        return reader(path)
    except OSError as exc:
        raise UnreadableFile(f"cannot open ({exc.strerror or exc})") from exc


def list_report_files(corpus_dir: Path) -> list[Path]:
    """Report files under `corpus_dir` (recursively, symlink loops ignored), sorted by path."""
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus_dir} does not exist; pass --corpus DIR")
    found = []
    for path in sorted(corpus_dir.rglob("*")):
        if path.name.startswith(".") or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            if path.is_file():
                found.append(path)
        except OSError:  # symlink loop or vanished file
            continue
    return found
