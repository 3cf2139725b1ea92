"""Safe input and output shared by every layer (a leaf: imports nothing else of jixiao).

- :mod:`~jixiao.safeio.limits`: every resource limit, its default and how to change it;
  :class:`Refused` / :class:`LimitExceeded` carry a Chinese message naming the file.
- :mod:`~jixiao.safeio.files`: read only regular files, with a size cap.
- :mod:`~jixiao.safeio.zipguard`: zip-bomb checks for every Office package read.
- :mod:`~jixiao.safeio.numbers`: digits and magnitude of every number read.
- :mod:`~jixiao.safeio.atomic`: the one atomic writer (no overwrite without force,
  temporaries cleaned, stale ones removed at the next run).
- :mod:`~jixiao.safeio.outdir`: an output folder with a manifest of what jixiao wrote.
- :mod:`~jixiao.safeio.ooxml`: the one normaliser of written Office packages.
- :mod:`~jixiao.safeio.inert`: exported text no spreadsheet evaluates.
"""

from jixiao.safeio.atomic import WouldOverwrite, atomic_output, atomic_write, clean_stale, os_reason
from jixiao.safeio.files import open_regular, read_bytes, read_text
from jixiao.safeio.limits import LimitConfigError, LimitExceeded, Limits, Refused, current
from jixiao.safeio.numbers import digits_problem, number_problem
from jixiao.safeio.zipguard import check_zip

__all__ = [
    "LimitConfigError",
    "LimitExceeded",
    "Limits",
    "Refused",
    "WouldOverwrite",
    "atomic_output",
    "atomic_write",
    "check_zip",
    "clean_stale",
    "current",
    "digits_problem",
    "number_problem",
    "open_regular",
    "os_reason",
    "read_bytes",
    "read_text",
]
