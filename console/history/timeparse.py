"""Reading the times people type on the command line."""

from __future__ import annotations

import argparse
from datetime import datetime


def parse_time_arg(text: str) -> str:
    """An RFC 3339 time with an offset, normalised; argparse reports anything else."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a time like 2026-11-28T20:01:02+08:00"
        ) from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no offset (add +08:00 or Z)")
    return value.isoformat()
