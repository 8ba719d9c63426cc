"""Any file hypothesis writes is either accepted or refused with each problem on a real line."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.config import check_config
from console.config.render import toml_value
from console.config.schema import FEED, RULES, TOP

SCALARS = st.one_of(
    st.text(alphabet="abcWS-07:/.\"\\é櫃 ", max_size=12), st.integers(-5, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans(),
    st.sampled_from(["ws://127.0.0.1:1/t", "wss://gw:8443/terminal", "http://x/y", "zh_TW",
                     "en", "clearance", "terminal", "DEBUG", "critical", "SEAL_MISMATCH"]),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3),
                   st.dictionaries(st.sampled_from(["20", "SEAL_MISMATCH", "x"]), SCALARS,
                                   max_size=2))
NAMES = {"": [s.name for s in TOP] + ["stationn"], "feed": [s.name for s in FEED] + ["tokn"],
         "rules": [s.name for s in RULES] + ["stop_after"]}


@st.composite
def files(draw: st.DrawFn) -> tuple[str, list[tuple[int, str]]]:
    lines: list[str] = []
    written: list[tuple[int, str]] = []
    for section in ("", "feed", "rules"):
        keys = draw(st.lists(st.sampled_from(NAMES[section]), unique=True, max_size=4))
        if section:
            lines.append("[[feed]]" if section == "feed" else "[rules]")
        for key in keys:
            lines.append(f"{key} = {toml_value(draw(VALUES))}")
            written.append((len(lines), key))
    return "\n".join(lines) + "\n", written


Doc = tuple[str, list[tuple[int, str]]]


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=files())
def test_every_problem_points_at_the_line_of_its_key(tmp_path: Path, doc: Doc) -> None:
    text, written = doc
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    checked = check_config(path)
    assert checked.ok == (checked.config is not None)
    lines = text.splitlines()
    for problem in checked.problems:
        assert problem.line is not None, problem
        name = problem.key.rsplit(".", 1)[-1].split("[")[0]
        line = lines[problem.line - 1]
        assert line.startswith((name + " ", "[")), (problem, line)
    if checked.config is None:
        assert any(p.severity == "error" for p in checked.problems)
    unknown = [(n, k) for n, k in written if k in ("stationn", "tokn", "stop_after")]
    for number, key in unknown:
        assert any(p.line == number and "unknown setting" in p.message
                   for p in checked.problems), (key, checked.problems)
