"""The project carries its own design: its docs point inside the repository, and are right.

`docs/architecture.md` names folders and modules; each must exist, so the page
cannot quietly go stale when code moves.  Nothing in the code or the docs may
send the reader outside the repository for the protocol or the rules.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PATH_IN_TICKS = re.compile(r"`((?:console|ui|testbed|yard_console|tests|packaging|resources)"
                           r"/[A-Za-z0-9_./<>-]*)`")
LINK = re.compile(r"\]\(([^)#]+)(?:#[^)]*)?\)")


def _project_texts() -> list[Path]:
    folders = ["console", "ui", "testbed", "yard_console", "tests", "docs", "packaging"]
    files = [p for f in folders for p in (ROOT / f).rglob("*") if p.suffix in {".py", ".md"}]
    return [*files, ROOT / "README.md", ROOT / "pyproject.toml"]


def test_every_path_named_by_the_architecture_page_exists() -> None:
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    named = {m.group(1) for m in PATH_IN_TICKS.finditer(text)}
    assert len(named) > 15, "the page names the rooms and the modules it talks about"
    missing = []
    for path in sorted(named):
        if "<" in path:  # a pattern such as yard_console/commands/<area>.py: its folder
            path = path.split("<")[0]
        if not (ROOT / path.rstrip("/")).exists():
            missing.append(path)
    assert missing == [], f"docs/architecture.md names what is not there: {missing}"


def test_links_between_the_docs_resolve() -> None:
    broken = []
    for page in sorted(DOCS.glob("*.md")):
        for m in LINK.finditer(page.read_text(encoding="utf-8")):
            target = m.group(1)
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.name} -> {target}")
    assert broken == []


def test_the_agreements_are_in_the_repository_and_nothing_points_outside() -> None:
    for name in ("feed-protocol.md", "supervision-rules.md", "field-notes.md"):
        assert (DOCS / name).stat().st_size > 2000, name
    outside = re.compile(r"\.\./shared|/work/shared|shared/docs")
    offenders = [str(p.relative_to(ROOT)) for p in _project_texts()
                 if p != Path(__file__).resolve()
                 and outside.search(p.read_text(encoding="utf-8", errors="replace"))]
    assert offenders == [], f"these send the reader outside the repository: {offenders}"
