"""Measure how index.encodings tells Chinese from nonsense (a script, not collected by pytest).

Cuts every bundled and test report into pieces, encodes them as mainland, traditional, Japanese and
Korean files would be, and prints (1) the Chinese score of the right and of each wrong decoding and
(2) what `decode_report` makes of each piece. RELIABILITY.md quotes its output.

    python tests/encoding_survey.py
"""
from __future__ import annotations

import random
import sys
import sysconfig
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.encodings import EncodingError, chinese_score, decode_report  # noqa: E402
from index.settings import DEFAULT_CORPUS_DIR  # noqa: E402
from tests.test_encodings import JAPANESE, KOREAN, _s2t  # noqa: E402

CJK_SAMPLES = Path(sysconfig.get_paths()["stdlib"]) / "test" / "cjkencodings"  # Python's codec test texts
ROOTS = (DEFAULT_CORPUS_DIR, Path(__file__).parent / "data")


def chinese_texts() -> list[str]:
    seen: dict[str, None] = {}
    for root in ROOTS:
        for path in sorted(root.rglob("*.txt")):
            seen.setdefault(path.read_text(encoding="utf-8"))
    for name in ("gb2312", "gbk"):
        if (CJK_SAMPLES / f"{name}-utf8.txt").exists():
            seen.setdefault((CJK_SAMPLES / f"{name}-utf8.txt").read_text(encoding="utf-8"))
    return list(seen)


def pieces(text: str, sizes: tuple[int, ...], per_size: int, rng: random.Random) -> list[str]:
    out = [text]
    for n in sizes:
        if len(text) > n:
            out += [text[i:i + n] for i in (rng.randrange(len(text) - n) for _ in range(per_size))]
    return out


def cases(rng: random.Random) -> list[tuple[str, str, str]]:
    """(kind, text, encoding) for every piece."""
    out = []
    for text in chinese_texts():
        for piece in pieces(text, (10, 30, 100, 400), 30, rng):
            if sum(c > "\x7f" for c in piece) < 10:  # a few non-ASCII characters say little either way
                continue
            out += [("zh", piece, e) for e in ("gbk", "gb18030", "utf-16-le", "utf-16-be", "utf-16", "utf-8-sig")]
            out += [("zh-traditional", _s2t(piece), e) for e in ("gbk", "cp950", "big5")]
    foreign = [("ja", JAPANESE, ("shift_jis", "cp932", "euc_jp")), ("ko", KOREAN, ("euc_kr", "cp949"))]
    if (CJK_SAMPLES / "euc_jp-utf8.txt").exists():
        foreign += [("ja", (CJK_SAMPLES / "euc_jp-utf8.txt").read_text(encoding="utf-8"), ("shift_jis", "euc_jp")),
                    ("ko", (CJK_SAMPLES / "euc_kr-utf8.txt").read_text(encoding="utf-8"), ("euc_kr", "cp949"))]
    for kind, text, encodings in foreign:
        for piece in pieces(text, (30, 100), 10, rng):
            out += [(kind, piece, e) for e in encodings]
    return out


def main() -> None:
    rng = random.Random(1)
    scores: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    outcomes: Counter[tuple[str, str, str]] = Counter()
    for kind, text, encoding in cases(rng):
        data = text.encode(encoding, errors="ignore")
        expected = data.decode(encoding)
        size = "10-19" if sum(c > "\x7f" for c in expected) < 20 else "20+"
        for reading in ("gb18030", "cp950"):
            try:
                decoded = data.decode(reading)
            except UnicodeDecodeError:
                continue
            right = decoded == expected
            scores[(kind, encoding, f"as {reading}" + (" (right)" if right else " (wrong)"), size)].append(
                chinese_score(decoded))
        try:
            outcome = "read right" if decode_report(data) == expected else "MISREAD"
        except EncodingError:
            outcome = "refused"
        outcomes[(kind, encoding, outcome)] += 1
    print("Chinese score (min-max) of each decoding, by what the bytes really are and by how many")
    print("non-ASCII characters the piece holds:")
    for key, values in sorted(scores.items()):
        print(f"  {key[0]:15} {key[1]:10} {key[2]:20} {key[3]:6} {min(values):.2f}-{max(values):.2f}"
              f"  (n={len(values)})")
    print("decode_report:")
    for key, count in sorted(outcomes.items()):
        print(f"  {key[0]:15} {key[1]:10} {key[2]:12} {count}")


if __name__ == "__main__":
    main()
