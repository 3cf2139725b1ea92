"""What the parent of a batch keeps: each result must be freed once the caller lets it go."""

from __future__ import annotations

import gc
import weakref

from jixiao.batch.engines import Engine
from jixiao.batch.runner import run
from tests.batch import tasks


def _error(item: int, reason: str) -> str:
    return f"{item}: {reason}"


def results_let_go(engine: Engine, count: int = 120) -> int:
    """Run ``count`` results of 16 KB each through ``engine`` and let each go once received; every earlier
    result must be gone (freed: no reference left in the runner, the engine or its futures) when the next
    one arrives. Returns how many results came back."""
    gone: list[weakref.ref[tasks.Blob]] = []
    received = 0
    for result in run(tasks.blob, range(count), {"size": 16384}, engine, on_error=_error, total=count, most=4):
        assert isinstance(result, tasks.Blob) and result.index == received and len(result.data) == 16384
        assert [kept.index for kept in (ref() for ref in gone) if kept is not None] == []
        gone.append(weakref.ref(result))
        del result
        received += 1
    assert all(r() is None for r in gone)
    return received



def inputs_kept(engine: Engine, count: int = 120, size: int = 65536) -> int:
    """Run ``count`` inputs of ``size`` bytes each, made one by one and let go by the caller, through ``engine``
    (4 to a task); how many of them (or copies of them made in this process) are still alive afterwards."""
    parcels = (tasks.Parcel(i, bytes([i % 256]) * size) for i in range(count))
    sizes = run(tasks.size_of, parcels, None, engine, on_error=lambda p, reason: f"{p.index}: {reason}", total=count,
                most=4)
    assert list(sizes) == [size] * count
    gc.collect()
    return sum(isinstance(o, tasks.Parcel) for o in gc.get_objects())
