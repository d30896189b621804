"""Questions that name a place by description ("永安市东北部那个乡，…提供了多少条招工信息？"): the
description finds the place's report; the rest of the question finds the fact within it."""
from __future__ import annotations

import re

_PLACE_NOUN = r"(?:乡|镇|乡镇|县|区|市|村|小学|中学|学校|中心校|幼儿园|卫生院|医院)"
# "…那个乡，…", "…的那个镇，…", "那所位于布达拉宫东北面的小学，…"
# "…那所农村小学，": up to four characters of the kind of place before its noun, but no 的 ("那个区的小学")
_KIND = rf"(?:(?!的)[\u4e00-\u9fff]){{0,4}}?{_PLACE_NOUN}"
_TRAILING = re.compile(rf"^(?P<desc>.{{4,}}?)(?:的)?那(?:个|所|座|家)(?P<kind>{_KIND})[，,]\s*(?P<rest>.{{4,}})$")
_LEADING = re.compile(rf"^那(?:个|所|座|家)(?P<desc>.{{2,}}?)的(?P<kind>{_PLACE_NOUN})[，,]\s*(?P<rest>.{{4,}})$")


def split_reference(question: str) -> tuple[str, str] | None:
    """(description, rest) when the question names its place by description, else None."""
    m = _TRAILING.match(question.strip()) or _LEADING.match(question.strip())
    return (f"{m['desc']}{m['kind']}", m["rest"]) if m else None
