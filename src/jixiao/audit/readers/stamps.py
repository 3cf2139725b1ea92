"""Publication stamps of copied web pages ("发布时间:2022-04-02 10:21:40  来源:市财政局").

A stamp line stands between a page's title and its text; the line reader keeps it a paragraph of its own
(:func:`is_stamp`), so the title's figures, the stamp and the first paragraph are not read as one sentence.
The words are in ``data/page_stamps.yaml``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

# a date written with dashes or slashes (report prose writes "2022年4月2日")
_DASHED_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}[-/](?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12]\d|3[01])(?!\d)")

_CLAUSE_MARK = re.compile(r"[，,。；;！？]")  # a sentence's marks: a stamp line has none


@cache
def _stamp_words() -> tuple[re.Pattern[str], int]:
    data = yaml.safe_load(
        resources.files("jixiao.audit.data").joinpath("page_stamps.yaml").read_text(encoding="utf-8"))
    words = sorted((str(w) for w in data["words"]), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)), int(data["max_chars"])


def is_stamp(line: str) -> bool:
    """Is ``line`` a page's publication stamp: short, without a clause's punctuation, with a stamp word and a
    dashed date?"""
    words, longest = _stamp_words()
    s = line.strip()
    return (len(s) <= longest and not _CLAUSE_MARK.search(s) and bool(_DASHED_DATE.search(s))
            and bool(words.search(s)))
