"""The ASGI entry for ``jixiao serve`` (and for any ASGI server): settings from the environment."""

from __future__ import annotations

from fastapi import FastAPI

from jixiao.web.app import create_app
from jixiao.web.settings import WebSettings


def app_from_env() -> FastAPI:
    """``uvicorn --factory jixiao.web.main:app_from_env``; every worker process builds its own app."""
    return create_app(WebSettings.from_env())
