"""Mutants of one Python module: small deliberate bugs, made on its syntax tree.

A mutant is the module with one change a careless edit could make:
a comparison flipped or moved by one (`<` → `<=`, `==` → `!=`, `in` →
`not in`), `and`/`or` swapped, a `not` dropped, an integer moved by one,
`True`/`False` swapped, `+`/`-` swapped, a statement inside a function
deleted, or an operator inside an SQL string changed (`<` → `<=`, `=` →
`!=`, `AND` → `OR`, `ASC` → `DESC`).  `find_mutants` lists them in a fixed
order; `mutated_code` compiles the module with one of them applied.

Not mutated, because a change there says nothing about behaviour: docstrings,
type annotations, logging calls, `if TYPE_CHECKING:` blocks and lines marked
`# pragma: no mutate`.  Statements are deleted only inside functions (at
module or class level a deletion breaks the import, which any test notices);
constants there are still moved by one.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from types import CodeType

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv, ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr,
    ast.LShift: ast.RShift, ast.RShift: ast.LShift,
}
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not",
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Mod: "%",
    ast.BitOr: "|", ast.BitAnd: "&", ast.LShift: "<<", ast.RShift: ">>",
    ast.And: "and", ast.Or: "or",
}
_SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|CREATE)\b")
# Each SQL operator and what it becomes; matched with spaces around it.
_SQL_SWAPS: tuple[tuple[str, str], ...] = (
    (" <= ", " < "), (" >= ", " > "), (" < ", " <= "), (" > ", " >= "),
    (" != ", " = "), (" = ", " != "), (" AND ", " OR "), (" OR ", " AND "),
    (" ASC", " DESC"), (" DESC", " ASC"), (" IS NULL", " IS NOT NULL"),
    (" IS NOT NULL", " IS NULL"),
)
_LOG_NAMES = frozenset({"log", "_log", "logger", "_logger", "LOG", "_LOG", "logging"})
_NO_MUTATE = "# pragma: no mutate"


@dataclass(frozen=True, slots=True)
class Mutant:
    """One change: where (`line`, `column`, the line's text) and what (`change`, `kind`)."""

    index: int
    line: int
    column: int
    kind: str
    change: str
    line_text: str

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the mutant across edits elsewhere in the file: its line and change."""
        return (self.line_text, self.change)


@dataclass(slots=True)
class _Site:
    line: int
    column: int
    kind: str
    change: str


def _symbol(op: ast.AST) -> str:
    return _SYMBOLS[type(op)]


class _Mutator(ast.NodeTransformer):
    """Walks the tree counting mutation sites; applies the one numbered `target` (-1: none)."""

    def __init__(self, target: int, skip_lines: frozenset[int]) -> None:
        self.target = target
        self.skip_lines = skip_lines
        self.sites: list[_Site] = []
        self._depth = 0  # function nesting: statements are deleted only inside functions

    def _site(self, node: ast.AST, kind: str, change: str) -> bool:
        """Record a site; True when it is the one to apply."""
        line = getattr(node, "lineno", 0)
        if line in self.skip_lines:
            return False
        self.sites.append(_Site(line, getattr(node, "col_offset", 0), kind, change))
        return len(self.sites) - 1 == self.target

    # -- what is never mutated ---------------------------------------------------------
    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        node.returns = None
        for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs,
                  node.args.vararg, node.args.kwarg]:
            if a is not None:
                a.annotation = None
        for d in node.decorator_list:
            self.visit(d)
        self.visit(node.args)
        self._depth += 1
        node.body = self._body(node.body)
        self._depth -= 1
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return self._visit_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        return self._visit_function(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        depth, self._depth = self._depth, 0
        node.body = self._body(node.body)
        self._depth = depth
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST | None:
        if node.value is not None:
            node.value = self.visit(node.value)
        return self._maybe_delete(node)

    def visit_Module(self, node: ast.Module) -> ast.AST:
        node.body = self._body(node.body)
        return node

    def _body(self, body: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for i, stmt in enumerate(body):
            if i == 0 and _is_docstring(stmt):
                out.append(stmt)
                continue
            if _is_type_checking_block(stmt) or _is_logging_call(stmt):
                out.append(stmt)
                continue
            new = self.visit(stmt)
            out.append(new if isinstance(new, ast.stmt) else ast.Pass())
        return out or [ast.Pass()]

    def generic_visit(self, node: ast.AST) -> ast.AST:
        for field, old in ast.iter_fields(node):
            if isinstance(old, list) and old and isinstance(old[0], ast.stmt):
                setattr(node, field, self._body(old))
            elif isinstance(old, list):
                setattr(node, field, [self.visit(v) if isinstance(v, ast.AST) else v
                                      for v in old])
            elif isinstance(old, ast.AST):
                setattr(node, field, self.visit(old))
        if isinstance(node, ast.stmt):
            return self._maybe_delete(node)
        return node

    # -- statement deletion -------------------------------------------------------------
    def _maybe_delete(self, node: ast.stmt) -> ast.stmt:
        deletable = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Raise,
                     ast.Continue, ast.Break, ast.Delete)
        if self._depth == 0 or not isinstance(node, deletable):
            return node
        if isinstance(node, ast.AnnAssign) and node.value is None:
            return node
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
                and node.value.value is Ellipsis:
            return node  # a stub's body (`...`): deleting it changes nothing
        first = ast.unparse(node).splitlines()[0]
        if self._site(node, "statement", f"delete `{_short(first)}`"):
            return ast.copy_location(ast.Pass(), node)
        return node

    # -- expressions --------------------------------------------------------------------
    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        for i, op in enumerate(node.ops):
            swap = _COMPARE_SWAPS.get(type(op))
            if swap is not None and self._site(
                node, "comparison", f"`{_symbol(op)}` → `{_symbol(swap())}`"
            ):
                node.ops[i] = swap()
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        other: ast.boolop = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        if self._site(node, "boolean", f"`{_symbol(node.op)}` → `{_symbol(other)}`"):
            node.op = other
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._site(node, "boolean", "drop `not`"):
            return node.operand
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        swap = _BINOP_SWAPS.get(type(node.op))
        if swap is not None and self._site(
            node, "arithmetic", f"`{_symbol(node.op)}` → `{_symbol(swap())}`"
        ):
            node.op = swap()
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST | None:
        node.value = self.visit(node.value)
        swap = _BINOP_SWAPS.get(type(node.op))
        if swap is not None and self._site(
            node, "arithmetic", f"`{_symbol(node.op)}=` → `{_symbol(swap())}=`"
        ):
            node.op = swap()
        return self._maybe_delete(node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool):
            if self._site(node, "constant", f"`{value}` → `{not value}`"):
                return ast.copy_location(ast.Constant(not value), node)
        elif isinstance(value, int):
            if self._site(node, "boundary", f"`{value}` → `{value + 1}`"):
                return ast.copy_location(ast.Constant(value + 1), node)
        elif isinstance(value, str) and _SQL.search(value):
            for old, new in _SQL_SWAPS:
                start = 0
                while (at := value.find(old, start)) >= 0:
                    start = at + len(old)
                    if old.endswith("C") and value[start:start + 1].isalpha():
                        continue  # ' ASC' inside ' ASCII' is not an order
                    if self._site(node, "sql", f"SQL `{old.strip()}` → `{new.strip()}`"):
                        return ast.copy_location(
                            ast.Constant(value[:at] + new + value[start:]), node
                        )
        return node


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _is_docstring(stmt: ast.stmt) -> bool:
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str))


def _is_type_checking_block(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.If) and "TYPE_CHECKING" in ast.unparse(stmt.test)


def _is_logging_call(stmt: ast.stmt) -> bool:
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return False
    func = stmt.value.func
    while isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id in _LOG_NAMES:
            return True
        func = func.value
    return False


def _skip_lines(source: str) -> frozenset[int]:
    return frozenset(
        n for n, text in enumerate(source.splitlines(), start=1) if _NO_MUTATE in text
    )


def _walk(source: str, filename: str, target: int) -> tuple[ast.Module, list[_Site]]:
    tree = ast.parse(source, filename=filename)
    mutator = _Mutator(target, _skip_lines(source))
    mutated = mutator.visit(tree)
    assert isinstance(mutated, ast.Module)
    return ast.fix_missing_locations(mutated), mutator.sites


def find_mutants(source: str, filename: str = "<module>") -> list[Mutant]:
    """Every mutant of `source`, in a fixed order (their `index` is what `mutated_code` takes).

    The same change on the same text twice (two lines `v += 1`, or two `<` on
    one line) is told apart by a count (`… (occurrence 2)`), so that `key`
    stays unique within the module.
    """
    _, sites = _walk(source, filename, -1)
    lines = source.splitlines()
    seen: dict[tuple[str, str], int] = {}
    mutants: list[Mutant] = []
    for index, site in enumerate(sites):
        text = lines[site.line - 1].strip() if 0 < site.line <= len(lines) else ""
        n = seen.get((text, site.change), 0) + 1
        seen[(text, site.change)] = n
        change = site.change if n == 1 else f"{site.change} (occurrence {n})"
        mutants.append(Mutant(index, site.line, site.column, site.kind, change, text))
    return mutants


def mutated_code(source: str, filename: str, index: int) -> CodeType:
    """The module compiled with mutant `index` applied (its line numbers unchanged)."""
    tree, sites = _walk(source, filename, index)
    if not 0 <= index < len(sites):
        raise IndexError(f"{filename} has {len(sites)} mutants, not {index + 1}")
    code: CodeType = compile(tree, filename, "exec", dont_inherit=True)
    return code

