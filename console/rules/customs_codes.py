"""The terminal's customs codes (DCSA 3.0 CUSS, CUSI, CUSR) against our own clearance decision.

A terminal that reports "customs released" (`CUSR`) for a container we hold,
have selected for inspection, or have not decided, or "selected for scan /
inspection" (`CUSS`, `CUSI`) for one we released or never selected, has a
different picture of customs than customs itself: boxes may move on the
terminal's word.  Each disagreement is a `CUSTOMS_STATUS_DISAGREES` finding;
it clears when our decision comes to agree with the terminal's latest code.
"""

from __future__ import annotations

from collections.abc import Iterable

from console.model import CUSTOMS_EVENT_TYPES, EquipmentEvent

RULE = "CUSTOMS_STATUS_DISAGREES"

# Which of our clearance statuses agree with each terminal code.
AGREEING: dict[str, frozenset[str]] = {
    "CUSR": frozenset({"released"}),
    "CUSI": frozenset({"inspect", "hold"}),
    "CUSS": frozenset({"inspect", "hold"}),
}
MEANING = {
    "CUSR": "customs released",
    "CUSI": "selected for inspection",
    "CUSS": "selected for scan",
}


def disagreement(code: str, status: str | None) -> dict[str, object] | None:
    """The finding's detail when the terminal's `code` contradicts our `status`, else None."""
    agreeing = AGREEING.get(code)
    if agreeing is None or status in agreeing:
        return None
    return {"terminal_code": code, "terminal_says": MEANING[code],
            "our_status": status or "no clearance"}


def latest_code(history: Iterable[tuple[int, str, EquipmentEvent]]) -> str | None:
    """The latest customs code the terminal sent for a container (its applied events)."""
    code = None
    for _apply_no, _event_id, ev in history:
        if ev.event_type in CUSTOMS_EVENT_TYPES:
            code = ev.event_type
    return code
