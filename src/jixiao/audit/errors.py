"""The one error a reader raises: a report that cannot be read, with the Chinese reason."""

from __future__ import annotations


class DocumentError(Exception):
    """A report that cannot be read; the message is the Chinese reason."""
