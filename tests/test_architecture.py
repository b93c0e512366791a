"""Imports go one way: no cycle between the modules of tdi_nlp, and the layers import only what is below them.

Every import in a file counts (module top or inside a function), relative imports resolved; ``from . import x``
counts as an import of the submodule x when there is one.
"""
from __future__ import annotations

import ast
from pathlib import Path

import tdi_nlp

ROOT = Path(tdi_nlp.__file__).parent


def _modules() -> dict[str, Path]:
    """{dotted module name: file} for every module of the package."""
    out = {}
    for f in sorted(ROOT.rglob("*.py")):
        parts = list(f.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = f
    return out


MODULES = _modules()


def _package_of(name: str) -> str:
    return name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]


def _imports(name: str) -> set[str]:
    """Names of everything module name imports (project modules as module names, others as written)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(name).split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in MODULES]
            out.update(subs)
            if len(subs) < len(node.names):
                out.add(target)
    return out


def _graph() -> dict[str, set[str]]:
    """Project-internal import graph: module -> the project modules it imports."""
    graph = {}
    for name in MODULES:
        targets = set()
        for t in _imports(name):
            while t and t not in MODULES:  # "tdi_nlp.kb.queries.KnowledgeBase" -> "tdi_nlp.kb.queries"
                t = t.rpartition(".")[0]
            if t and t != name:
                targets.add(t)
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _under(name: str, packages) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _violations(layer: str, forbidden) -> list[str]:
    return sorted(f"{m} imports {t}" for m in MODULES if _under(m, [layer])
                  for t in _imports(m) if _under(t, forbidden))


def test_the_graph_sees_relative_and_function_level_imports():
    graph = _graph()
    assert "tdi_nlp.readers.base" in graph["tdi_nlp.readers.pdf"]
    assert "tdi_nlp.readers.pdf" in graph["tdi_nlp.readers"]  # from . import pdf
    assert "tdi_nlp.kb.queries" in graph["tdi_nlp.kb"]


def test_no_import_cycle():
    cycles = _cycles(_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_readers_know_nothing_of_the_layers_above():
    assert not _violations("tdi_nlp.readers", ["tdi_nlp.kb", "tdi_nlp.figures", "tdi_nlp.drafting", "tdi_nlp.web"])


def test_kb_knows_nothing_of_spacy_nor_of_the_layers_above():
    forbidden = ["spacy"] + [f"tdi_nlp.{p}" for p in
                             ("components", "pipeline", "figures", "drafting", "web", "themes", "extraction")]
    assert not _violations("tdi_nlp.kb", forbidden)


def test_figures_sit_below_drafting_and_web():
    assert not _violations("tdi_nlp.figures", ["tdi_nlp.drafting", "tdi_nlp.web"])
