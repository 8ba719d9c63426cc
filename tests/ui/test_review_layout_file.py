"""`yard-console review --layout FILE` with a layout that cannot be used: one clear line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import bodies
from ui.history.app import run_review


def test_a_bad_layout_file_is_named_with_its_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    body = bodies.layout()
    body["zones"][1]["kind"] = "moat"
    path = tmp_path / "t7.json"
    path.write_text(json.dumps({"type": "layout", "body": body}), encoding="utf-8")
    assert run_review(tmp_path / "none.db", path) == 2
    err = capsys.readouterr().err
    assert err.startswith("yard-console review: cannot read the layout: ")
    assert f"{path}: the layout's zones[1] R1: kind must be one of quay" in err


def test_a_missing_layout_file_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    assert run_review(tmp_path / "none.db", tmp_path / "absent.json") == 2
    assert "absent.json" in capsys.readouterr().err
