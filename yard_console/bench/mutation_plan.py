"""What `bench mutation` reads: which tests exercise each module, and the reviewed equivalents.

Both live in the source checkout, beside the tests, as TOML:

- `tests/mutation/plan.toml`: `[modules."console/protocol/iso6346.py"]` with
  `tests = [...]`, the test files (or `file::test` ids) that exercise the
  module.  Mutants of the module run against those only.
- `tests/mutation/equivalent.toml`: `[[equivalent]]` entries with `module`,
  `line` (the line's text, stripped), `change` (as the command prints it) and
  `reason`: mutants a reviewer judged to change no behaviour anyone could
  observe.  They are counted apart and not run.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


class PlanError(ValueError):
    """The plan or the equivalents file is missing or malformed: the message says what to fix."""


@dataclass(frozen=True, slots=True)
class Equivalent:
    module: str
    line: str
    change: str
    reason: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.line, self.change)


@dataclass(frozen=True, slots=True)
class MutationPlan:
    tests: dict[str, tuple[str, ...]]
    equivalents: tuple[Equivalent, ...]

    def tests_for(self, module: str) -> tuple[str, ...]:
        try:
            return self.tests[module]
        except KeyError:
            raise PlanError(
                f"{module} has no tests listed in the mutation plan: add "
                f'[modules."{module}"] tests = [...] to tests/mutation/plan.toml'
            ) from None

    def modules_under(self, path: str) -> list[str]:
        """The planned modules at `path` (a file) or below it (a folder), sorted."""
        path = path.rstrip("/")
        found = sorted(m for m in self.tests if m == path or m.startswith(path + "/"))
        if not found:
            raise PlanError(f"no module at or under {path} is in tests/mutation/plan.toml")
        return found

    def equivalents_of(self, module: str) -> dict[tuple[str, str], Equivalent]:
        return {e.key: e for e in self.equivalents if e.module == module}


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise PlanError(f"{path} is missing (bench mutation runs in a source checkout)") from None
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{path} is not valid TOML: {exc}") from None


def load_plan(plan_path: Path, equivalent_path: Path) -> MutationPlan:
    raw = _read(plan_path).get("modules", {})
    if not isinstance(raw, dict):
        raise PlanError(f"{plan_path}: `modules` must be a table of modules")
    tests: dict[str, tuple[str, ...]] = {}
    for module, entry in raw.items():
        listed = entry.get("tests") if isinstance(entry, dict) else None
        if not isinstance(listed, list) or not listed or not all(
            isinstance(t, str) for t in listed
        ):
            raise PlanError(f"{plan_path}: {module} needs `tests`, a list of test files")
        tests[module] = tuple(listed)
    equivalents: list[Equivalent] = []
    if equivalent_path.exists():
        entries = _read(equivalent_path).get("equivalent", [])
        if not isinstance(entries, list):
            raise PlanError(f"{equivalent_path}: use [[equivalent]] entries")
        for n, e in enumerate(entries, start=1):
            fields = {k: e.get(k) if isinstance(e, dict) else None
                      for k in ("module", "line", "change", "reason")}
            missing = [k for k, v in fields.items() if not isinstance(v, str) or not v.strip()]
            if missing:
                raise PlanError(
                    f"{equivalent_path}: entry {n} lacks {', '.join(missing)} "
                    "(a reviewed equivalent says where, what and why)"
                )
            equivalents.append(Equivalent(
                str(fields["module"]), str(fields["line"]).strip(), str(fields["change"]),
                str(fields["reason"]),
            ))
    return MutationPlan(tests, tuple(equivalents))
