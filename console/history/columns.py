"""Column-packed container and clearance views: a checkpoint opened in milliseconds.

A yard holds 50k–85k containers; turning a checkpoint into that many Python
objects costs most of a replay seek's budget, although a seek changes only
the few containers the events after the checkpoint name.  So a checkpoint
keeps its containers (and clearances) as columns: the numbers in one text
blob, codes and slot coordinates in numpy arrays, rare shapes (a container
on a vehicle, at a berth, in a lane) in a small side table.  `PackedViews`
is a read-only `Mapping` over those columns that builds a view only when one
is asked for, and `with_changes` lays a few changed views over it without
copying the columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt

V = TypeVar("V")
_NONE = "\x00"


class PackedViews(Mapping[str, V], Generic[V]):
    """`keys[i]` → `build(i)`, with an overlay of changed and removed keys."""

    def __init__(
        self, keys: list[str], build: Callable[[int], V],
        overlay: Mapping[str, V] | None = None, removed: frozenset[str] = frozenset(),
        index: dict[str, int] | None = None,
    ) -> None:
        self._keys = keys
        self._build = build
        self._overlay = dict(overlay or {})
        self._removed = removed
        self._index = index

    def _lookup(self) -> dict[str, int]:
        if self._index is None:
            self._index = dict(zip(self._keys, range(len(self._keys)), strict=True))
        return self._index

    def __getitem__(self, key: str) -> V:
        if key in self._overlay:
            return self._overlay[key]
        if key in self._removed:
            raise KeyError(key)
        return self._build(self._lookup()[key])

    def __contains__(self, key: object) -> bool:
        if key in self._overlay:
            return True
        return isinstance(key, str) and key not in self._removed and key in self._lookup()

    def __iter__(self) -> Iterator[str]:
        index = self._lookup()
        for k in self._keys:
            if k not in self._removed:
                yield k
        for k in self._overlay:
            if k not in index or k in self._removed:
                yield k

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def with_changes(self, changed: Mapping[str, V], removed: set[str]) -> PackedViews[V]:
        """These columns with `changed` laid over them and `removed` taken out."""
        overlay = {k: v for k, v in self._overlay.items() if k not in removed}
        overlay.update(changed)
        gone = (self._removed | frozenset(removed)) - frozenset(changed)
        return PackedViews(self._keys, self._build, overlay, gone, self._lookup())


class Codes:
    """A small table of distinct strings (block ids, ISO codes, stages), coded as integers."""

    def __init__(self, names: list[str | None] | None = None) -> None:
        self.names: list[str | None] = list(names) if names else [None]
        self._codes = {n: i for i, n in enumerate(self.names)}

    def code(self, name: str | None) -> int:
        c = self._codes.get(name)
        if c is None:
            c = self._codes[name] = len(self.names)
            self.names.append(name)
        return c


def join_texts(values: list[str | None]) -> str:
    """Strings joined by newlines, None written as NUL (numbers and ids hold neither)."""
    return "\n".join(_NONE if v is None else v for v in values)


def split_texts(blob: str, n: int) -> list[str | None]:
    if n == 0:
        return []
    return [None if v == _NONE else v for v in blob.split("\n")]


def to_bytes(array: npt.NDArray[Any]) -> bytes:
    return array.tobytes()


def from_bytes(blob: bytes, dtype: type[Any]) -> npt.NDArray[Any]:
    return np.frombuffer(blob, dtype=dtype)
