"""Tests for index.encodings: every accepted encoding reads a report back exactly, and the encodings that
GB18030 or Big5 would "read" as nonsense (Japanese, Korean, the other Chinese one) are told apart."""
from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import pytest

from index.encodings import MIN_CHINESE_SCORE, EncodingError, chinese_score, decode_report
from index.normalize import to_simplified
from index.settings import DEFAULT_CORPUS_DIR

DATA = Path(__file__).parent / "data"
REPORTS = sorted(DEFAULT_CORPUS_DIR.glob("*.txt")) + sorted((DATA / "reports").glob("*.txt"))
REPORT = (DATA / "reports" / "shangping.txt").read_text(encoding="utf-8")
TRADITIONAL = "這是一份關於計劃生育工作的報告，婚檢率達到百分之九十八。\n各鄉鎮簽訂責任書，層層落實目標管理責任制。\n"
JAPANESE = ("本報告書は、地域の家族計画事業の実施状況について取りまとめたものである。\n"
            "婚前健康診断の受診率は９８％に達し、各町村において責任書の締結が行われた。\n")
KOREAN = ("이 보고서는 지역 가족계획 사업의 추진 현황을 정리한 것입니다. 혼전 건강검진 수검률은 98%에 달했으며, "
          "각 읍면에서 책임서를 체결하였습니다.\n앞으로도 관계 기관과 협력하여 주민 홍보 활동을 계속 추진할 예정입니다.\n")


@lru_cache(maxsize=1)
def _s2t_converter():
    import opencc

    return opencc.OpenCC("s2t")


def _s2t(text: str) -> str:
    return _s2t_converter().convert(text)


# --- Chinese in every accepted encoding reads back exactly -----------------------------------

@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16-le", "utf-16-be", "utf-16", "utf-32", "utf-8-sig"])
def test_every_bundled_report_reads_back_exactly(encoding):
    for path in REPORTS:
        # errors="ignore": one report holds a "„" that GBK lacks, so it is left out of the GBK copy
        data = path.read_text(encoding="utf-8").encode(encoding, errors="ignore")
        assert decode_report(data) == data.decode(encoding), path.name


@pytest.mark.parametrize("encoding", ["gbk", "cp950", "big5"])
def test_traditional_chinese_in_big5_or_gbk_reads_back_exactly(encoding):
    for path in REPORTS:
        data = _s2t(path.read_text(encoding="utf-8")).encode(encoding, errors="ignore")
        assert decode_report(data) == data.decode(encoding), path.name


@pytest.mark.parametrize("encoding", ["gbk", "cp950", "utf-16-le", "utf-16-be"])
def test_short_pieces_of_every_report_read_back_exactly(encoding):
    """Short files are where the Chinese score has least to go on: 30-character pieces, the shortest
    of which, in UTF-16, hold no ASCII and so no NUL byte to give the encoding away."""
    rng = random.Random(8)
    for path in REPORTS:
        text = path.read_text(encoding="utf-8")
        text = _s2t(text) if encoding == "cp950" else text
        for start in (rng.randrange(len(text) - 30) for _ in range(20)):
            piece = text[start:start + 30]
            data = piece.encode(encoding, errors="ignore")
            assert decode_report(data) == data.decode(encoding), (path.name, start)


def test_big5_and_gbk_bytes_of_the_same_text_both_read_right():
    big5, gbk = TRADITIONAL.encode("big5"), TRADITIONAL.encode("gbk")
    assert big5.decode("gb18030") != TRADITIONAL  # GB18030 "reads" the Big5 bytes, as nonsense
    assert decode_report(big5) == decode_report(gbk) == TRADITIONAL


def test_english_in_utf16_without_a_byte_order_mark():
    text = "Family planning report\nrate: 98%\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode_report(text.encode(encoding)) == text


def test_a_character_cut_off_at_the_end_is_dropped():
    for encoding in ("utf-8", "gbk", "utf-16-le"):
        data = REPORT.encode(encoding)
        assert decode_report(data[:-1]) == REPORT[:-1], encoding  # the report ends with "。"


# --- what is refused, and why ----------------------------------------------------------------

@pytest.mark.parametrize("text, encoding, looks_like", [
    (JAPANESE, "shift_jis", "Japanese text in Shift-JIS"),
    (JAPANESE, "euc_jp", "Japanese text in EUC-JP"),
    (KOREAN, "euc_kr", "Korean text in EUC-KR"),
    (KOREAN, "cp949", "Korean text in EUC-KR"),
])
def test_japanese_and_korean_are_refused_not_read_as_chinese_nonsense(text, encoding, looks_like):
    data = text.encode(encoding)
    assert data.decode("gb18030")  # GB18030 decodes them without an error: the trap being tested
    with pytest.raises(EncodingError, match=rf"not UTF-8, GBK or Big5 text \(it looks like {looks_like}\); "
                                            "save it as UTF-8"):
        decode_report(data)


def test_japanese_in_utf8_is_read():  # UTF-8 is unambiguous: the reader checks encodings, not languages
    assert decode_report(JAPANESE.encode("utf-8")) == JAPANESE


def test_latin1_is_refused_naming_a_guess():
    with pytest.raises(EncodingError, match=r"not UTF-8, GBK or Big5 text \(it looks like cp125\d\)"):
        decode_report("Le taux a atteint 98 %, très élevé. Naïve café.\n".encode("latin-1"))


def test_utf8_with_a_damaged_byte_says_where():
    head = REPORT[:100].encode("utf-8")
    damaged = head + b"\xff" + REPORT[100:].encode("utf-8")
    with pytest.raises(EncodingError, match=rf"not valid UTF-8: 1 damaged byte sequence\(s\), the first at byte "
                                            rf"{len(head)}; restore the file or save it again as UTF-8"):
        decode_report(damaged)


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, bytes(range(100)) * 10, b"\xff\xfe" + bytes(range(7, 255))],
                         ids=["all-bytes", "small-integers", "utf16-mark-then-binary"])
def test_binary_is_refused(data):
    with pytest.raises(EncodingError, match=r"looks binary|not valid utf-16"):
        decode_report(data)


def test_utf16_of_another_script_without_a_mark_is_refused_with_the_reason():
    with pytest.raises(EncodingError, match="UTF-16 text without a byte-order mark that reads as neither Chinese "
                                            "nor English; save it as UTF-8"):
        decode_report(("Отчёт о работе " * 20).encode("utf-16-le"))


# --- the score that tells Chinese from nonsense ------------------------------------------------

def test_chinese_score_separates_the_right_decoding_from_nonsense():
    right = [REPORT, TRADITIONAL, _s2t(REPORT)]
    wrong = [TRADITIONAL.encode("big5").decode("gb18030"), REPORT.encode("gbk").decode("cp950", errors="replace"),
             JAPANESE.encode("euc_jp").decode("gb18030"), KOREAN.encode("euc_kr").decode("gb18030")]
    assert min(map(chinese_score, right)) > 0.9
    assert max(map(chinese_score, wrong)) < 0.4 < MIN_CHINESE_SCORE
    assert chinese_score("ASCII only") == 0.0
    assert to_simplified("報告") == "报告"  # the score simplifies first, so traditional text counts
