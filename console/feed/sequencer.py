"""Ordering of numbered messages: duplicates dropped, gaps held and then filled or given up.

Pure bookkeeping, no I/O, so that its rules (protocol section "Gaps,
duplicates, order") are tested on their own.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")

MAX_HELD = 200_000
_NOTHING = object()  # held items may themselves be None (a rejected message keeps its seq)


class Sequencer(Generic[T]):
    """Releases items strictly in `seq` order, starting after `last_applied`."""

    def __init__(self, last_applied: int = 0) -> None:
        self.last_applied = last_applied
        self.duplicates = 0
        self._held: dict[int, T] = {}
        self._highest = 0  # the highest held seq (meaningful while anything is held)

    def offer(self, seq: int, item: T) -> list[T]:
        """Take one numbered item; return what is now ready to apply, in order."""
        if seq <= self.last_applied or seq in self._held:
            self.duplicates += 1
            return []
        if seq != self.last_applied + 1:
            self._held[seq] = item
            self._highest = max(self._highest, seq) if len(self._held) > 1 else seq
            if len(self._held) > MAX_HELD:
                # Holding more would only grow memory: give the gap up now.
                return self.give_up()
            return []
        self.last_applied = seq
        ready = [item]
        ready.extend(self._drain())
        return ready

    def take_next(self, seq: int) -> bool:
        """Apply `seq` at once if it is the next one and nothing is held (the usual case)."""
        if seq == self.last_applied + 1 and not self._held:
            self.last_applied = seq
            return True
        return False

    def missing(self) -> tuple[int, int] | None:
        """The first range of seq numbers that blocks held items, if any."""
        if not self._held:
            return None
        return (self.last_applied + 1, min(self._held) - 1)

    def span(self) -> tuple[int, int] | None:
        """From the first missing seq to the one below the highest held item, if any is held.

        Every missing number lies in it (with held items in between); unlike
        `missing` it costs nothing however many items are held."""
        if not self._held:
            return None
        return (self.last_applied + 1, self._highest - 1)

    def give_up(self) -> list[T]:
        """Declare the first missing range lost for good and release what follows it."""
        gap = self.missing()
        if gap is None:
            return []
        self.last_applied = gap[1]
        return list(self._drain())

    def skip_to(self, seq: int) -> list[T]:
        """Everything up to `seq` is known by other means (a snapshot): release what follows."""
        if seq > self.last_applied:
            self.last_applied = seq
        for s in [s for s in self._held if s <= seq]:
            del self._held[s]
        return list(self._drain())

    @property
    def held(self) -> int:
        return len(self._held)

    def _drain(self) -> list[T]:
        out: list[T] = []
        while (nxt := self._held.pop(self.last_applied + 1, _NOTHING)) is not _NOTHING:
            self.last_applied += 1
            out.append(nxt)  # type: ignore[arg-type]
        return out
