"""Render the labelled 决算 documents once per session (LibreOffice for the PDFs is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.final.render import render_all

CORPUS = Path(__file__).parent / "corpus"


def corpus_folders() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "source.yaml").exists())


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    return render_all(corpus_folders(), tmp_path_factory.mktemp("final-corpus"))
