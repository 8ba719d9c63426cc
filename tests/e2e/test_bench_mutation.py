"""`yard-console bench mutation`: the mutants it makes, and its score on a small checkout.

The end-to-end tests run the real command as a subprocess on a throw-away
source checkout (a module, its tests, a plan and a reviewed equivalent), so
that the counts it prints can be checked against what the tests there can see.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from yard_console.bench.mutants import find_mutants, mutated_code

CALC = textwrap.dedent('''\
    """A module to mutate."""

    LIMIT = 18


    def clamp(x, lo, hi):
        if x < lo:
            return lo
        if x > hi:
            return hi
        return x


    def is_adult(age):
        return age >= LIMIT


    def both(a, b):
        return a and not b
''')


def test_every_kind_of_mutant_is_made() -> None:
    source = textwrap.dedent('''\
        import logging
        log = logging.getLogger("x")

        def f(a, b, items):
            """Docstrings are not mutated."""
            log.info("neither are logging calls")
            total = a + b
            if a < b and b in items:
                items.append(total)
            flag = not a
            sql = "SELECT x FROM t WHERE a = ? AND b >= ? ORDER BY x ASC"
            return total, flag, sql, True, 0
    ''')
    mutants = find_mutants(source)
    kinds = {m.kind for m in mutants}
    assert kinds == {"arithmetic", "comparison", "boolean", "boundary", "constant",
                     "statement", "sql"}
    changes = {m.change for m in mutants}
    assert {"`+` → `-`", "`<` → `<=`", "`in` → `not in`", "`and` → `or`", "drop `not`",
            "`True` → `False`", "`0` → `1`", "SQL `=` → `!=`", "SQL `AND` → `OR`", "SQL `>=` → `>`",
            "SQL `ASC` → `DESC`", "delete `items.append(total)`"} <= changes
    assert not any("Docstrings" in m.line_text or "log.info" in m.line_text for m in mutants)
    assert [m.index for m in mutants] == list(range(len(mutants)))


def _run(code: object, name: str, *args: object) -> object:
    namespace: dict[str, object] = {}
    exec(code, namespace)
    func = namespace[name]
    assert callable(func)
    return func(*args)


def test_a_mutant_changes_only_what_it_says() -> None:
    mutants = find_mutants(CALC, "calc.py")
    flip = next(m for m in mutants if m.change == "`>=` → `>`")
    assert flip.line == 15 and flip.line_text == "return age >= LIMIT"
    code = mutated_code(CALC, "calc.py", flip.index)
    assert _run(code, "is_adult", 18) is False
    assert _run(code, "is_adult", 19) is True
    assert _run(code, "clamp", 11, 0, 10) == 10
    original = compile(CALC, "calc.py", "exec")
    assert _run(original, "is_adult", 18) is True
    with pytest.raises(IndexError):
        mutated_code(CALC, "calc.py", len(mutants))


def test_the_same_change_twice_on_the_same_text_is_told_apart() -> None:
    mutants = find_mutants("def f(v):\n    v += 1\n    v += 1\n    return v\n")
    keys = [m.key for m in mutants]
    assert len(keys) == len(set(keys))
    assert ("v += 1", "`1` → `2` (occurrence 2)") in keys


def _checkout(root: Path, extra_tests: str = "") -> None:
    (root / "toy").mkdir()
    (root / "toy" / "__init__.py").write_text("")
    (root / "toy" / "calc.py").write_text(CALC)
    (root / "tests").mkdir()
    (root / "tests" / "test_calc.py").write_text(textwrap.dedent('''\
        from toy.calc import both, clamp, is_adult

        def test_clamp():
            assert clamp(5, 0, 10) == 5
            assert clamp(-1, 0, 10) == 0
            assert clamp(11, 0, 10) == 10

        def test_is_adult():
            assert is_adult(30) and not is_adult(3)

        def test_both():
            assert both(1, 0) and not both(1, 1) and not both(0, 0)
    ''') + extra_tests)
    (root / "plan.toml").write_text(
        '[modules."toy/calc.py"]\ntests = ["tests/test_calc.py"]\n')
    (root / "equivalent.toml").write_text(textwrap.dedent('''\
        [[equivalent]]
        module = "toy/calc.py"
        line = "if x < lo:"
        change = "`<` → `<=`"
        reason = "at x == lo both return lo"

        [[equivalent]]
        module = "toy/calc.py"
        line = "if x > hi:"
        change = "`>` → `>=`"
        reason = "at x == hi both return hi"
    '''))


def _bench(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "yard_console.cli", "bench", "mutation", "--root", str(root),
           "--plan", str(root / "plan.toml"), "--equivalent", str(root / "equivalent.toml"),
           "--module", "toy/calc.py", *extra]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=240, env=env,
                          check=False)


@pytest.mark.slow
def test_the_score_counts_what_the_tests_cannot_see(tmp_path: Path) -> None:
    _checkout(tmp_path)
    done = _bench(tmp_path)
    total = len(find_mutants(CALC))
    # Unseen by these tests: the age limit's boundary (`>=` → `>`, 18 → 19) and nothing else.
    line = next(x for x in done.stdout.splitlines() if x.startswith("toy/calc.py: ")
                and "killed" in x)
    assert line == (f"toy/calc.py: {total} mutants, {total - 4} killed (0 by time limit),"
                    f" 2 survived, 2 equivalent; score {100 * (total - 4) / (total - 2):.1f}%")
    assert "  survived    line 15: `>=` → `>`  [return age >= LIMIT]" in done.stdout
    assert "  survived    line 3: `18` → `19`  [LIMIT = 18]" in done.stdout
    assert "  equivalent  line 7: `<` → `<=`: at x == lo both return lo" in done.stdout
    assert done.returncode == 1, "under 90%: the command fails"


@pytest.mark.slow
def test_a_boundary_test_kills_the_survivors_and_the_command_passes(tmp_path: Path) -> None:
    _checkout(tmp_path, "\ndef test_the_limit():\n    assert is_adult(18) and not is_adult(17)\n")
    done = _bench(tmp_path)
    total = len(find_mutants(CALC))
    assert (f"toy/calc.py: {total} mutants, {total - 2} killed (0 by time limit), 0 survived,"
            f" 2 equivalent; score 100.0%") in done.stdout
    assert done.returncode == 0, done.stdout + done.stderr


def test_sampling_is_said_and_a_module_outside_the_plan_is_refused(tmp_path: Path) -> None:
    _checkout(tmp_path)
    done = _bench(tmp_path, "--sample", "3")
    assert "(sampled 3 of" in done.stdout
    (tmp_path / "plan.toml").write_text('[modules."toy/other.py"]\ntests = ["tests/x.py"]\n')
    refused = _bench(tmp_path)
    assert refused.returncode == 2
    assert "no module at or under toy/calc.py is in tests/mutation/plan.toml" in refused.stderr


def test_a_failing_test_suite_is_not_scored(tmp_path: Path) -> None:
    _checkout(tmp_path, "\ndef test_broken():\n    assert clamp(1, 2, 3) == 1\n")
    done = _bench(tmp_path)
    assert "toy/calc.py: not scored: its tests do not pass unmutated" in done.stdout
    assert done.returncode == 1


def test_a_stub_body_and_annotations_are_not_mutated() -> None:
    source = "class P:\n    def f(self, x: int = 3) -> bool: ...\n"
    assert [m.change for m in find_mutants(source)] == ["`3` → `4`"]
