"""Re-scoring a report against what it claims: line up claimed scores with jixiao's."""

from jixiao.review.compare import DiffKind, Review, ReviewRow, compare
from jixiao.review.names import normalize_name

__all__ = ["DiffKind", "Review", "ReviewRow", "compare", "normalize_name"]
