"""What a yard cell's colour means, and the lookup table that makes it.

A cell is one ground slot (block, bay, row) seen from above.  Its colour is
the customs status of the *most important* container in the stack, not the
top one: a container on hold under four released ones must still show.  The
order of importance is the order of the codes below.  Empty containers are
drawn paler; taller stacks brighter.  Normal states are grey (ISA-101).  A
stale feed switches to the grey table so that nobody trusts old colours.
"""

from __future__ import annotations

import functools

import numpy as np
import numpy.typing as npt

NO_CONTAINER = 0
RELEASED = 1
PENDING = 2
NOT_ON_MANIFEST = 3
INSPECT = 4
HOLD = 5
CODES: tuple[int, ...] = (RELEASED, PENDING, NOT_ON_MANIFEST, INSPECT, HOLD)

STATUS_CODE: dict[str | None, int] = {
    "released": RELEASED,
    "pending": PENDING,
    None: NOT_ON_MANIFEST,
    "inspect": INSPECT,
    "hold": HOLD,
}
CODE_NAME: dict[int, str] = {
    NO_CONTAINER: "empty slot",
    RELEASED: "released",
    PENDING: "pending",
    NOT_ON_MANIFEST: "not on manifest",
    INSPECT: "inspect",
    HOLD: "hold",
}
MAX_HEIGHT = 6

# Base colours (RGB), high-performance HMI practice (ISA-101): the normal state
# (released, pending) is muted grey, told apart by lightness only; colour is
# kept for what needs a look (hold, inspect, not on manifest) and the selection.
BASE_RGB: dict[int, tuple[int, int, int]] = {
    NO_CONTAINER: (38, 44, 52),
    RELEASED: (92, 98, 106),
    PENDING: (128, 134, 144),
    NOT_ON_MANIFEST: (190, 90, 220),
    INSPECT: (235, 170, 40),
    HOLD: (235, 70, 55),
}
# Before the clearance feed's snapshot is in, a container without a decision is not known to
# be off the manifest: it is drawn in this neutral blue-grey, not in "not on manifest" magenta.
CLEARANCE_UNKNOWN_RGB = (88, 104, 128)


def _argb(r: float, g: float, b: float) -> int:
    return (0xFF << 24) | (int(r) << 16) | (int(g) << 8) | int(b)


def build_lut(grey: bool = False, clearance_known: bool = True) -> npt.NDArray[np.uint32]:
    """A table `lut[code, empty, height]` of 0xAARRGGBB pixels.

    `clearance_known=False` (the clearance snapshot is not in yet): containers without a
    decision take `CLEARANCE_UNKNOWN_RGB` instead of the "not on manifest" colour."""
    lut = np.zeros((HOLD + 1, 2, MAX_HEIGHT + 1), dtype=np.uint32)
    base = dict(BASE_RGB)
    if not clearance_known:
        base[NOT_ON_MANIFEST] = CLEARANCE_UNKNOWN_RGB
    for code, (r, g, b) in base.items():
        for empty in (0, 1):
            for h in range(MAX_HEIGHT + 1):
                rr, gg, bb = float(r), float(g), float(b)
                if code == NO_CONTAINER:
                    pass
                else:
                    k = 0.6 + 0.4 * min(h, 5) / 5
                    rr, gg, bb = r * k, g * k, b * k
                    if empty:
                        rr, gg, bb = (rr + 150) / 2, (gg + 150) / 2, (bb + 150) / 2
                if grey:
                    lum = 0.3 * rr + 0.59 * gg + 0.11 * bb
                    rr = gg = bb = 45 + lum * 0.35
                lut[code, empty, h] = _argb(rr, gg, bb)
    return lut


@functools.lru_cache(maxsize=128)
def swatch(code: int, empty: bool = False, height: int = 3,
           clearance_known: bool = True) -> tuple[int, int, int]:
    """The RGB of one legend swatch (the map asks for some every frame: kept)."""
    v = int(build_lut(clearance_known=clearance_known)[code, int(empty), height])
    return ((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF)
