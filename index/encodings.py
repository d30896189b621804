"""Decode a text report's bytes: a byte-order mark, UTF-8, UTF-16 without a mark, and GB18030/GBK or
Big5 only when the result reads as Chinese; any other encoding is refused with what it looks like."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import islice

# Byte-order marks, longest first: a UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Chinese legacy encodings, tried in this order after UTF-8. GB18030 (a superset of GBK and GB2312)
# comes first: it is what mainland reports use, and a GBK report must never be read as anything else.
# cp950 is Big5 as Windows writes it; Big5-HKSCS adds Hong Kong characters. UTF-16 without a mark
# and without ASCII characters (so without NUL bytes) comes last.
_BIG5 = ("cp950", "big5hkscs")
_AFTER_UTF8 = ("gb18030", *_BIG5, "utf-16-le", "utf-16-be")
# subtle: GB18030 and Big5 decode almost any byte string, so Big5, EUC-KR, EUC-JP or Shift-JIS bytes
# "succeed" as nonsense characters. What tells them apart is how much of the result is everyday
# Chinese: the share of non-ASCII characters (traditional ones simplified first) among the 1,500
# most frequent characters of jieba's dictionary, or punctuation. `python tests/encoding_survey.py`
# (every bundled and test report cut into pieces of 10-400 characters, holding 10 or more non-ASCII
# ones) measures it: the right decoding scores 0.80-1.00 (GBK, traditional Chinese in GBK, Big5); a
# wrong one at most 0.41 (GBK and Big5 read as each other; EUC-KR, EUC-JP, Shift-JIS read as either),
# except EUC-JP read as Big5, up to 0.55, which its kana rule out (`_JAPANESE`).
MIN_CHINESE_SCORE = 0.6
COMMON_CHARS = 1500
_SAMPLE_CHARS = 20000
_PUNCTUATION = re.compile("[\u00b7\u00d7\u2000-\u206f\u2103\u2160-\u217f\u2460-\u24ff\u25a0-\u25ff"
                          "\u3000-\u303f\uff01-\uff60\uffe0-\uffef]")
# Full-width kana and Hangul syllables: Chinese text has next to none of either.
_JAPANESE = (("cp932", "Japanese text in Shift-JIS", "\u3040\u30ff"),
             ("euc_jp", "Japanese text in EUC-JP", "\u3040\u30ff"))
_KOREAN = (("cp949", "Korean text in EUC-KR", "\uac00\ud7a3"),)
_CUT_END = ("unexpected end of data", "incomplete multibyte sequence", "truncated data")


class EncodingError(ValueError):
    """Bytes that are not text in an encoding the reader accepts; the message says why and what to do."""


def decode_report(data: bytes) -> str:
    """The text of a report file's bytes.

    Accepts any byte-order mark (UTF-8/16/32), UTF-16 without one, UTF-8, and GB18030/GBK or Big5
    when the result reads as Chinese (`chinese_score`). A character cut off at the very end (a
    truncated copy) is dropped. Raises EncodingError for binary data and any other encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, encoding)
    if b"\x00" in data[:4096]:
        return _decode_utf16(data)
    try:
        return _decode(data, "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for encoding in _AFTER_UTF8:
        try:
            text = _decode(data, encoding)
        except UnicodeDecodeError:
            continue
        # subtle: EUC-JP read as Big5 scores up to 0.55, close to the bar, so its kana settle it. (No
        # such check for GBK: Chinese in UTF-16 or cp949 readings of GBK look like kana or Hangul.)
        if chinese_score(text) < MIN_CHINESE_SCORE:
            continue
        if encoding not in _BIG5 or _foreign_language(data, _JAPANESE) is None:
            return text
    raise EncodingError(_refusal(data, utf8_error))


def chinese_score(text: str) -> float:
    """Share of the non-ASCII characters (of the first 20,000) that are common Chinese characters,
    simplified or traditional, or punctuation; 0.0 when there are none."""
    sample = "".join(islice((c for c in text if c > "\x7f"), _SAMPLE_CHARS))
    return _common_count(sample) / len(sample) if sample else 0.0


def _common_count(text: str) -> int:
    from index.normalize import to_simplified

    common = _common_chars()
    return sum(c in common or bool(_PUNCTUATION.match(c)) for c in to_simplified(text))


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """The most frequent characters of jieba's dictionary (word frequencies summed per character).
    Loaded once, and only when a file is not UTF-8 (about a second)."""
    import jieba

    counts: Counter[str] = Counter()
    with jieba.get_dict_file() as f:
        for line in f:
            word, _, rest = line.decode("utf-8").partition(" ")
            frequency = rest.partition(" ")[0]
            if frequency.isdigit():
                for c in word:
                    counts[c] += int(frequency)
    return frozenset(c for c, _ in counts.most_common(COMMON_CHARS))


def _decode(data: bytes, encoding: str) -> str:
    """Strict decoding, except that a multi-byte character cut off at the very end is dropped."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason in _CUT_END:
            return data[:exc.start].decode(encoding)
        raise


def _decode_with_bom(data: bytes, encoding: str) -> str:
    try:
        text = _decode(data, encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"not valid {encoding} text ({exc.reason}); save it as UTF-8") from exc
    if encoding != "utf-8-sig" and not _printable(text[:2000]):  # binary that starts like a BOM
        raise EncodingError("looks binary; save it as UTF-8 text")
    return text


def _printable(text: str) -> bool:
    """True when at least 95% of `text` is printable characters or white space (no controls,
    unassigned code points or private-use characters, which binary read as UTF-16 is full of)."""
    return sum(c.isprintable() or c.isspace() for c in text) >= 0.95 * len(text) > 0


def _decode_utf16(data: bytes) -> str:
    """UTF-16 without a byte-order mark (its ASCII characters hold NUL bytes), in whichever byte order
    reads as English or Chinese; anything else with NUL bytes is binary."""
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = _decode(data, encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:_SAMPLE_CHARS]
        if not _printable(sample[:2000]):
            continue
        # subtle: the wrong byte order turns ASCII into CJK-looking characters ("a" into U+6100) and
        # Chinese into random ones, so count ASCII and common Chinese; "一" (U+4E00) holds a NUL
        # byte too, so where the NUL bytes sit cannot tell the order of a text with little ASCII.
        wide = "".join(c for c in sample if c > "\x7f")
        score = (len(sample) - len(wide) + _common_count(wide)) / len(sample)
        if score > best_score:
            best, best_score = text, score
    if best is None:
        raise EncodingError("looks binary (NUL bytes); save it as UTF-8 text")
    if best_score < MIN_CHINESE_SCORE:
        raise EncodingError("looks binary (NUL bytes), or like UTF-16 text without a byte-order mark that "
                            "reads as neither Chinese nor English; save it as UTF-8 text")
    return best


def _refusal(data: bytes, utf8_error: UnicodeDecodeError) -> str:
    """Why bytes that no accepted encoding reads are refused, naming what they look like."""
    as_utf8 = data.decode("utf-8", errors="replace")
    damaged = as_utf8.count("\ufffd")
    if damaged * 20 < sum(c > "\x7f" for c in as_utf8) - damaged:  # UTF-8 with a few bad bytes
        return (f"not valid UTF-8: {damaged} damaged byte sequence(s), the first at byte {utf8_error.start}; "
                "restore the file or save it again as UTF-8")
    return f"not UTF-8, GBK or Big5 text (it looks like {_looks_like(data)}); save it as UTF-8"


def _looks_like(data: bytes) -> str:
    language = _foreign_language(data, _JAPANESE + _KOREAN)
    if language is not None:
        return language
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return best.encoding if best else "an unknown encoding"


def _foreign_language(data: bytes, candidates: tuple[tuple[str, str, str], ...]) -> str | None:
    """The first (encoding, language, letters) candidate that decodes `data` without an error into
    text whose non-ASCII characters are at least 20% `letters`; its language, or None."""
    for encoding, language, letters in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        wide = [c for c in islice(text, _SAMPLE_CHARS) if c > "\x7f"]
        if wide and sum(letters[0] <= c <= letters[1] for c in wide) >= 0.2 * len(wide):
            return language
    return None
