"""Reading published 部门决算 (final accounts): tables in, a typed model out, mapped onto a department-year.

Layers: :mod:`.source` is the smallest document interface the reader needs (text lines and tables with
cells and locations); :mod:`.catalog` holds the table family as data; :mod:`.recognise` builds the typed
model (:mod:`.model`); :mod:`.checks` are the consistency rules; :mod:`.mapping` fills a
:class:`~jixiao.model.DepartmentYear` keeping each figure's source; :mod:`.workbook` writes the intake
workbook with a comment on every pre-filled cell.
"""
