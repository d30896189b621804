"""Tests for index.normalize: matching forms only (width, 繁简, case, spaces)."""
from __future__ import annotations

from index.normalize import normalize, squeeze, to_simplified


def test_normalize_folds_width_script_case_and_spaces():
    assert normalize("  ＡＢＣ　計劃生育\n\t１２３％ ") == "abc 计划生育 123%"


def test_to_simplified():
    assert to_simplified("婚檢率達到98%以上") == "婚检率达到98%以上"


def test_squeeze_removes_all_white_space_and_folds_width():
    assert squeeze(" 婚检率 达到\n９８％以上 ") == "婚检率达到98%以上"


def test_simplified_text_is_unchanged():
    text = "上坪乡位于永安市东北部,辖10个行政村46个自然村,总人口6659人。"
    assert normalize(text) == text
