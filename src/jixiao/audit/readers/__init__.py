"""Readers: one per file type, each returning paragraphs and tables (:mod:`jixiao.audit.docmodel`).

Every reader takes a path that :func:`jixiao.audit.documents.read_document` has already checked
(exists, supported suffix, size) and raises :class:`jixiao.audit.documents.DocumentError` with a
Chinese reason for anything it cannot read.
"""
