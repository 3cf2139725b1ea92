"""Import openpyxl without its optional numpy support.

openpyxl imports numpy at start-up only to recognise numpy scalars written into
cells. jixiao never writes numpy values, and that import costs about 0.15 s of
every command that touches a workbook, so it is skipped here. Import this module
before openpyxl; it changes nothing once numpy or openpyxl is already loaded.
"""

from __future__ import annotations

import sys

if "openpyxl" not in sys.modules and "numpy" not in sys.modules:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail inside openpyxl
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]
