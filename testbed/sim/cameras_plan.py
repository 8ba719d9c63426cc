"""Where a terminal puts its cameras, derived from the rest of the layout.

Gate lanes get four each (front and rear OCR, seal camera overhead, side);
every quay crane six (spreader, both legs, lashing platform, backreach,
OCR); every block two at each end looking into the transfer areas; the
fence two per segment; the roads one every 100 m each; the inspection area
eight.  Each camera's `view` says what it looks at (the renderer draws
that scene); `fps` is the advertised frame rate of both streams.
"""

from __future__ import annotations

from typing import Any

CAMERA_FPS = 10
SUBSTREAM_SIZE = (640, 360)
MAIN_SIZE = (1280, 720)


def _camera(
    base: str,
    cid: str,
    x: float,
    y: float,
    heading: float,
    fov: float,
    rng: float,
    view: str,
    subject: str,
) -> dict[str, Any]:
    return {
        "id": cid,
        "x": round(x, 1),
        "y": round(y, 1),
        "heading_deg": heading % 360,
        "fov_deg": fov,
        "range_m": rng,
        "stream": f"{base}/cameras/{cid}/main.mjpg",
        "substream": f"{base}/cameras/{cid}/sub.mjpg",
        "view": view,
        "subject": subject,
        "fps": CAMERA_FPS,
        "stream_size": list(MAIN_SIZE),
        "substream_size": list(SUBSTREAM_SIZE),
    }


def plan_cameras(layout: dict[str, Any], base: str) -> list[dict[str, Any]]:
    cams: list[dict[str, Any]] = []
    for lane in layout["lanes"]:
        lid, x, y = lane["id"], lane["x"], lane["y"]
        facing = 270.0 if lane["direction"] == "in" else 90.0
        cams += [
            _camera(base, f"CAM-{lid}-F", x, y + 12, facing, 40, 30, "lane", lid),
            _camera(base, f"CAM-{lid}-R", x, y - 12, facing + 180, 40, 30, "lane", lid),
            _camera(base, f"CAM-{lid}-T", x, y, 270, 60, 12, "lane", lid),
            _camera(base, f"CAM-{lid}-S", x + 6, y, 180, 70, 20, "lane", lid),
        ]
    gate = next(z for z in layout["zones"] if z["id"] == "GATE")["polygon"]
    for k, (gx, gy) in enumerate(gate):
        cams.append(
            _camera(base, f"CAM-GATE-{k + 1:02d}", gx, gy, 45 + 90 * k, 90, 250, "lane", "GATE")
        )
    for crane in (c for c in layout["cranes"] if c["type"] == "sts"):
        cid, x, y = crane["id"], crane["x"], crane["y"]
        cams += [
            _camera(base, f"CAM-{cid}-SPR", x, y, 270, 60, 50, "crane", cid),
            _camera(base, f"CAM-{cid}-LW", x - 15, y, 0, 70, 40, "crane", cid),
            _camera(base, f"CAM-{cid}-LE", x + 15, y, 180, 70, 40, "crane", cid),
            _camera(base, f"CAM-{cid}-LSH", x, y + 20, 270, 80, 30, "crane", cid),
            _camera(base, f"CAM-{cid}-BR", x, y + 30, 90, 70, 60, "crane", cid),
            _camera(base, f"CAM-{cid}-OCR", x, y + 25, 270, 40, 25, "crane", cid),
        ]
    for block in layout["blocks"]:
        bid, x_right, y0 = block["id"], block["x"], block["y"]
        width = block["rows"] * block["slot_width_m"]
        y1 = y0 + block["bays"] * block["slot_length_m"]
        cams += [
            _camera(base, f"CAM-{bid}-S1", x_right - width, y0 - 4, 60, 70, 60, "block", bid),
            _camera(base, f"CAM-{bid}-S2", x_right, y0 - 4, 120, 70, 60, "block", bid),
            _camera(base, f"CAM-{bid}-L1", x_right - width, y1 + 4, 300, 70, 60, "block", bid),
            _camera(base, f"CAM-{bid}-L2", x_right, y1 + 4, 240, 70, 60, "block", bid),
        ]
    for seg in layout["fence"]:
        (x0, y0), (x1, y1) = seg["points"]
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        inward = 270.0 if y0 == y1 else (0.0 if x0 == 0 else 180.0)
        cams += [
            _camera(
                base,
                f"CAM-{seg['id']}-A",
                (x0 + mx) / 2,
                (y0 + my) / 2,
                inward + 180,
                60,
                120,
                "fence",
                seg["id"],
            ),
            _camera(
                base,
                f"CAM-{seg['id']}-B",
                (mx + x1) / 2,
                (my + y1) / 2,
                inward + 180,
                60,
                120,
                "fence",
                seg["id"],
            ),
        ]
    width = layout["width_m"]
    for k in range(int(width // 100)):
        x = 50 + k * 100.0
        cams.append(_camera(base, f"CAM-RA-{k + 1:02d}", x, 88, 0, 90, 80, "road", "RD-APRON"))
        cams.append(_camera(base, f"CAM-RL-{k + 1:02d}", x, 482, 180, 90, 80, "road", "RD-LAND"))
    insp = next(z for z in layout["zones"] if z["id"] == "INSP")["polygon"]
    (ix0, iy0), _, (ix1, iy1), _ = insp
    for k in range(8):
        x = ix0 + (ix1 - ix0) * (k % 4 + 0.5) / 4
        y = iy0 if k < 4 else iy1
        cams.append(
            _camera(
                base,
                f"CAM-INSP-{k + 1:02d}",
                x,
                y,
                90 if k < 4 else 270,
                80,
                60,
                "inspection",
                "INSP",
            )
        )
    return cams
