"""The terminal layout, parsed once: one typed model every room takes (docs/architecture.md).

`parse_layout(body)` turns a `layout` message body into a `Layout` (blocks,
slots, berths, cranes, lanes, zones, cameras, fence) or raises one
`LayoutError` naming the field; `geometry` holds the grid's one
point-in-polygon and the area index the yard locates vehicles with.
"""

from console.layout.geometry import Area, AreaIndex, Point, block_corners, point_in_polygon
from console.layout.model import (
    EMPTY,
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
from console.layout.parse import (
    BUILTIN_PATH,
    LayoutError,
    as_layout,
    builtin_layout,
    parse_layout,
    read_layout,
    read_layout_body,
)

__all__ = [
    "BUILTIN_PATH", "EMPTY", "ZONE_KINDS", "Area", "AreaIndex", "Berth", "Block", "Camera",
    "Crane", "FenceSegment", "Lane", "Layout", "LayoutError", "Point", "Zone", "as_layout",
    "block_corners", "builtin_layout", "parse_layout", "point_in_polygon", "read_layout",
    "read_layout_body",
]
