"""The one normaliser of Office zip packages (.docx, .xlsx) jixiao writes: same input, same bytes.

python-docx and openpyxl stamp the current time into ``docProps/core.xml`` and into
every zip entry, and keep their own entry order. The package is rewritten with one
timestamp (entries and core.xml ``created``/``modified``), ``[Content_Types].xml``
first and the other parts in the writer's order, images stored and XML deflated at a
fixed level, and ordinary 0644 entry permissions. ``transform`` may rewrite a part's
bytes on the way (the intake template inserts cached formula results with it). Without one,
each part is copied in pieces, never whole in memory (a streamed sheet of thousands of rows is
megabytes of XML; the package around it is a few hundred KB).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from io import BytesIO

_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
_STORED = (".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf")

Transform = Callable[[str, bytes], bytes]
CHUNK = 1 << 16


def normalize_zip(data: bytes, when: date | datetime, transform: Transform | None = None) -> bytes:
    """Rewrite a package: every entry dated ``when``, core.xml timestamps set to ``when``."""
    moment = when if isinstance(when, datetime) else datetime(when.year, when.month, when.day)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    stamp_time = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    with zipfile.ZipFile(BytesIO(data)) as src:
        names = src.namelist()
        names.sort(key=lambda n: n != "[Content_Types].xml")  # stable: the rest keep the writer's order
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=stamp_time)
                stored = name.lower().endswith(_STORED)  # already compressed
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 0
                if transform is None and name != "docProps/core.xml":
                    # zlib's default level is 6, the level writestr is given below: the same bytes
                    info.file_size = src.getinfo(name).file_size  # (decides on zip64 as writestr does)
                    with src.open(name) as part, dst.open(info, "w") as copy:
                        shutil.copyfileobj(part, copy, CHUNK)
                    continue
                content = src.read(name)
                if transform is not None:
                    content = transform(name, content)
                if name == "docProps/core.xml":
                    content = _W3CDTF.sub(lambda m: m.group(1) + stamp + m.group(2), content)
                dst.writestr(info, content, compresslevel=None if stored else 6)
    return out.getvalue()
