"""Reading a `layout` body (docs/protocol.md, "Layout") into a `Layout`, once, strictly.

A part the body leaves out is empty (a gateway may send a partial layout); a
part it gives wrongly is refused as a whole with one `LayoutError` naming the
part, the item and the field, in words an officer can pass on to the
terminal ("the layout's blocks[3] A04: bays must be a whole number above 0,
not 0").  Nothing is half taken: whoever holds the previous layout keeps it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from console.layout.geometry import Point
from console.layout.model import (
    ZONE_KINDS,
    Berth,
    Block,
    Camera,
    Crane,
    FenceSegment,
    Lane,
    Layout,
    Zone,
)
from console.protocol import strictjson

T = TypeVar("T")

BUILTIN_PATH = Path(__file__).resolve().parents[2] / "resources" / "layout" / "khh-t7.json"


class LayoutError(ValueError):
    """The layout cannot be read; the message names the part, the item and the field."""


def _finite(value: object) -> bool:
    return (not isinstance(value, bool) and isinstance(value, int | float)
            and math.isfinite(value))


class _Item:
    """One entry of a list of the layout, with the words that name it in an error."""

    def __init__(self, raw: Mapping[str, Any], where: str) -> None:
        self.raw = raw
        self.where = where

    def fail(self, message: str) -> LayoutError:
        return LayoutError(f"{self.where}: {message}")

    def number(self, key: str, default: float | None = None) -> float:
        value = self.raw.get(key, default)
        if value is None:
            raise self.fail(f"{key} is missing (a finite number)")
        if not _finite(value):
            raise self.fail(f"{key} must be a finite number, not {value!r}")
        return float(value)

    def positive(self, key: str, default: float | None = None) -> float:
        value = self.number(key, default)
        if value <= 0:
            raise self.fail(f"{key} must be above 0, not {value:g}")
        return value

    def count(self, key: str, default: int | None = None) -> int:
        value = self.raw.get(key, default)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self.fail(f"{key} must be a whole number above 0, not {value!r}")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        value = self.raw.get(key, default)
        if not isinstance(value, str):
            raise self.fail(f"{key} must be text, not {value!r}")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.raw.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.fail(f"{key} must be text, not {value!r}")
        return value

    def points(self, key: str, at_least: int) -> tuple[Point, ...]:
        value = self.raw.get(key)
        if not isinstance(value, list) or len(value) < at_least:
            raise self.fail(f"{key} must be a list of at least {at_least} [x, y] points, "
                            f"not {value!r}")
        out: list[Point] = []
        for i, p in enumerate(value):
            if not (isinstance(p, list | tuple) and len(p) == 2 and _finite(p[0])
                    and _finite(p[1])):
                raise self.fail(f"{key}[{i}] must be an [x, y] pair of finite numbers, "
                                f"not {p!r}")
            out.append((float(p[0]), float(p[1])))
        return tuple(out)


def _items(body: Mapping[str, Any], part: str, read: Callable[[_Item], T],
           noun: str | None = None) -> tuple[T, ...]:
    raw = body.get(part)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise LayoutError(f"the layout's {part} must be a list")
    out: list[T] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        if not isinstance(entry, Mapping):
            raise LayoutError(f"every entry of the layout's {part} must be an object "
                              f"({part}[{i}] is {entry!r})")
        item_id = entry.get("id")
        if not isinstance(item_id, str) or not item_id:
            raise LayoutError(f"the layout's {part}[{i}] has no id: {dict(entry)!r}")
        where = f"{noun} {item_id}" if noun else f"the layout's {part}[{i}] {item_id}"
        if item_id in seen:
            raise LayoutError(f"{where} appears twice in the layout")
        seen.add(item_id)
        out.append(read(_Item(entry, where)))
    return tuple(out)


def _block(it: _Item) -> Block:
    return Block(
        id=it.raw["id"], x=it.number("x"), y=it.number("y"),
        angle_deg=it.number("angle_deg", 0.0),
        bays=it.count("bays"), rows=it.count("rows"), tiers=it.count("tiers", 1),
        slot_length_m=it.positive("slot_length_m", 6.5),
        slot_width_m=it.positive("slot_width_m", 2.9),
    )


def _berth(it: _Item) -> Berth:
    return Berth(it.raw["id"], it.number("x1"), it.number("y1"), it.number("x2"),
                 it.number("y2"))


def _zone(it: _Item) -> Zone:
    kind = it.text("kind", "")
    if kind not in ZONE_KINDS:
        raise it.fail(f"kind must be one of {', '.join(ZONE_KINDS)}, not {kind!r}")
    return Zone(it.raw["id"], kind, it.points("polygon", 3))


def _fence(it: _Item) -> FenceSegment:
    return FenceSegment(it.raw["id"], it.points("points", 2))


def _lane(it: _Item) -> Lane:
    return Lane(it.raw["id"], it.number("x"), it.number("y"), it.text("direction", ""))


def _camera(it: _Item) -> Camera:
    fov = it.number("fov_deg")
    rng = it.number("range_m")
    if not 0 < fov <= 360:
        raise it.fail(f"fov_deg must be in (0, 360], not {fov:g}")
    if rng <= 0:
        raise it.fail(f"range_m must be positive, not {rng:g}")
    for key in ("stream", "substream"):
        value = it.raw.get(key)
        if value not in (None, "") and not isinstance(value, str):
            raise it.fail(f"{key} must be a URL string, not {value!r}")
    return Camera(
        id=it.raw["id"], x=it.number("x"), y=it.number("y"),
        heading_deg=it.number("heading_deg") % 360.0, fov_deg=fov, range_m=rng,
        stream=it.optional_text("stream"), substream=it.optional_text("substream"),
    )


def _crane_entry(it: _Item) -> tuple[str, str, str | None, str | None, Point | None]:
    point: Point | None = None
    if "x" in it.raw or "y" in it.raw:
        point = (it.number("x"), it.number("y"))
    return (it.raw["id"], it.text("type", "sts"), it.optional_text("berth"),
            it.optional_text("block"), point)


def _place_cranes(entries: Sequence[tuple[str, str, str | None, str | None, Point | None]],
                  berths: Sequence[Berth], blocks: Sequence[Block]) -> tuple[Crane, ...]:
    """Spread quay cranes evenly along their berth; park yard cranes at their block's end.

    A crane the layout gives neither a point, nor a known berth, nor a known
    block has no place on the grid and is left out.
    """
    by_berth: dict[str, list[tuple[str, str, str | None, str | None, Point | None]]] = {}
    for entry in entries:
        by_berth.setdefault(entry[2] or "", []).append(entry)
    berth_index = {b.id: b for b in berths}
    block_index = {b.id: b for b in blocks}
    placed: list[Crane] = []
    for berth_id, group in by_berth.items():
        berth = berth_index.get(berth_id)
        for i, (crane_id, kind, on_berth, on_block, point) in enumerate(group):
            if point is not None:
                x, y = point
            elif berth is not None:
                t = (i + 1) / (len(group) + 1)
                x = berth.x1 + (berth.x2 - berth.x1) * t
                y = berth.y1 + (berth.y2 - berth.y1) * t
            elif (blk := block_index.get(on_block or "")) is not None:
                x, y = blk.local_to_world(0, blk.rows * blk.slot_width_m / 2)
            else:
                continue
            placed.append(Crane(crane_id, kind, x, y, on_berth, on_block))
    return tuple(placed)


def parse_layout(body: object) -> Layout:
    """The `Layout` of a `layout` message body; `LayoutError` names the first bad field."""
    if isinstance(body, Layout):
        return body
    if not isinstance(body, Mapping):
        raise LayoutError(f"the layout must be a JSON object, not {type(body).__name__}")
    top = _Item(body, "the layout")
    terminal = top.text("terminal", "")
    name = top.text("name", "")
    version = top.optional_text("version")
    width = top.positive("width_m", 1000.0)
    height = top.positive("height_m", 1000.0)
    blocks = _items(body, "blocks", _block)
    berths = _items(body, "berths", _berth)
    cranes = _place_cranes(_items(body, "cranes", _crane_entry), berths, blocks)
    return Layout(
        terminal=terminal, name=name, version=version, width_m=width, height_m=height,
        blocks=blocks, berths=berths, zones=_items(body, "zones", _zone),
        fence=_items(body, "fence", _fence), lanes=_items(body, "lanes", _lane),
        cameras=_items(body, "cameras", _camera, noun="camera"), cranes=cranes,
        body=body,
    )


def as_layout(layout: Layout | Mapping[str, Any] | None) -> Layout:
    """A `Layout` as is, a body parsed (`parse_layout`), None the empty layout."""
    if layout is None:
        return Layout()
    return parse_layout(layout)


def read_layout_body(path: Path) -> dict[str, Any]:
    """A layout body from a file holding the body itself or a whole `layout` message."""
    data = strictjson.loads(path.read_bytes())
    body = data.get("body") if isinstance(data, dict) else None
    if isinstance(data, dict) and data.get("type") == "layout" and isinstance(body, dict):
        data = body
    if not isinstance(data, dict):
        raise LayoutError(f"{path} does not hold a layout object")
    return data


def read_layout(path: Path) -> Layout:
    """The layout in a file (a body or a whole `layout` message), read and checked."""
    body = read_layout_body(path)
    try:
        return parse_layout(body)
    except LayoutError as exc:
        raise LayoutError(f"{path}: {exc}") from None


def builtin_layout() -> Layout:
    """The built-in Terminal 7 layout (`resources/layout/khh-t7.json`), for the review and demos."""
    return read_layout(BUILTIN_PATH)
