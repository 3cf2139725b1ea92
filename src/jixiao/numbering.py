"""The marks that number a document's headings and list items, as pattern sources.

Reports and 决算 explanations number their headings on four levels — 一、 (a chapter), （一） (a section),
1. / 1、 (an item), （1） (a sub-item) — and sometimes ①, 第一部分. The auditor (:mod:`jixiao.audit.headings`)
and the 决算 reader (:mod:`jixiao.final`) each need a different choice of these marks; they build it from
these pieces, so that a mark is changed in one place. A leaf: it imports nothing of jixiao.
"""

from __future__ import annotations

CN = "一二三四五六七八九十"  # the numerals of a heading number

# The marks, as pattern sources ("+": any length; "{1,3}": up to 九十九; "{1,2}": up to 99).
CN_COMMA = f"[{CN}]+、"  # 一、
CN_COMMA_SHORT = f"[{CN}]{{1,3}}、"
PART = f"第[{CN}]+部分"  # 第一部分
CN_PAREN = f"[（(][{CN}]+[)）]"  # （一）
PAREN_SHORT = rf"[（(][{CN}\d]{{1,3}}[)）]"  # （一） or （1）
DIGIT_DOT = r"\d{1,2}[.．、]"  # 1. 1． 1、
DIGIT_PAREN = r"[（(]\d{1,2}[)）]"  # （1）
CIRCLED = "[①-⑳]"  # ①

# The levels of a numbered list from the chapter down (一、 1, （一） 2, 1. 3, （1） 4); a 1. is not the start
# of a decimal.
LEVELS = (CN_COMMA, CN_PAREN, rf"{DIGIT_DOT}(?!\d)", DIGIT_PAREN)
