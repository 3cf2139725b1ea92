"""The scored rows of a PDF 评分表 whose text layer came out as one line: "决策依据 2 2 复核分 评价标准及依据 …".

A form printed with the columns 评价内容 | 分值 | 自评分 | 复核分 | 评价标准 (湖北 广水 财政预算支出项目绩效目标自评表)
loses its layout when its PDF text is copied: the cells of a row come out in reading order, a short name followed by
its 分值 and its 自评分, each between spaces, while the long 评价标准 text of the row wraps around them. Only that much
is read, and only where it is plain:

- the line holds the header's words 分值 then 自评分 (or 得分) between spaces, not right after an indicator form's
  指标值 / 完成值 columns, and the rows are read after them, up to the next part of the form (its 指标值 / 完成值
  columns: targets and results there are pairs of figures too);
- a row is a name of two to eight Chinese characters with a space before it, then two figures each with a space
  before it — the first a 分值 above 0, the second a 得分, at most 100, no leading zero — and then text that does not
  open with a unit ("项目管理 13 分 2 3": 13 分 is a block's points, not a row);
- at least two rows: one triple alone is not the form's structure.

A row whose cells the wrapping text splits ("组织机构 项目管理 13 分 2 有专门的……计 2 分。缺 2 少不得分") is not read. The rows
go to the table rules as a 评分表 of 指标 | 分值 | 自评分 (a 得分 above its 分值 is the finding), each cell on the
line; no block is read, so no sum is judged. The line stays prose as well.
"""

from __future__ import annotations

import re

from jixiao.audit.docmodel import Table, grid

_HEADER = re.compile(r"(?:^|\s)分\s?值\s(?:自评分|自评得分|得分)(?=\s|$)")
_NEXT_PART = re.compile(r"指标值|完成值|年初指|年终完|标值|成值")
_ROW = re.compile(r"(?:^|(?<=\s))([\u4e00-\u9fff]{2,8}) ((?:[1-9]\d?|100)(?:\.\d{1,2})?) "
                  r"((?:0|[1-9]\d?|100)(?:\.\d{1,2})?)(?= (?![分%％个人项次元万台套件户亩]))")
MIN_ROWS = 2
HEADER_REACH = 30  # characters before the header where an indicator form's columns would stand


def score_triple_tables(line: str, line_no: int, page: int | None) -> list[Table]:
    """The 评分表 rows of a PDF text line (see the module docstring), as one table, or none."""
    head = _HEADER.search(line)
    if head is None or _NEXT_PART.search(line, max(0, head.start() - HEADER_REACH), head.start()):
        return []  # no header, or one of an indicator form (…实际完成值 分值 得分): its rows hold targets and results
    nxt = _NEXT_PART.search(line, head.end())
    rows = [[m.group(1), m.group(2), m.group(3)] for m in _ROW.finditer(line, head.end(), nxt.start() if nxt else len(line))]
    if len(rows) < MIN_ROWS:
        return []
    cells = [["指标", "分值", "自评分"], *rows]
    return [Table(number=0, rows=grid(cells, lines=[[line_no] * 3 for _ in cells]), source="text", page=page,
                  caption="评分表（PDF文字）", line=line_no, rebuilt=True, form="scoring")]
