"""Normalise text for matching only (tokens, embeddings, relevance): never for stored quotes."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def normalize(text: str) -> str:
    """NFKC (full → half width), traditional → simplified, lower case, collapsed spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text).lower()
    return _SPACES.sub(" ", text).strip()


def squeeze(text: str) -> str:
    """Normalised text with all white space removed: the form the relevance rule compares."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))
