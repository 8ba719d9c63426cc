"""`yard-console bench mutation --module console/…`: would the tests notice a bug here?

For each module named (a file, or a folder of them listed in
`tests/mutation/plan.toml`), every mutant from `yard_console.bench.mutants` is
run against only the tests the plan lists for that module, each in a fresh
forked process with its own time limit.  A mutant is *killed* when a test
fails (or the tests stop within the time limit, or cannot even import it),
*survived* when every test still passes.  Mutants listed in
`tests/mutation/equivalent.toml` were reviewed as changing nothing anyone
could observe; they are counted apart, with the reviewer's reason, and not
run.  Printed per module: mutants, killed, survived, equivalent, and the
score (killed out of the non-equivalent mutants run); the exit code is 1 when
a module scores under the target (90%).

Not part of the test run: a module takes minutes.  Bound a run with
`--sample N` (N mutants per module, chosen with `--seed`; the output says
when it sampled).  Run it under `nice`.

How a mutant reaches the tests: the forked child forgets every `console`,
`ui` and `tests` module it inherited, puts a finder first on `sys.meta_path`
that serves the mutated code for the one module, and runs pytest in-process.
Tests that start a separate program (`yard-console headless`, the gateway
process) would run the unmutated code, so the plan lists in-process tests.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import random
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType, ModuleType

from yard_console.bench.mutants import Mutant, find_mutants, mutated_code
from yard_console.bench.mutation_plan import Equivalent, MutationPlan, PlanError, load_plan

TARGET = 0.90
# The packages a child forgets, so that every import of the mutated module is fresh.
_FRESH = ("console", "ui", "testbed", "tests", "yard_console")
# Heavy libraries imported once in the parent, so that each child starts fast (pytest then
# cannot rewrite the asserts of those that are plugins, and says so: the child ignores that).
_WARM = ("pytest", "pytestqt.plugin", "hypothesis", "msgspec", "orjson", "sqlite3",
         "websockets", "numpy")


@dataclass(slots=True)
class ModuleScore:
    """What one module's run found."""

    module: str
    mutants: int
    run: int = 0
    killed: int = 0
    timed_out: int = 0
    survivors: list[Mutant] = field(default_factory=list)
    equivalent: list[tuple[Mutant, Equivalent]] = field(default_factory=list)
    stale: list[Equivalent] = field(default_factory=list)
    sampled: bool = False
    error: str | None = None

    @property
    def score(self) -> float | None:
        judged = self.killed + len(self.survivors)
        return self.killed / judged if judged else None


class _MutantFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves `code` as the module `name`; every other import goes the usual way."""

    def __init__(self, name: str, filename: str, code: CodeType, package: bool) -> None:
        self.name, self.filename, self.code, self.package = name, filename, code, package

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.name:
            return None
        spec = importlib.util.spec_from_loader(
            fullname, self, origin=self.filename, is_package=self.package
        )
        if spec is not None:
            spec.has_location = True
            if self.package:
                spec.submodule_search_locations = [str(Path(self.filename).parent)]
        return spec

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        module.__file__ = self.filename
        exec(self.code, module.__dict__)


def _module_name(root: Path, path: str) -> tuple[str, bool]:
    parts = list(Path(path).with_suffix("").parts)
    package = parts[-1] == "__init__"
    if package:
        parts.pop()
    return ".".join(parts), package


def _warm_up() -> None:
    for name in _WARM:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _child(root: Path, tests: Sequence[str], mutant: tuple[str, bool, str, CodeType] | None,
           examples: int) -> int:
    """In the forked process: forget the project's modules, serve the mutant, run pytest."""
    os.setsid()
    fresh = {*_FRESH, *([mutant[0].split(".")[0]] if mutant is not None else [])}
    for loaded in list(sys.modules):
        if loaded.split(".")[0] in fresh:
            del sys.modules[loaded]
    sys.path.insert(0, str(root))
    if mutant is not None:
        name, package, filename, code = mutant
        sys.meta_path.insert(0, _MutantFinder(name, filename, code, package))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.chdir(root)
    import pytest
    from hypothesis import settings

    settings.register_profile(
        "mutation", max_examples=examples, deadline=None, database=None, derandomize=True
    )
    settings.load_profile("mutation")
    return int(pytest.main([
        "-x", "-q", "-p", "no:cacheprovider",
        "-W", "ignore::pytest.PytestAssertRewriteWarning", *tests,
    ]))


def _run_tests(root: Path, tests: Sequence[str], timeout: float,
               mutant: tuple[str, bool, str, CodeType] | None, examples: int) -> str:
    """'passed', 'failed', 'timeout' or 'error' (no tests ran) for one forked pytest run."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            code = _child(root, tests, mutant, examples)
        finally:
            os._exit(code)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout"
        time.sleep(0.02)
    # Whatever the child started in its session goes with it.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        return "passed"
    if code == 5:
        return "error"
    return "failed"


def score_module(root: Path, module: str, plan: MutationPlan, *, sample: int, seed: int,
                 mutant_timeout: float | None, examples: int, out: list[str]) -> ModuleScore:
    source_path = root / module
    try:
        source = source_path.read_text(encoding="utf-8")
    except OSError as exc:
        return ModuleScore(module, 0, error=f"cannot read {module}: {exc.strerror}")
    tests = plan.tests_for(module)
    mutants = find_mutants(source, str(source_path))
    result = ModuleScore(module, len(mutants))
    listed = plan.equivalents_of(module)
    found_keys = {m.key for m in mutants}
    result.stale = [e for k, e in listed.items() if k not in found_keys]
    to_run: list[Mutant] = []
    for m in mutants:
        if m.key in listed:
            result.equivalent.append((m, listed[m.key]))
        else:
            to_run.append(m)
    if sample and sample < len(to_run):
        to_run = sorted(random.Random(seed).sample(to_run, sample), key=lambda m: m.index)
        result.sampled = True
    started = time.monotonic()
    baseline = _run_tests(root, tests, 1200.0, None, examples)
    took = time.monotonic() - started
    if baseline != "passed":
        result.error = (
            f"its tests do not pass unmutated ({baseline}): fix them before scoring mutants"
        )
        return result
    timeout = mutant_timeout or max(10.0, 3.0 * took)
    name, package = _module_name(root, module)
    out.append(f"{module}: {len(mutants)} mutants, {len(to_run)} to run against "
               f"{len(tests)} test file(s); unmutated run {took:.1f} s, limit {timeout:.0f} s")
    print(out[-1], flush=True)
    for m in to_run:
        code = mutated_code(source, str(source_path), m.index)
        verdict = _run_tests(root, tests, timeout, (name, package, str(source_path), code),
                             examples)
        result.run += 1
        if verdict == "passed":
            result.survivors.append(m)
            print(f"  survived  line {m.line}: {m.change}  [{m.line_text}]", flush=True)
        elif verdict == "error":
            result.error = "pytest collected no tests: check the plan's test list"
            return result
        else:
            result.killed += 1
            result.timed_out += verdict == "timeout"
    return result


def report(scores: Sequence[ModuleScore]) -> list[str]:
    lines: list[str] = []
    for s in scores:
        if s.error is not None:
            lines.append(f"{s.module}: not scored: {s.error}")
            continue
        pct = "n/a" if s.score is None else f"{100 * s.score:.1f}%"
        sampled = f" (sampled {s.run} of {s.mutants - len(s.equivalent)})" if s.sampled else ""
        lines.append(
            f"{s.module}: {s.mutants} mutants, {s.killed} killed"
            f" ({s.timed_out} by time limit), {len(s.survivors)} survived,"
            f" {len(s.equivalent)} equivalent; score {pct}{sampled}"
        )
        for m in s.survivors:
            lines.append(f"  survived    line {m.line}: {m.change}  [{m.line_text}]")
        for m, e in s.equivalent:
            lines.append(f"  equivalent  line {m.line}: {m.change}: {e.reason}")
        for e in s.stale:
            lines.append(f"  listed as equivalent but no longer found: {e.change} [{e.line}]")
    judged = [s for s in scores if s.score is not None]
    if judged:
        killed = sum(s.killed for s in judged)
        total = killed + sum(len(s.survivors) for s in judged)
        lines.append(f"total: {killed} of {total} non-equivalent mutants killed "
                     f"({100 * killed / total:.1f}%); target {100 * TARGET:.0f}% per module")
    return lines


def bench_mutation(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve() if args.root else Path(__file__).resolve().parents[2]
    plan_path = Path(args.plan) if args.plan else root / "tests" / "mutation" / "plan.toml"
    eq_path = (Path(args.equivalent) if args.equivalent
               else root / "tests" / "mutation" / "equivalent.toml")
    try:
        plan = load_plan(plan_path, eq_path)
        modules = [m for path in (args.module or [""]) for m in
                   (plan.modules_under(path) if path else sorted(plan.tests))]
    except PlanError as exc:
        print(f"bench mutation: {exc}", file=sys.stderr)
        return 2
    if args.list:
        for module in modules:
            source = (root / module).read_text(encoding="utf-8")
            listed = plan.equivalents_of(module)
            for m in find_mutants(source, module):
                mark = "equivalent" if m.key in listed else m.kind
                print(f"{module}:{m.line}: {mark}: {m.change}  [{m.line_text}]")
        return 0
    if sys.platform == "win32":
        print("bench mutation: needs fork (Linux or macOS)", file=sys.stderr)
        return 2
    _warm_up()
    scores: list[ModuleScore] = []
    progress: list[str] = []
    for module in modules:
        try:
            scores.append(score_module(
                root, module, plan, sample=args.sample, seed=args.seed,
                mutant_timeout=args.mutant_timeout, examples=args.examples, out=progress,
            ))
        except PlanError as exc:
            print(f"bench mutation: {exc}", file=sys.stderr)
            return 2
    print()
    for line in report(scores):
        print(line)
    failing = [s for s in scores
               if s.error is not None or (s.score is not None and s.score < TARGET)]
    return 1 if failing else 0
