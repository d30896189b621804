"""Read report files of any supported format into plain text, or say why not."""
from __future__ import annotations

import stat
import zipfile
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
# The largest bundled report is 0.1 MB; 20 MB of text is ~7 million characters. A bigger file is
# almost always a mistake (a log, a dump, a scanned book) and would stall the build, so it is skipped.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a .docx that unpacks to more is refused (zip bomb)
# Byte-order marks, longest first: a UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_BIG5 = ("big5", "big5hkscs", "cp950")  # traditional Chinese encodings, read as detected
_SAMPLE = 65536


class UnreadableFile(Exception):
    """A report file that cannot be read; the message says why and what to do."""


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing to read past the size limit even if the file grows meanwhile."""
    with path.open("rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"over the {MAX_FILE_BYTES // 2**20} MB limit; split the file")
    return data


def _looks_chinese(text: str) -> bool:
    """True when most non-ASCII characters are common Chinese (GB2312) ones.

    subtle: GB18030 decodes almost any byte string, so Shift-JIS or Big5 bytes "succeed" as
    nonsense characters; real GBK reports score above 0.99 here, Shift-JIS near 0, Big5 ~0.4.
    """
    sample = [c for c in text[:20000] if ord(c) > 127]
    if not sample:
        return True
    common = 0
    for c in sample:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.5 * len(sample)


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE]).best()
    return best.encoding if best else None


def _textlike(text: str) -> bool:
    """Mostly ASCII text or CJK characters and punctuation, as a report in UTF-16 decodes to."""
    ok = sum(" " <= c <= "~" or c in "\t\r\n" or "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"
             for c in text)
    return ok > 0.9 * len(text)


def _nul_reason(data: bytes) -> str:
    head = data[:4096]
    head = head[:len(head) // 2 * 2]  # whole UTF-16 code units
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            if _textlike(head.decode(encoding)):
                return "looks like UTF-16 text without a byte-order mark; save it as UTF-8"
        except UnicodeDecodeError:
            continue
    return "looks binary (NUL bytes); save it as UTF-8 text"


def read_text_file(path: Path) -> str:
    """Decode a file's text: a byte-order mark's encoding, else UTF-8, else GB18030/GBK when the
    result reads as Chinese, else Big5 when detected.

    Raises UnreadableFile for binary content or any other encoding (naming the one it looks like).
    """
    data = _read_bytes(path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableFile(f"not valid {encoding} text ({exc.reason}); save it as UTF-8") from exc
            if encoding != "utf-8-sig" and not _textlike(text[:2000]):  # binary that starts like a BOM
                raise UnreadableFile("looks binary; save it as UTF-8 text")
            return text
    if b"\x00" in data[:4096]:
        raise UnreadableFile(_nul_reason(data))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_chinese(text):
            return text
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data)
    if guess in _BIG5:
        try:
            return data.decode(guess)
        except UnicodeDecodeError:
            pass
    raise UnreadableFile(f"not UTF-8, GBK or Big5 text (it looks like {guess or 'an unknown encoding'}); "
                         "save it as UTF-8")


def read_docx(path: Path) -> str:
    import docx

    try:
        with zipfile.ZipFile(path) as z:
            unzipped = sum(info.file_size for info in z.infolist())
        if unzipped > MAX_UNZIPPED_BYTES:
            raise UnreadableFile(f"unpacks to {unzipped / 2**20:.0f} MB, over the "
                                 f"{MAX_UNZIPPED_BYTES // 2**20} MB limit; save its text as .txt")
        document = docx.Document(str(path))
        return "\n".join(p.text for p in document.paragraphs)
    except UnreadableFile:
        raise
    # A damaged file makes zipfile, lxml and python-docx raise almost anything (BadZipFile,
    # PackageNotFoundError, XMLSyntaxError, KeyError, zlib.error, NotImplementedError, …).
    except Exception as exc:
        raise UnreadableFile(f"not a valid .docx ({exc.__class__.__name__}: {exc})") from exc


def read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    # pypdf raises PyPdfError for most damage, but AttributeError, TypeError, RecursionError … for some
    except Exception as exc:
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

    Raises UnreadableFile (with the reason) for unsupported, oversized, binary or broken files,
    and for paths that are not regular files (a FIFO or device would block the build).
    """
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFile(f"unsupported type {path.suffix!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not a regular file; copy the report's text into a .txt file")
        if info.st_size > MAX_FILE_BYTES:
            raise UnreadableFile(f"{info.st_size / 2**20:.0f} MB is over the {MAX_FILE_BYTES // 2**20} MB limit; "
                                 "split the file")
        return reader(path)
    except OSError as exc:  # vanished, unreadable, or a symlink loop / dangling symlink
        raise UnreadableFile(f"cannot open ({exc.strerror or exc})") from exc


def list_report_files(corpus_dir: Path) -> list[Path]:
    """Report files under `corpus_dir` (recursively, sorted by path; linked folders are not followed).

    Whatever is not a folder is listed, even a symbolic link that leads nowhere (dangling, or a
    loop) or a FIFO, so that the build reports it as skipped instead of leaving it out without a word.
    """
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus_dir} does not exist; pass --corpus DIR")
    found = []
    for path in sorted(corpus_dir.rglob("*")):
        if path.name.startswith(".") or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            if not path.is_dir():
                found.append(path)
        except OSError:  # vanished while listing
            continue
    return found
