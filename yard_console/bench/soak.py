"""`yard-console bench soak --minutes N`: the console's memory over a long run, as a curve.

The simulator (`yard-console simulate`, at `--speed`, 4 by default) serves
both feeds; the console runs as its own process against it: the headless
engine (`yard-console headless`), the window (`yard-console run`,
`--console window`: offscreen, or a real X window when DISPLAY is set, as
under `xvfb-run`), or both side by side (`--console both`, each with its
own station id and database).  Every `--interval` seconds (30) one line is
printed per console: elapsed time, resident memory (RSS, from /proc) and the
database's size on disk (file and write-ahead log).  At the end: the slope
of each, in MB per hour, by least squares over the samples after the
warm-up (the first fifth of the run, at least one sample: the snapshot of
85,000 containers arrives then), and over the first and second half of that
stretch, so that a curve still bending up is seen.

The database is expected to grow (events are evidence, nothing is deleted);
the resident memory is what must stay flat.  The baseline, in the same run
(unless `--no-idle`): an `idle` headless console on a second simulator at
speed 0.01, which sends the same 85,000-container snapshot and then almost
nothing; its slope is what the machine, the allocator and the clock give a
console with no traffic.  A console's curve is called flat when the slope over
the second half of the stretch after the warm-up is below 2 MB/h and no more
than 2 MB/h above the idle console's (`FLAT_MB_H`).

`--probe` runs, instead of `headless`, the same engine inside
`yard_console.bench.soak_probe` with `tracemalloc` on (slower, and its RSS is
inflated by the tracing): its report names the allocation sites that grew
and the sizes of the engine's structures, which is how a growth is found.

All files live in a temporary folder (the console's configuration, data and
log folders point there too), removed at the end unless `--keep DIR`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

CLI = [sys.executable, "-m", "yard_console.cli"]
WARM_UP_SHARE = 0.2
IDLE_SPEED = 0.01  # the baseline's simulator: the same snapshot, then (almost) no traffic
FLAT_MB_H = 2.0


@dataclass
class Watched:
    """One console process and its samples: (elapsed s, RSS MB, DB MB)."""

    name: str
    proc: subprocess.Popen[bytes]
    db: Path
    samples: list[tuple[float, float, float]] = field(default_factory=list)

    def sample(self, elapsed: float) -> tuple[float, float, float] | None:
        rss = rss_mb(self.proc.pid)
        if rss is None:
            return None
        size = sum(p.stat().st_size for p in self.db.parent.glob(self.db.name + "*")) / 2**20
        row = (elapsed, rss, size)
        self.samples.append(row)
        return row


def rss_mb(pid: int) -> float | None:
    """Resident memory of a live process, in MB (None once it has gone)."""
    import psutil  # the project's process reader (bench ui, bench cctv), on every OS

    try:
        return float(psutil.Process(pid).memory_info().rss) / 2**20
    except psutil.Error:  # gone, a zombie, or not ours to read
        return None


def slope_per_hour(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of (seconds, MB) points, in MB per hour."""
    if len(points) < 2:
        return None
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_v = sum(v for _, v in points) / n
    var = sum((t - mean_t) ** 2 for t, _ in points)
    if var == 0:
        return None
    cov = sum((t - mean_t) * (v - mean_v) for t, v in points)
    return cov / var * 3600


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}"


def _after_warm_up(w: Watched) -> list[tuple[float, float, float]]:
    end = w.samples[-1][0]
    return [s for s in w.samples if s[0] >= end * WARM_UP_SHARE][1:] or w.samples


def second_half_slope(w: Watched) -> float | None:
    """RSS slope (MB/h) over the second half of the stretch after the warm-up."""
    if not w.samples:
        return None
    warm = _after_warm_up(w)
    mid = (warm[0][0] + warm[-1][0]) / 2
    return slope_per_hour([(t, r) for t, r, _ in warm if t >= mid])


def verdict(w: Watched, idle: Watched | None) -> str:
    """Flat or not, by the criterion of the module docstring, in one line."""
    slope = second_half_slope(w)
    base = second_half_slope(idle) if idle is not None else None
    if slope is None:
        return f"{w.name}: too few samples to judge"
    flat = slope < FLAT_MB_H and (base is None or slope - base < FLAT_MB_H)
    against = "" if base is None else f", idle baseline {base:+.1f} MB/h"
    return (f"{w.name}: second-half slope {slope:+.1f} MB/h{against}: "
            f"{'FLAT' if flat else 'NOT FLAT'} (criterion: < {FLAT_MB_H:g} MB/h and < "
            f"{FLAT_MB_H:g} MB/h above the idle baseline)")


def summary(w: Watched) -> list[str]:
    """The slopes after the warm-up, overall and per half."""
    if not w.samples:
        return [f"{w.name}: no sample (the process ended at once)"]
    end = w.samples[-1][0]
    warm = _after_warm_up(w)
    mid = (warm[0][0] + warm[-1][0]) / 2
    halves = ([s for s in warm if s[0] <= mid], [s for s in warm if s[0] >= mid])
    rss = [(t, r) for t, r, _ in warm]
    db = [(t, d) for t, _, d in warm]
    first, second = ([(t, r) for t, r, _ in h] for h in halves)
    low, high = min(r for _, r in rss), max(r for _, r in rss)
    return [
        f"{w.name}: after {warm[0][0] / 60:.1f} min of warm-up, over {(end - warm[0][0]) / 60:.1f}"
        f" min ({len(warm)} samples):",
        f"  RSS {warm[0][1]:.1f} -> {warm[-1][1]:.1f} MB (range {low:.1f}-{high:.1f}), slope "
        f"{_fmt(slope_per_hour(rss))} MB/h (first half {_fmt(slope_per_hour(first))}, second "
        f"half {_fmt(slope_per_hour(second))})",
        f"  DB  {warm[0][2]:.1f} -> {warm[-1][2]:.1f} MB, slope {_fmt(slope_per_hour(db))} MB/h "
        "(expected to grow: events are evidence)",
    ]


def _start_simulator(folder: Path, speed: float, seed: int, name: str = "simulator"
                     ) -> tuple[subprocess.Popen[str], str, str]:
    sim = subprocess.Popen(
        [*CLI, "simulate", "--port", "0", "--speed", str(speed), "--seed", str(seed)],
        stdout=subprocess.PIPE, stderr=(folder / f"{name}.log").open("wb"), text=True,
        env=_env(folder))
    urls: dict[str, str] = {}
    assert sim.stdout is not None
    deadline = time.monotonic() + 120
    while len(urls) < 2 and time.monotonic() < deadline:
        line = sim.stdout.readline()
        if not line:
            raise RuntimeError(f"the simulator stopped: see {folder / (name + '.log')}")
        for name in ("terminal", "clearance"):
            if line.startswith(f"{name} feed"):
                urls[name] = line.split()[-1]
    if len(urls) < 2:
        raise RuntimeError("the simulator printed no feed addresses within 120 s")
    return sim, urls["terminal"], urls["clearance"]


def _env(folder: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if not env.get("DISPLAY"):  # under xvfb-run (or a desk) the window is a real X window
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        env[var] = str(folder / sub)
    return env


def _start_console(kind: str, folder: Path, feeds: tuple[str, str], interval: float,
                   sink: IO[bytes]) -> Watched:
    db = folder / kind / "yard.db"
    db.parent.mkdir(parents=True)
    urls = [a for url in feeds for a in ("--feed", url)]
    station = ["--station", f"SOAK-{kind.upper()}"]
    if kind in ("headless", "idle"):
        args = [*CLI, "headless", *urls, "--db", str(db), *station]
    elif kind.startswith("probe"):
        window = ["--window"] if kind == "probe-window" else []
        args = [sys.executable, "-m", "yard_console.bench.soak_probe",
                str(folder / f"{kind}.jsonl"), str(db), *feeds, "--every", str(interval),
                "--station", f"SOAK-{kind.upper()}", *window]
    else:
        args = [*CLI, "run", *urls, "--db", str(db), "--settings", str(folder / "window.ini"),
                "--lang", "en"]
    log = (folder / f"{kind}.log").open("wb")
    proc = subprocess.Popen(args, stdout=sink, stderr=log, stdin=subprocess.DEVNULL,
                            env=_env(folder))
    return Watched(kind, proc, db)


def _probe_findings(report: Path) -> list[str]:
    name = report.stem
    lines = report.read_text(encoding="utf-8").splitlines() if report.exists() else []
    if not lines:
        return [f"{name}: no report yet (the first comes one interval after the start)"]
    last = json.loads(lines[-1])
    out = [f"{name} after {last['elapsed_s'] / 60:.1f} min: traced {last['traced_mb']} MB, "
           f"{last['gc_objects']} objects tracked by the collector"]
    out += [f"  grew {g['kib']:>9.1f} KiB {g['count']:>+8d} blocks  {g['site']}"
            for g in last["grown_since_first"][:8]]
    out += [f"  more {name}: {n:+d}" for name, n in list(last["types_grown"].items())[:6]]
    out += [f"  size {name} = {size}" for name, size in last["sizes"].items()]
    return out


def bench_soak(args: argparse.Namespace) -> int:
    minutes: float = args.minutes
    interval: float = args.interval
    kinds = {"both": ["headless", "window"]}.get(args.console, [args.console])
    if args.probe:  # the same engine (and window) under tracemalloc
        kinds = ["probe" if k == "headless" else "probe-window" for k in kinds]
    with tempfile.TemporaryDirectory(prefix="yard-soak-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        sim, *feeds = _start_simulator(folder, args.speed, args.seed)
        sims = [sim]
        watched: list[Watched] = []
        idle: Watched | None = None
        with open(os.devnull, "wb") as sink:
            try:
                watched = [_start_console(k, folder, (feeds[0], feeds[1]), interval, sink)
                           for k in kinds]
                if not args.no_idle:
                    quiet, *idle_feeds = _start_simulator(folder, IDLE_SPEED, args.seed,
                                                          "idle-simulator")
                    sims.append(quiet)
                    idle = _start_console("idle", folder, (idle_feeds[0], idle_feeds[1]),
                                          interval, sink)
                    watched.append(idle)
                print(f"bench soak: simulator at speed {args.speed:g} ({feeds[0]}), "
                      f"{' and '.join(kinds)} console, {minutes:g} min, a sample every "
                      f"{interval:g} s, window on "
                      f"{_env(folder).get('QT_QPA_PLATFORM') or 'X ' + os.environ['DISPLAY']}"
                      + ("" if idle is None else
                                           f"; baseline: an idle console (speed {IDLE_SPEED:g})"),
                      flush=True)
                print(f"{'elapsed':>8} " + " ".join(
                    f"{w.name + ' RSS MB':>18} {w.name + ' DB MB':>17}" for w in watched),
                    flush=True)
                started = time.monotonic()
                end = started + minutes * 60
                live = list(watched)
                ticks = 0
                while live:
                    elapsed = time.monotonic() - started
                    rows = {w.name: w.sample(elapsed) for w in live}
                    for w in [w for w in live if rows[w.name] is None]:
                        print(f"bench soak: the {w.name} console stopped (exit "
                              f"{w.proc.poll()}); see {folder / (w.name + '.log')}", flush=True)
                        live.remove(w)
                    print(f"{int(elapsed // 60):>5}:{int(elapsed % 60):02d} " + " ".join(
                        f"{r[1]:>18.1f} {r[2]:>17.1f}" if (r := rows.get(w.name)) else
                        f"{'-':>18} {'-':>17}" for w in watched), flush=True)
                    ticks += 1
                    if started + ticks * interval > end + 1:
                        break
                    time.sleep(max(0.0, started + ticks * interval - time.monotonic()))
            finally:
                for proc in [w.proc for w in watched] + sims:
                    proc.terminate()
                for proc in [w.proc for w in watched] + sims:
                    try:
                        proc.wait(60)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait()
        for w in watched:
            for line in summary(w):
                print(line)
        for w in watched:
            if w is not idle:
                print(verdict(w, idle))
        for w in watched:
            if w.name.startswith("probe"):
                for line in _probe_findings(folder / f"{w.name}.jsonl"):
                    print(line)
        if args.keep:
            print(f"bench soak: files kept in {folder}")
    return 0
