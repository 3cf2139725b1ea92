"""The marks that number a report's headings, and the named variants the readers and rules match.

Reports number their headings on four levels — 一、 (a chapter), （一） (a section), 1. / 1、 (an item), （1） (a sub-item) —
and sometimes ①, 第一部分 (the pieces: :mod:`jixiao.numbering`). Each reader needs a different choice of these marks; the
auditor's choices are named here, so that how they differ stays visible and a mark is changed in one place.
"""

from __future__ import annotations

import re

from jixiao.numbering import CIRCLED, CN, CN_COMMA, CN_COMMA_SHORT, CN_PAREN, DIGIT_DOT, DIGIT_PAREN, PAREN_SHORT, PART

# A chapter heading (一、 or 第一部分) at the start of a line: a flattened table's rows end there.
CHAPTER = re.compile(rf"^(?:{CN_COMMA}|{PART})")
# Any number that opens a heading (（一）/（1）, 一、, 1.), taken off a heading to name the item it heads.
LEADING_NUMBER = re.compile(rf"^\s*(?:{PAREN_SHORT}|{CN_COMMA_SHORT}|{DIGIT_DOT})")
# A Chinese number followed by 、 — 一、 and the 、 after a bracketed （一）、 — whose 、 separates no names.
CN_NUMBER_COMMA = re.compile(rf"\s*[（(]?[{CN}]{{1,3}}[)）]?、")
# The number of a heading that states its points ("（三）产出指标（30分）"); a 1. is not the start of a decimal.
POINTS_MARK = re.compile(rf"\s*(?:{CN_COMMA}|{CN_PAREN}、?|{DIGIT_DOT}(?!\d)|{DIGIT_PAREN})")
# The optional number of an indicator heading with its weight ("（2）支付进度（3分）"), a pattern source.
INDICATOR_MARK = rf"[（(]\d+[)）]|\d+[.．、]|{CIRCLED}"
