"""Which IoT report (DCSA 3.0 `iot` event) the console holds for each DCSA `eventID`.

A door alert names the envelope of the IoT event that raised it.  When the
terminal later retracts that event (`isRetracted`, only the `eventID`) or
sends a newer version of it (same `eventID`, a later `eventUpdatedDateTime`),
the supervisor must find that envelope to withdraw the alert; an older version
arriving late changes nothing.  Bounded: the oldest ids are forgotten first.
"""

from __future__ import annotations

from console.model import IotEvent
from console.timefmt import try_parse_time

IOT_IDS_KEPT = 100_000


class IotReports:
    """DCSA eventID -> (envelope id, eventUpdatedDateTime) of the IoT events applied."""

    def __init__(self, kept: int = IOT_IDS_KEPT) -> None:
        self.kept = kept
        self._held: dict[str, tuple[str, str | None]] = {}

    def held(self, dcsa_event_id: str) -> str | None:
        """The envelope id of the IoT event held under this DCSA `eventID`."""
        entry = self._held.get(dcsa_event_id)
        return entry[0] if entry is not None else None

    def outdated(self, ev: IotEvent) -> bool:
        """Is `ev` a version no newer than the one held for its `eventID`?"""
        entry = self._held.get(ev.event_id)
        if entry is None or ev.updated_time is None:
            return False
        new, old = try_parse_time(ev.updated_time), try_parse_time(entry[1])
        return new is not None and old is not None and new <= old

    def apply(self, envelope_id: str, ev: IotEvent) -> None:
        if ev.retracted:
            self._held.pop(ev.event_id, None)
            return
        if self.outdated(ev):
            return
        self._held.pop(ev.event_id, None)  # the newest goes last: forgotten last
        self._held[ev.event_id] = (envelope_id, ev.updated_time)
        while len(self._held) > self.kept:
            del self._held[next(iter(self._held))]
