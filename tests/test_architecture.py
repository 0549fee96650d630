"""The layering rule: the core never reaches out to the outer layers, and no package imports in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pasarkerja"
CORE = ("taxonomy", "text", "extract", "match", "gap", "lmi")
OUTER = ("store", "ingest", "api", "web", "cli")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_core_layers_never_import_outer_layers() -> None:
    offenders: list[str] = []
    for layer in CORE:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for module in _imported_modules(path):
                parts = module.split(".")
                if parts[0] == "pasarkerja" and len(parts) > 1 and parts[1] in OUTER:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offenders == []


def test_every_domain_package_exists() -> None:
    for layer in (*CORE, "ingest", "store", "api", "web"):
        assert (PACKAGE / layer / "__init__.py").is_file(), layer
    assert (PACKAGE / "cli" / "__init__.py").is_file()


def test_no_import_cycles_between_layers() -> None:
    layers = (*CORE, "ingest", "store", "api", "web")
    edges: dict[str, set[str]] = {layer: set() for layer in layers}
    for layer in layers:
        for path in (PACKAGE / layer).rglob("*.py"):
            for module in _imported_modules(path):
                parts = module.split(".")
                if parts[0] == "pasarkerja" and len(parts) > 1 and parts[1] in edges and parts[1] != layer:
                    edges[layer].add(parts[1])

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for nxt in edges[start]:
            if nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt})):
                return True
        return False

    cycles = [layer for layer in layers if reaches(layer, layer, {layer})]
    assert cycles == [], {layer: sorted(edges[layer]) for layer in cycles}
