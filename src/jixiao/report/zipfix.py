"""Make Office zip packages byte-reproducible.

python-docx and openpyxl stamp the current time into ``docProps/core.xml`` and
into every zip entry; the same input must give the same bytes, so the package is
rewritten with one fixed timestamp, fixed entry order and fixed compression.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from io import BytesIO

_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def normalize_zip(data: bytes, when: date) -> bytes:
    """Rewrite a zip package: every entry dated ``when``, core.xml timestamps set to ``when``."""
    stamp = f"{when.isoformat()}T00:00:00Z".encode()
    src = zipfile.ZipFile(BytesIO(data))
    names = src.namelist()
    # [Content_Types].xml first (as Office writes it); the rest in the writer's own order.
    names.sort(key=lambda n: n != "[Content_Types].xml")
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            content = src.read(name)
            if name == "docProps/core.xml":
                content = _W3CDTF.sub(lambda m: m.group(1) + stamp + m.group(2), content)
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            stored = name.endswith((".png", ".jpeg", ".jpg"))  # already compressed
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, content, compresslevel=None if stored else 6)
    return out.getvalue()
