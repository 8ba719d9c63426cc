"""`yard-console bench cctv`: can the wall show 16 cameras without falling behind?

Sixteen real local streams (ffmpeg HTTP MJPEG, 640×360 at 15 fps by default)
are each decoded by a `StreamReader` while one viewer polls all slots at
30 Hz, as the wall's tiles do.  The bench prints, for the measured window
(after every stream is live): frames delivered (taken by the viewer) against
frames produced (decoded from the streams) and against what the sources sent
at their nominal rate, the p99 age of frames when first shown (decoder to
screen: what the console adds) and of the picture on show at each poll (which
also grows when a source stalls), and the CPU the reader threads used (as a
fraction of one core).  The baseline in the same run
is one bare `cv2.VideoCapture` read loop on one more stream of the same
kind, its CPU scaled to the number of tiles: what decoding alone costs.

Targets (issue 7): ≥ 99 % of frames shown, frame age p99 ≤ 150 ms, decoding
under half of one core.  Exit code 0 when all three are met.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import cv2
import psutil

from console.cameras.check import percentile, watch
from console.cameras.loopback import FfmpegMjpegSource, make_clip
from console.cameras.reader import StreamReader, open_capture

TARGET_SHOWN = 0.99
TARGET_AGE_P99_MS = 150.0
TARGET_DECODE_CORES = 0.5


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The bench's options, for whichever parser registers `cctv`."""
    p.add_argument("--tiles", type=int, default=16, help="streams decoded at once (default 16)")
    p.add_argument("--seconds", type=float, default=30.0, help="measured window (default 30)")
    p.add_argument("--fps", type=int, default=15, help="frames per second of each source")
    p.add_argument("--size", default="640x360", help="picture size of each source")
    p.add_argument("--poll-hz", type=float, default=30.0, help="viewer poll rate (default 30)")
    p.add_argument("--baseline-seconds", type=float, default=8.0,
                   help="length of the bare read-loop baseline (default 8)")
    p.add_argument("--encode-live", action="store_true",
                   help="each source encodes its test pattern live (default: sources loop a "
                   "pre-encoded clip, so that they leave the CPU to what is measured)")


def _thread_cpu(threads: set[int]) -> float:
    """CPU seconds (user + system) so far of the given native thread ids of this process."""
    return float(
        sum(t.user_time + t.system_time for t in psutil.Process().threads() if t.id in threads)
    )


def baseline(url: str, seconds: float) -> dict[str, Any]:
    """One bare read loop in its own thread: frames read and the thread's CPU seconds."""
    out: dict[str, Any] = {}

    def loop() -> None:
        # the source's ffmpeg may still be starting: a stream not yet open is no baseline
        cap, until = open_capture(url, 5.0, 2.0), time.monotonic() + 5.0
        while not cap.isOpened() and time.monotonic() < until:
            time.sleep(0.2)
            cap = open_capture(url, 5.0, 2.0)
        frames, start_cpu, start = 0, time.thread_time(), time.monotonic()
        while time.monotonic() - start < seconds:
            ok, _img = cap.read()
            if not ok:
                break
            frames += 1
        out.update(frames=frames, cpu_s=time.thread_time() - start_cpu,
                   wall_s=time.monotonic() - start)
        cap.release()

    t = threading.Thread(target=loop, name="bench-baseline")
    t.start()
    t.join()
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="yard-cctv-bench-") as tmp:
        clip = None if args.encode_live else make_clip(
            Path(tmp) / "clip.mkv", args.size, args.fps, seconds=10)
        sources = [FfmpegMjpegSource(size=args.size, rate=args.fps, clip=clip)
                   for _ in range(args.tiles + 1)]
        return _measure(args, sources)


def _measure(args: argparse.Namespace, sources: list[FfmpegMjpegSource]) -> dict[str, Any]:
    for s in sources:
        s.start()
    readers: list[StreamReader] = []
    try:
        base = baseline(sources[-1].url, args.baseline_seconds)
        readers = [StreamReader(s.url, name=f"bench-{i}") for i, s in enumerate(sources[:-1])]
        for r in readers:
            r.start()
        deadline = time.monotonic() + 10.0
        while time.monotonic() < deadline and any(r.slot.peek() is None for r in readers):
            time.sleep(0.05)
        watch(readers, 1.0, args.poll_hz)  # settle: every reader past its first burst
        tids = {t.native_id for t in threading.enumerate()
                if t.name.startswith("camera-reader bench-") and t.native_id is not None}
        before = [r.slot.counters() for r in readers]
        src_procs = [psutil.Process(s.process.pid) for s in sources[:-1] if s.process]
        src_cpu0 = sum(sum(p.cpu_times()[:2]) for p in src_procs)
        proc_cpu0, cpu0, t0 = sum(psutil.Process().cpu_times()[:2]), _thread_cpu(tids), \
            time.monotonic()
        stats = watch(readers, args.seconds, args.poll_hz)
        elapsed = time.monotonic() - t0
        decode_cpu = _thread_cpu(tids) - cpu0
        proc_cpu = sum(psutil.Process().cpu_times()[:2]) - proc_cpu0
        src_cpu = sum(sum(p.cpu_times()[:2]) for p in src_procs) - src_cpu0
        after = [r.slot.counters() for r in readers]
    finally:
        for r in readers:
            r.stop()
        for r in readers:
            r.join(5.0)
        for s in sources:
            s.kill()
    produced = sum(a.produced - b.produced for a, b in zip(after, before, strict=True))
    delivered = sum(a.delivered - b.delivered for a, b in zip(after, before, strict=True))
    dropped = sum(a.dropped - b.dropped for a, b in zip(after, before, strict=True))
    ages = [a for st in stats for a in st.ages_s]
    picture_ages = [a for st in stats for a in st.picture_ages_s]
    p99 = percentile(ages, 99)
    nominal = args.tiles * args.fps * elapsed
    base_per_stream = base["cpu_s"] / base["wall_s"] if base.get("wall_s") else 0.0
    return {
        "tiles": args.tiles, "size": args.size, "fps": args.fps,
        "sources": "live-encoded testsrc" if args.encode_live else "looped MJPEG clip",
        "seconds": round(elapsed, 2), "opencv": cv2.__version__,
        "frames_nominal": round(nominal),
        "frames_produced": produced,
        "frames_delivered": delivered,
        "frames_dropped": dropped,
        "shown_of_produced": round(delivered / produced, 4) if produced else 0.0,
        "received_of_nominal": round(produced / nominal, 4) if nominal else 0.0,
        "frame_age_ms_p50": round((percentile(ages, 50) or 0.0) * 1000, 1),
        "frame_age_ms_p99": round((p99 or 0.0) * 1000, 1),
        "picture_age_ms_p99": round((percentile(picture_ages, 99) or 0.0) * 1000, 1),
        "decode_cores": round(decode_cpu / elapsed, 3),
        "process_cores": round(proc_cpu / elapsed, 3),
        "sources_cores": round(src_cpu / elapsed, 3),
        "baseline": {
            "frames": base.get("frames", 0),
            "fps": round(base.get("frames", 0) / base["wall_s"], 2) if base.get("wall_s") else 0,
            "cores_per_stream": round(base_per_stream, 4),
            "cores_for_all_tiles": round(base_per_stream * args.tiles, 3),
        },
    }


def verdict(result: dict[str, Any]) -> dict[str, bool]:
    return {
        "shown": result["shown_of_produced"] >= TARGET_SHOWN
        and result["received_of_nominal"] >= TARGET_SHOWN,
        "frame_age": result["frames_delivered"] > 0
        and result["frame_age_ms_p99"] <= TARGET_AGE_P99_MS,
        "cpu": result["decode_cores"] < TARGET_DECODE_CORES,
    }


def with_defaults(args: argparse.Namespace) -> argparse.Namespace:
    """`args` with this bench's defaults for every option its parser did not define.

    `yard-console bench cctv` is parsed by the shared bench parser, which does
    not know this bench's options.
    """
    defaults = argparse.ArgumentParser(add_help=False)
    add_arguments(defaults)
    merged = vars(defaults.parse_args([]))
    merged.update({k: v for k, v in vars(args).items() if k in merged})
    return argparse.Namespace(**merged)


def bench_cctv(args: argparse.Namespace) -> int:
    """Run the bench with `args` (see `add_arguments`); print lines and one JSON object."""
    result = run(with_defaults(args))
    met = verdict(result)
    result["targets_met"] = met
    b = result["baseline"]
    print(f"cctv bench: {result['tiles']} tiles of {result['size']} at {result['fps']} fps, "
          f"{result['seconds']} s")
    print(f"  frames delivered / produced: {result['frames_delivered']} / "
          f"{result['frames_produced']} ({result['shown_of_produced']:.2%}); "
          f"produced / nominal {result['received_of_nominal']:.2%}")
    print(f"  frame age when shown: p50 {result['frame_age_ms_p50']} ms, "
          f"p99 {result['frame_age_ms_p99']} ms; picture on show p99 "
          f"{result['picture_age_ms_p99']} ms")
    print(f"  CPU: decoding {result['decode_cores']:.1%} of one core "
          f"(whole console process {result['process_cores']:.1%}); "
          f"sources (ffmpeg) {result['sources_cores']:.1%}")
    print(f"  baseline, bare cv2 read loop: {b['fps']} fps, {b['cores_per_stream']:.2%} of a core "
          f"per stream, x{result['tiles']} = {b['cores_for_all_tiles']:.1%}")
    print("  targets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in met.items()))
    print(json.dumps(result))
    return 0 if all(met.values()) else 1


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m yard_console.bench.cameras",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    add_arguments(parser)
    return bench_cctv(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
