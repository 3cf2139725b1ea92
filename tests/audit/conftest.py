from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


def seed_path(seed: str) -> Path:
    return DATA / f"seed_{seed}.txt"
