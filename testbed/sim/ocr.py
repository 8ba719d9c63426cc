"""Gate and crane OCR as it behaves in the field: mostly right, confident, sometimes confused.

A good read has confidence 0.86-0.99.  A misread swaps one character for
one a camera really confuses it with (0/O, 1/I, 8/B, 5/S, 2/Z, 6/G, and
digit for digit 8/6/3, 1/7) so that the text no longer passes ISO 6346; the
automated gate records what it read (in `equipmentReference` and in
`terminal.ocr`), and the officer corrects it from the manifest's candidates.
"""

from __future__ import annotations

import random

from console.model import OcrImage, OcrReading
from console.protocol import iso6346

CONFUSIONS: dict[str, str] = {
    "0": "O8D",
    "O": "0Q",
    "1": "I7",
    "I": "1",
    "8": "B63",
    "B": "8",
    "5": "S6",
    "S": "5",
    "2": "Z",
    "Z": "2",
    "6": "G8",
    "G": "6",
    "3": "8",
    "7": "1",
    "U": "VO",
    "D": "0",
}


def misread(ref: str, rng: random.Random) -> str:
    """`ref` with one real OCR confusion, chosen so that the result fails ISO 6346."""
    positions = [i for i, c in enumerate(ref) if c in CONFUSIONS]
    rng.shuffle(positions)
    for i in positions:
        for swap in CONFUSIONS[ref[i]]:
            text = ref[:i] + swap + ref[i + 1 :]
            if not iso6346.is_valid(text):
                return text
    return ref[:-1] + str((int(ref[-1]) + 1) % 10)


def reading(
    ref: str,
    seals: tuple[str, ...],
    rng: random.Random,
    camera: dict[str, str] | None,
    stamp: str,
    *,
    text: str | None = None,
    confidence: float | None = None,
) -> OcrReading:
    """One OCR reading of a box at a lane or crane, with the frame that shows it."""
    images: tuple[OcrImage, ...] = ()
    if camera is not None:
        url = camera["substream"].rsplit("/", 1)[0] + "/frame.jpg"
        images = (OcrImage(camera["id"], stamp, url),)
    conf = confidence if confidence is not None else round(rng.uniform(0.86, 0.99), 2)
    return OcrReading(text or ref, conf, seals, images)
