"""Indicator-name normalisation, so that a report's wording finds the framework's indicator."""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[\s“”\"‘’'「」『』《》·]")
_PAREN = re.compile(r"[（(][^（）()]*[)）]")
_SUFFIXES = ("情况", "率", "性")


def normalize_name(name: str) -> str:
    """“三公”经费变动率 / 三公经费变动率 / "三公"经费变动 → 三公经费变动.

    Full-width forms are folded (NFKC), quotes, spaces and a bracketed note such as
    （2分） are dropped, and one trailing 率/性/情况 is removed (not 度: 支付进度 must stay whole), because reports
    write 支付进度 for 支付进度率 and 资金使用合规 for 资金使用合规性.
    """
    text = unicodedata.normalize("NFKC", name)
    text = _PAREN.sub("", text)
    text = _DROP.sub("", text)
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return text
