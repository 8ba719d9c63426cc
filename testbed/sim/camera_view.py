"""A believable picture of what one camera looks at, drawn with OpenCV.

Each camera's `view` (lane, crane, block, fence, road, inspection) picks a
scene, drawn once into a background when somebody first watches the camera.
Every frame then adds what changes: the box that last passed in front of it
(from the terminal's latest event at that lane, crane or block, shown for
40 simulated seconds with its number and size-type), the camera id, and the
simulated clock.  A camera that is `down` shows no picture but a notice.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from testbed.sim.traffic import TrafficModel

Frame = npt.NDArray[np.uint8]
SHOW_S = 40.0
FONT = cv2.FONT_HERSHEY_SIMPLEX
BOX_COLOURS = [(40, 90, 30), (30, 60, 160), (140, 110, 40), (50, 50, 150), (120, 120, 120)]


def _sky_and_ground(w: int, h: int, horizon: float, ground: tuple[int, int, int]) -> Frame:
    img = np.zeros((h, w, 3), np.uint8)
    hy = int(h * horizon)
    ramp = np.linspace(0, 1, max(hy, 1))[:, None, None]
    img[:hy] = (np.array([70, 40, 25]) * (1 - ramp) + np.array([110, 80, 60]) * ramp).astype(
        np.uint8
    )
    img[hy:] = ground
    return img


def background(view: str, w: int, h: int, seed: int) -> Frame:
    """The still part of the scene for a camera of kind `view`."""
    rng = np.random.default_rng(seed)
    if view == "lane":
        img = _sky_and_ground(w, h, 0.35, (70, 70, 72))
        hy = int(h * 0.35)
        cv2.fillPoly(
            img,
            [np.array([[int(w * 0.42), hy], [int(w * 0.58), hy], [w, h], [0, h]])],
            (85, 85, 88),
        )
        for k in range(6):
            y0 = hy + (h - hy) * k / 6
            cv2.line(img, (w // 2, int(y0)), (w // 2, int(y0 + (h - hy) / 14)), (220, 220, 220), 2)
        cv2.rectangle(
            img, (int(w * 0.05), int(h * 0.12)), (int(w * 0.95), int(h * 0.2)), (60, 60, 60), -1
        )
        cv2.putText(
            img, "GATE", (int(w * 0.45), int(h * 0.185)), FONT, 0.6 * w / 640, (0, 200, 255), 2
        )
        cv2.rectangle(
            img, (int(w * 0.8), int(h * 0.4)), (int(w * 0.83), int(h * 0.75)), (0, 0, 200), -1
        )
    elif view == "crane":
        img = _sky_and_ground(w, h, 0.25, (90, 60, 30))
        for k in range(7):
            x = int(w * (0.08 + k * 0.13))
            col = BOX_COLOURS[int(rng.integers(len(BOX_COLOURS)))]
            for tier in range(int(rng.integers(2, 5))):
                y = int(h * 0.85) - tier * int(h * 0.09)
                cv2.rectangle(img, (x, y - int(h * 0.08)), (x + int(w * 0.11), y), col, -1)
                cv2.rectangle(img, (x, y - int(h * 0.08)), (x + int(w * 0.11), y), (20, 20, 20), 1)
        cv2.line(img, (0, int(h * 0.1)), (w, int(h * 0.1)), (30, 140, 200), max(2, h // 60))
    elif view in ("block", "road", "inspection"):
        img = _sky_and_ground(w, h, 0.3, (95, 95, 95))
        hy = int(h * 0.3)
        for row in range(10):
            x = int(w * (0.05 + row * 0.09))
            stack = int(rng.integers(1, 6))
            for tier in range(stack):
                y1 = hy + int(h * 0.35) - tier * int(h * 0.06)
                col = BOX_COLOURS[int(rng.integers(len(BOX_COLOURS)))]
                cv2.rectangle(img, (x, y1 - int(h * 0.055)), (x + int(w * 0.08), y1), col, -1)
        if view == "road":
            cv2.line(img, (0, int(h * 0.82)), (w, int(h * 0.82)), (220, 220, 220), 2)
        if view == "inspection":
            cv2.rectangle(
                img, (int(w * 0.3), int(h * 0.45)), (int(w * 0.7), int(h * 0.95)), (60, 60, 140), 3
            )
            cv2.putText(
                img,
                "X-RAY",
                (int(w * 0.44), int(h * 0.55)),
                FONT,
                0.7 * w / 640,
                (200, 200, 255),
                2,
            )
        cv2.rectangle(
            img,
            (int(w * 0.02), hy - int(h * 0.2)),
            (int(w * 0.98), hy - int(h * 0.17)),
            (0, 160, 230),
            -1,
        )
    else:
        img = _sky_and_ground(w, h, 0.45, (60, 90, 60))
        for k in range(0, w, max(8, w // 40)):
            cv2.line(img, (k, int(h * 0.3)), (k, int(h * 0.8)), (160, 160, 160), 1)
        for fy in (0.35, 0.5, 0.65, 0.8):
            cv2.line(img, (0, int(h * fy)), (w, int(h * fy)), (170, 170, 170), 1)
    noise = rng.integers(0, 12, img.shape, dtype=np.uint8)
    out: Frame = np.asarray(cv2.add(img, noise), dtype=np.uint8)
    return out


class CameraView:
    """Renders frames of one camera at one size; the background is drawn once."""

    def __init__(self, camera: dict[str, Any], model: TrafficModel, size: tuple[int, int]) -> None:
        self.camera = camera
        self.model = model
        self.size = size
        self._bg = background(
            str(camera.get("view", "fence")), size[0], size[1], zlib.crc32(camera["id"].encode())
        )

    def render(self, sim_seconds: float) -> Frame:
        w, h = self.size
        scale = w / 640
        state = self.model.devices.get(self.camera["id"], ("camera", "up", None))[1]
        if state == "down":
            img = np.full((h, w, 3), 16, np.uint8)
            cv2.putText(
                img, "NO SIGNAL", (int(w * 0.33), h // 2), FONT, 1.2 * scale, (0, 0, 230), 2
            )
        else:
            img = self._bg.copy()
            self._draw_subject(img, sim_seconds, scale)
        stamp = self.model.clock.stamp(sim_seconds)[:19].replace("T", " ")
        cv2.rectangle(img, (0, 0), (w, int(26 * scale)), (0, 0, 0), -1)
        cv2.putText(
            img,
            self.camera["id"],
            (int(6 * scale), int(19 * scale)),
            FONT,
            0.55 * scale,
            (255, 255, 255),
            max(1, int(scale)),
        )
        cv2.putText(
            img,
            stamp,
            (w - int(215 * scale), int(19 * scale)),
            FONT,
            0.55 * scale,
            (255, 255, 255),
            max(1, int(scale)),
        )
        return img

    def _draw_subject(self, img: Frame, t: float, scale: float) -> None:
        recent = self.model.recent.get(str(self.camera.get("subject")))
        if recent is None or not 0 <= t - recent[0] <= SHOW_S:
            return
        seen, ref, iso, plate = recent
        h, w = img.shape[:2]
        f = (t - seen) / SHOW_S
        length = 0.55 if iso[0] in "4L" else 0.3
        bw, bh = int(w * length), int(h * 0.26)
        if self.camera.get("view") == "crane":
            # under the spreader: the box is lowered (discharge) or hoisted (load) through view
            x0 = (w - bw) // 2
            y1 = int(h * (0.15 + 0.9 * f)) + bh // 2
            cv2.line(img, (w // 2, 0), (w // 2, y1 - bh), (40, 40, 40), max(1, int(2 * scale)))
        else:
            x0 = int(w * (-length + (1 + length) * f))
            y1 = int(h * 0.78)
        colour = BOX_COLOURS[sum(map(ord, ref)) % len(BOX_COLOURS)]
        cv2.rectangle(img, (x0, y1 - bh), (x0 + bw, y1), colour, -1)
        for k in range(1, int(length * 40)):
            x = x0 + int(bw * k / (length * 40))
            cv2.line(img, (x, y1 - bh + 3), (x, y1 - 3), tuple(int(c * 0.7) for c in colour), 1)
        cv2.putText(
            img,
            f"{ref[:4]} {ref[4:10]} {ref[10]}",
            (x0 + int(10 * scale), y1 - bh + int(30 * scale)),
            FONT,
            0.7 * scale,
            (255, 255, 255),
            max(1, int(2 * scale)),
        )
        cv2.putText(
            img,
            iso,
            (x0 + int(10 * scale), y1 - bh + int(58 * scale)),
            FONT,
            0.6 * scale,
            (255, 255, 255),
            max(1, int(scale)),
        )
        if plate:
            wheel = int(h * 0.035)
            for fk in (0.1, 0.3, 0.75, 0.9):
                cv2.circle(img, (x0 + int(bw * fk), y1 + wheel), wheel, (20, 20, 20), -1)


def encode_jpeg(frame: Frame, quality: int = 80) -> bytes:
    ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return bytes(buf)
