"""Where each key of a TOML document was written: `tomllib` keeps no positions.

An installer reading "feed 2: token_file does not exist" wants the line too.
`key_lines(text)` scans a document that `tomllib` has already accepted and
maps every key path to its 1-based line: `("station",)`, `("feed", 0, "url")`
for the first `[[feed]]` table, `("rules", "severities", "SEAL_MISMATCH")`
for a key of an inline table or a sub-table.  Table headers are recorded
too (`("rules",)`, `("feed", 1)`).  Keys inside arrays that span lines are
not recorded; `line_of` then falls back to the nearest recorded parent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

KeyPath = tuple[str | int, ...]

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[KeyPath, int] = {}
        self.array_index: dict[tuple[str, ...], int] = {}

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos:self.pos + n]

    def advance(self, n: int = 1) -> None:
        self.line += self.text.count("\n", self.pos, self.pos + n)
        self.pos += n

    def skip_blank(self, newlines: bool) -> None:
        while self.pos < len(self.text):
            c = self.text[self.pos]
            if c in " \t\r" or (newlines and c == "\n"):
                self.advance()
            elif c == "#":
                end = self.text.find("\n", self.pos)
                self.advance((len(self.text) if end < 0 else end) - self.pos)
            else:
                return

    def string(self) -> str:
        """Read a string at `pos` (any of the four kinds); return its raw content."""
        for delim in ('"""', "'''"):
            if self.peek(3) == delim:
                self.advance(3)
                start = self.pos
                while self.peek(3) != delim or (delim == '"""' and self._escaped()):
                    self.advance()
                while self.peek(4) == delim + delim[0]:
                    self.advance()
                content = self.text[start:self.pos]
                self.advance(3)
                return content
        quote = self.peek()
        self.advance()
        start = self.pos
        while self.peek() != quote or (quote == '"' and self._escaped()):
            self.advance()
        content = self.text[start:self.pos]
        self.advance()
        return _unescape(content) if quote == '"' else content

    def _escaped(self) -> bool:
        backslashes = 0
        i = self.pos - 1
        while i >= 0 and self.text[i] == "\\":
            backslashes += 1
            i -= 1
        return backslashes % 2 == 1

    def key(self) -> list[str]:
        """A possibly dotted, possibly quoted key."""
        parts: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            if self.peek() in ('"', "'"):
                parts.append(self.string())
            else:
                start = self.pos
                while self.peek() and self.peek() in _BARE:
                    self.advance()
                parts.append(self.text[start:self.pos])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return parts
            self.advance()

    def indexed(self, names: Sequence[str]) -> KeyPath:
        """Insert the current element index after every array-of-tables prefix."""
        path: list[str | int] = []
        for i, name in enumerate(names):
            path.append(name)
            prefix = tuple(names[:i + 1])
            if prefix in self.array_index:
                path.append(self.array_index[prefix])
        return tuple(path)

    def value(self, owner: KeyPath) -> None:
        """Skip one value, recording the keys of inline tables under `owner`."""
        self.skip_blank(newlines=False)
        c = self.peek()
        if c in ('"', "'"):
            self.string()
        elif c == "[":
            self.advance()
            while True:
                self.skip_blank(newlines=True)
                if self.peek() == "]":
                    self.advance()
                    return
                self.value((*owner, "[]"))
                self.skip_blank(newlines=True)
                if self.peek() == ",":
                    self.advance()
        elif c == "{":
            self.advance()
            while True:
                self.skip_blank(newlines=False)
                if self.peek() == "}":
                    self.advance()
                    return
                self.pair(owner)
                self.skip_blank(newlines=False)
                if self.peek() == ",":
                    self.advance()
        else:
            while self.peek() and self.peek() not in ",]}#\n":
                self.advance()

    def pair(self, table: KeyPath) -> None:
        line = self.line
        names = self.key()
        path = table + tuple(names)
        if "[]" not in table:
            for i in range(len(names)):
                self.lines.setdefault(table + tuple(names[:i + 1]), line)
            self.lines[path] = line
        self.advance()  # the '='
        self.value(path)

    def document(self) -> dict[KeyPath, int]:
        table: KeyPath = ()
        while True:
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return self.lines
            if self.peek(2) == "[[":
                line = self.line
                self.advance(2)
                names = tuple(self.key())
                self.array_index[names] = self.array_index.get(names, -1) + 1
                self.advance(2)
                table = self.indexed(names)
                self.lines[table] = line
            elif self.peek() == "[":
                line = self.line
                self.advance()
                table = self.indexed(self.key())
                self.advance()
                self.lines.setdefault(table, line)
            else:
                self.pair(table)


_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescape(raw: str) -> str:
    """The value of a basic string's content (keys may be quoted with escapes)."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        code = raw[i + 1]
        if code in "uU":
            width = 4 if code == "u" else 8
            out.append(chr(int(raw[i + 2:i + 2 + width], 16)))
            i += 2 + width
        else:
            out.append(_ESCAPES.get(code, code))
            i += 2
    return "".join(out)


def key_lines(text: str) -> dict[KeyPath, int]:
    """Every key path of a valid TOML document, with the line it was written on."""
    return _Scanner(text).document()


def line_of(lines: Mapping[KeyPath, int], path: KeyPath) -> int | None:
    """The line of `path`, else of its nearest recorded parent, else None."""
    for end in range(len(path), 0, -1):
        found = lines.get(path[:end])
        if found is not None:
            return found
    return None
