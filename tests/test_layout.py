"""The package's shape: the pipeline is the only orchestrator, and imports run one way.

Read from the source with `ast` (every import, also those inside functions; `TYPE_CHECKING`
blocks excepted, they never run), so a lazy import cannot hide a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "copilot"
STAGES = ["understand", "policy", "retrieve", "moments", "drafting", "llm_stage", "revision", "decide", "handoff",
          "signals"]
# The rule registry imports its rule families when first asked for the rules; they import it to register.
PLUGIN_CIRCLE = {"copilot.rules.registry", "copilot.rules.grounding", "copilot.rules.hygiene",
                 "copilot.rules.moment_rules", "copilot.rules.substance", "copilot.rules.tone"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {id(n) for node in ast.walk(tree)
                 if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found & set(known)


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: _imports(name, path, known) for name, path in known.items()}


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(component)

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_stage_module_imports_the_pipeline() -> None:
    graph = _graph()
    importers = {m for m, targets in graph.items() if "copilot.pipeline" in targets}
    assert not importers & {f"copilot.{s}" for s in STAGES}
    # Only the entry points call the spine.
    assert importers <= {"copilot", "copilot.api", "copilot.cli", "copilot.evals.runner", "copilot.calibration",
                         "copilot.tenant_commands", "copilot.service.health"}


def test_the_only_import_circle_is_the_rule_registrys_plugins() -> None:
    assert _circles(_graph()) == [PLUGIN_CIRCLE]


def test_the_circle_finder_sees_a_circle_through_a_lazy_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [{"a", "b", "c"}]
