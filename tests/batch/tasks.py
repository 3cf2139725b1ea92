"""Tasks for runner tests; module-level so that worker processes import them by reference."""

from __future__ import annotations

import os
import pickle
import time
from dataclasses import dataclass
from typing import Any


def square(item: int, options: dict[str, float]) -> int:
    if options.get("sleep"):
        time.sleep(options["sleep"])
    if item < 0:
        raise ValueError(f"negative {item}")
    return item * item


def square_or_die(item: int, options: object) -> int:
    """Item 13 ends its worker process at once, as a crash in C code or the OOM killer would."""
    if item == 13:
        os._exit(9)
    return item * item


def pid(item: int, options: object) -> int:
    time.sleep(0.01)
    return os.getpid()


@dataclass(frozen=True)
class Blob:
    """A result that can be watched with a weak reference once it is back in the parent (bytes cannot)."""

    index: int
    data: bytes


def blob(item: int, options: dict[str, int]) -> Blob:
    """Item's result with ``options["size"]`` bytes of its own, as a report package travels back."""
    return Blob(item, item.to_bytes(4, "big") * (options["size"] // 4))


@dataclass(frozen=True)
class Parcel:
    """An input that travels inside its task, as a department file does; counted among the live objects."""

    index: int
    data: bytes


def size_of(item: Parcel, options: object) -> int:
    return len(item.data)


_STORED: dict[str, list[bytes]] = {}


def stored_outcome(item: Any, options: str) -> Any:
    """A real outcome made beforehand (the pickled list in the file ``options``, one per input in turn), a fresh
    object each time: the client's side of a batch without the workers' time (benchmarks/bench_dask_client.py)."""
    if options not in _STORED:
        with open(options, "rb") as f:
            _STORED[options] = pickle.load(f)
    stored = _STORED[options]
    return pickle.loads(stored[int(item.name.rsplit("/", 1)[-1].split(".")[0]) % len(stored)])
