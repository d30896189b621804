"""Search filters by report and article, applied as a mask over the chunk rows."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.store import LoadedIndex


@dataclass(frozen=True)
class Filters:
    """Search only these reports (file names) and/or articles ("report#i" keys); empty means all."""

    reports: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()

    def mask(self, columns: ChunkColumns) -> np.ndarray | None:
        """Which chunk rows pass, or None when nothing is filtered."""
        if not self.reports and not self.articles:
            return None
        mask = np.ones(len(columns.report_codes), dtype=bool)
        for wanted, names, codes in ((self.reports, columns.report_names, columns.report_codes),
                                     (self.articles, columns.article_names, columns.article_codes)):
            if wanted:
                mask &= np.isin(codes, [names[w] for w in wanted if w in names])
        return mask


@dataclass(frozen=True)
class ChunkColumns:
    """Each chunk's report and article as integer codes, so that a filter costs no Python loop over
    the chunks per query."""

    report_names: dict[str, int]
    report_codes: np.ndarray
    article_names: dict[str, int]
    article_codes: np.ndarray

    @classmethod
    def of(cls, index: LoadedIndex) -> ChunkColumns:
        reports, report_codes = _codes([c.report for c in index.chunks])
        articles, article_codes = _codes([c.article_key for c in index.chunks])
        return cls(reports, report_codes, articles, article_codes)


def _codes(values: list[str]) -> tuple[dict[str, int], np.ndarray]:
    names: dict[str, int] = {}
    codes = np.fromiter((names.setdefault(v, len(names)) for v in values), dtype=np.int32, count=len(values))
    return names, codes
