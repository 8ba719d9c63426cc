"""`key_lines`: the line of every key, in documents hypothesis writes with every TOML trap."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from console.config.toml_lines import key_lines, line_of

KEYS = st.text(alphabet="abcxyz_-019", min_size=1, max_size=6)
QUOTED = st.text(alphabet='ab."# =[]\\\'', min_size=1, max_size=6)
TRAPS = st.sampled_from([
    '"a = 1 # not a comment"', "'[[feed]]'", '"""\nx = 2\n[t]\n"""', "'''\n[[a]]\n'''",
    '"esc \\" [x] = 3"', "[\n  1, # c\n  2,\n]", "{ p = 1, q = [1, 2] }", "1979-05-27T07:32:00Z",
    "true", "-3.5", '"""a\\"""b"""',
])


def toml_key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() else (
        '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"')


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[tuple[str | int, ...], int]]:
    text = "# head\n"
    expected: dict[tuple[str | int, ...], int] = {}

    def line_now() -> int:
        return text.count("\n") + 1

    def pairs(prefix: tuple[str | int, ...]) -> None:
        nonlocal text
        for key in draw(st.lists(st.one_of(KEYS, QUOTED), max_size=4, unique=True)):
            expected[(*prefix, key)] = line_now()
            text += f"{toml_key(key)} = {draw(TRAPS)}\n"
            text += draw(st.sampled_from(["", "\n", "# gap\n", "\n  # gap\n\n"]))

    pairs(())
    for t, table in enumerate(draw(st.lists(KEYS, max_size=3, unique=True))):
        name = f"t{table}"
        for i in range(draw(st.integers(1, 3)) if t % 2 else 1):
            path: tuple[str | int, ...] = (name, i) if t % 2 else (name,)
            expected[path] = line_now()
            text += f"[[{name}]]\n" if t % 2 else f"[{name}]\n"
            pairs(path)
    return text, expected


@settings(max_examples=150, deadline=None)
@given(documents())
def test_every_key_is_found_on_its_line(doc: tuple[str, dict[tuple[str | int, ...], int]]) -> None:
    text, expected = doc
    tomllib.loads(text)  # the generator writes valid TOML only
    found = key_lines(text)
    for path, line in expected.items():
        assert found[path] == line, (path, text)


def test_lines_of_multiline_values_do_not_count_as_keys() -> None:
    text = 'a = """\nb = 1\n"""\n[t]\nc = [\n  "d = 2",\n]\ne.f = {g = 1}\n'
    lines = key_lines(text)
    assert lines[("a",)] == 1 and ("b",) not in lines
    assert lines[("t", "c")] == 5 and lines[("t", "e", "f", "g")] == 8
    assert line_of(lines, ("t", "c", 0)) == 5
    assert line_of(lines, ("nowhere",)) is None


def test_sub_tables_of_array_tables_belong_to_the_last_element() -> None:
    text = "[[feed]]\nurl = 1\n[[feed]]\nurl = 2\n[feed.tls]\nca = 3\n"
    assert key_lines(text)[("feed", 1, "tls", "ca")] == 6
