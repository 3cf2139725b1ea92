"""File responses whose names the server chooses (never taken from user input)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import Response

MEDIA = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
    ".md": "text/markdown; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
}


def attachment(body: bytes, filename: str, inline: bool = False) -> Response:
    """``filename`` is one of the server's own names; sent RFC 6266-style (ASCII fallback + UTF-8)."""
    suffix = filename[filename.rfind("."):].lower()
    disposition = "inline" if inline else "attachment"
    fallback = "download" + suffix
    header = f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
    return Response(body, media_type=MEDIA.get(suffix, "application/octet-stream"),
                    headers={"content-disposition": header})
