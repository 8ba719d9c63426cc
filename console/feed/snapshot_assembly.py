"""Putting a snapshot together from its parts (`part` k of `parts` n, one `seq`)."""

from __future__ import annotations

from typing import Any

from console.model import Snapshot
from console.protocol import messages as m
from console.protocol.bodies import (
    BodyRejected,
    normalise_clearance,
    normalise_device,
    normalise_snapshot_container,
    normalise_vehicle,
)


class SnapshotAssembly:
    """Collects the parts of one snapshot; entries that fail the parser are set aside."""

    def __init__(self, feed: str, epoch: str) -> None:
        self._feed = feed
        self._epoch = epoch
        self._snap: Snapshot | None = None
        self._parts: set[int] = set()
        self._expected = 0
        self._rejected: list[tuple[str, str, Any]] = []

    def add(self, part: m.SnapshotPart) -> Snapshot | None:
        """Add one part; return the whole snapshot once every part has arrived."""
        if self._snap is None or part.seq != self._snap.seq or part.parts != self._expected:
            # A new snapshot (or a restarted one) replaces whatever was being collected.
            self._snap = Snapshot(self._feed, self._epoch, part.seq, part.time)
            self._parts = set()
            self._expected = part.parts
        if part.part in self._parts:
            return None
        self._parts.add(part.part)
        snap = self._snap
        self._take(part.containers, normalise_snapshot_container, snap.containers, "container")
        self._take(part.vehicles, normalise_vehicle, snap.vehicles, "vehicle")
        self._take(part.clearances, normalise_clearance, snap.clearances, "clearance")
        self._take(part.devices, normalise_device, snap.devices, "device")
        if len(self._parts) == self._expected:
            self._snap = None
            return snap
        return None

    def take_rejected(self) -> list[tuple[str, str, Any]]:
        out, self._rejected = self._rejected, []
        return out

    def _take(self, entries: list[Any], parse: Any, into: list[Any], what: str) -> None:
        for entry in entries:
            try:
                if not isinstance(entry, dict):
                    raise BodyRejected("schema", f"snapshot {what} entry must be an object")
                into.append(parse(entry))
            except BodyRejected as exc:
                self._rejected.append((exc.code, f"snapshot {what}: {exc.reason}", entry))
