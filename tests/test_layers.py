"""The import rules of DESIGN.md "Layers", read from the source with ``ast``.

Imports go one way: face (cli, lsp) -> api -> engine -> rules / sources -> the rule base ->
schema -> model. Sources never import rules, rules never import sources, reporters import
nothing above the model (a run's result carries what they need), and there is no import cycle
among mplint modules: neither of module-level imports (which fails at import time) nor through
imports in functions (which defer a cycle to the first call). Imports under ``TYPE_CHECKING``
never run and count for the layers only.
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mplint"

# Layer -> the modules it holds (fnmatch patterns of dotted names; the first layer that matches wins).
LAYERS: dict[str, tuple[str, ...]] = {
    "face": ("mplint.cli", "mplint.lsp", "mplint.lsp.*", "mplint.show", "mplint.__main__"),
    "api": ("mplint.api",),
    "fixing": ("mplint.fixing", "mplint.fixing.*"),
    "reporters": ("mplint.reporters", "mplint.reporters.*"),
    "engine": ("mplint.engine", "mplint.engine.*"),
    "rules": ("mplint.rules", "mplint.rules.*"),
    "sources": ("mplint.sources", "mplint.sources.*"),
    "rule base": ("mplint.rule", "mplint.findings"),
    "schema": ("mplint.schema", "mplint.schema.*"),
    "model": ("mplint", "mplint.*"),
}

# Layer -> the layers below it that it may import (a layer may always import itself).
MAY_IMPORT: dict[str, frozenset[str]] = {
    "model": frozenset(),
    "schema": frozenset({"model"}),
    "rule base": frozenset({"schema", "model"}),
    "sources": frozenset({"rule base", "schema", "model"}),
    "rules": frozenset({"rule base", "schema", "model"}),
    "engine": frozenset({"rules", "sources", "rule base", "schema", "model"}),
    "reporters": frozenset({"model"}),
    "fixing": frozenset({"engine", "sources", "schema", "model"}),
    "api": frozenset({"fixing", "engine", "rules", "sources", "rule base", "schema", "model"}),
    "face": frozenset({"api", "fixing", "reporters", "engine", "rules", "sources", "rule base", "schema", "model"}),
}

# Edges that break the rules today while the code that has them is being moved; each goes when
# its move is merged, and then this set is empty.
ALLOWED_FOR_NOW: frozenset[tuple[str, str]] = frozenset()


# Function-level imports that close a cycle today (the modules that hold them are being reworked).
LAZY_CYCLES_FOR_NOW: frozenset[tuple[str, str]] = frozenset()


class Import(NamedTuple):
    """One import of an mplint module by another."""

    importer: str
    imported: str
    line: int
    # "module": run when the importer is imported; "function": run when a function calls it;
    # "typing": under `if TYPE_CHECKING:`, never run.
    when: str


def module_name(path: Path, root: Path) -> str:
    """Return the dotted name of a module file under ``root`` (the package's parent)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(name: str, modules: set[str]) -> str | None:
    """Return the module a dotted name lands in (a name imported from a module is that module)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, when: str = "module") -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    """Yield every import statement with when it runs (see Import.when)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, when
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            yield from _imports(node, "typing" if when == "typing" else "function")
        elif isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.body:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), "typing")
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), when)
        else:
            yield from _imports(node, when)


def read_imports(sources: dict[str, tuple[str, bool]]) -> list[Import]:
    """Return the mplint imports of modules given as name -> (source text, is a package)."""
    modules = set(sources)
    out: list[Import] = []
    for name, (text, is_package) in sources.items():
        package = name if is_package else name.rpartition(".")[0]
        for node, when in _imports(ast.parse(text)):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                # `from mplint import sources` imports the module mplint.sources.
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                resolved = _resolve(target, modules) if target.split(".")[0] == "mplint" else None
                if resolved is not None and resolved != name:
                    out.append(Import(name, resolved, node.lineno, when))
    return out


def package_sources(package: Path = PACKAGE) -> dict[str, tuple[str, bool]]:
    """Return every module of the package: dotted name -> (source text, is a package)."""
    return {
        module_name(p, package.parent): (p.read_text(encoding="utf-8"), p.name == "__init__.py")
        for p in sorted(package.rglob("*.py"))
    }


def layer_of(module: str) -> str:
    for layer, patterns in LAYERS.items():
        if any(fnmatch.fnmatchcase(module, p) for p in patterns):
            return layer
    raise AssertionError(f"{module} is in no layer of LAYERS")


def forbidden_edges(imports: Iterable[Import], allowed: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    """Return a line per import that goes against MAY_IMPORT (and is not in ``allowed``)."""
    out = []
    for imp in imports:
        src, dst = layer_of(imp.importer), layer_of(imp.imported)
        if src == dst or dst in MAY_IMPORT[src] or (imp.importer, imp.imported) in allowed:
            continue
        out.append(f"{imp.importer} (line {imp.line}, layer {src}) imports {imp.imported} (layer {dst})")
    return sorted(set(out))


def cycles(
    imports: Iterable[Import], allowed: frozenset[tuple[str, str]] = frozenset(), when: tuple[str, ...] = ("module",)
) -> list[list[str]]:
    """Return the import cycles of the imports that run ``when`` (module level by default), each
    as a closed path of modules (one per strongly connected group of modules; Tarjan's algorithm)."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        if imp.when in when and (imp.importer, imp.imported) not in allowed:
            graph.setdefault(imp.importer, set()).add(imp.imported)
            graph.setdefault(imp.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_closed_path(group, graph) for group in sorted(groups)]


def _closed_path(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """Return a path from the group's first module back to it through the group (breadth first)."""
    start, members = group[0], set(group)
    came: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & members):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came[path[-1]])
                    return [*reversed(path), start]
                if nxt not in came:
                    came[nxt] = node
                    following.append(nxt)
        frontier = following
    return [*group, start]


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return read_imports(package_sources())


def test_every_module_is_in_a_layer(imports: list[Import]) -> None:
    for name in package_sources():
        layer_of(name)


def test_no_import_goes_against_the_layers(imports: list[Import]) -> None:
    bad = forbidden_edges(imports, ALLOWED_FOR_NOW)
    assert not bad, "imports against DESIGN.md 'Layers':\n" + "\n".join(bad)


def test_no_import_cycle(imports: list[Import]) -> None:
    found = cycles(imports, ALLOWED_FOR_NOW)
    assert not found, "module-level import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_no_import_cycle_through_imports_in_functions(imports: list[Import]) -> None:
    """An import inside a function defers a cycle to the first call; it is a cycle all the same."""
    found = cycles(imports, ALLOWED_FOR_NOW | LAZY_CYCLES_FOR_NOW, ("module", "function"))
    assert not found, "import cycles (imports in functions counted):\n" + "\n".join(" -> ".join(c) for c in found)


def test_allowed_for_now_holds_only_edges_that_exist(imports: list[Import]) -> None:
    """An edge that went must leave the sets too, so they empty as the work lands."""
    present = {(i.importer, i.imported) for i in imports}
    assert sorted((ALLOWED_FOR_NOW | LAZY_CYCLES_FOR_NOW) - present) == []


# The test of the test: fake modules with the edges it must find.
FAKE = {
    "mplint": ("", True),
    "mplint.model": ("", False),
    "mplint.sources": ("", True),
    "mplint.sources.json_source": ("from mplint.rules import hygiene\n", False),
    "mplint.rules": ("from . import hygiene\n", True),
    "mplint.rules.hygiene": (
        "from ..model import Node\n\ndef f():\n    from mplint.sources import json_source\n",
        False,
    ),
    "mplint.reporters": ("", True),
    "mplint.reporters.text": ("import mplint.engine.config\nfrom mplint.model import Span\n", False),
    "mplint.engine": ("", True),
    "mplint.engine.config": ("from mplint.engine import runner\n", False),
    "mplint.engine.runner": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from mplint.engine import cache\n"
        "from mplint.engine.selection import Selection\n",
        False,
    ),
    "mplint.engine.selection": ("from mplint.engine import config\n", False),
    "mplint.engine.cache": ("from mplint.engine import runner\n", False),
}


def test_the_test_finds_forbidden_edges() -> None:
    imports = read_imports(FAKE)
    assert forbidden_edges(imports) == [
        "mplint.reporters.text (line 1, layer reporters) imports mplint.engine.config (layer engine)",
        "mplint.rules.hygiene (line 4, layer rules) imports mplint.sources.json_source (layer sources)",
        "mplint.sources.json_source (line 1, layer sources) imports mplint.rules.hygiene (layer rules)",
    ]
    allowed = frozenset({("mplint.rules.hygiene", "mplint.sources.json_source")})
    assert len(forbidden_edges(imports, allowed)) == 2


def test_the_test_finds_cycles_of_module_level_imports_only() -> None:
    imports = read_imports(FAKE)
    # config -> runner -> selection -> config; runner -> cache is TYPE_CHECKING only, so the
    # cache -> runner edge closes no cycle; hygiene -> json_source is in a function.
    config_cycle = ["mplint.engine.config", "mplint.engine.runner", "mplint.engine.selection", "mplint.engine.config"]
    assert cycles(imports) == [config_cycle]
    assert cycles(imports, frozenset({("mplint.engine.selection", "mplint.engine.config")})) == []
    # Counting imports in functions, json_source -> hygiene -> json_source is one too.
    assert cycles(imports, when=("module", "function")) == [
        config_cycle,
        ["mplint.rules.hygiene", "mplint.sources.json_source", "mplint.rules.hygiene"],
    ]
