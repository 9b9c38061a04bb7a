"""Dependencies point one way: app/core ← app/store and app/api. Read from the source (ast), every import counted —
at the top of a module or inside a function, absolute or relative."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"

# A package → the packages it must never import.
FORBIDDEN = {"app.core": ("app.api", "app.store", "app.classroom"), "app.store": ("app.api", "app.classroom"),
             "app.classroom": ("app.api",)}


def imported(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module the source of `module` imports, as an absolute dotted name: `from ..api import x` in
    app.store.y → app.api and app.api.x (x may be a module)."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def violations(package: str) -> list[str]:
    out = []
    for path in sorted(APP.joinpath(*package.split(".")[1:]).rglob("*.py")):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_package else parts)
        for target in sorted(imported(path.read_text(), module, is_package)):
            if any(target == bad or target.startswith(bad + ".") for bad in FORBIDDEN[package]):
                out.append(f"{module} imports {target}")
    return out


@pytest.mark.parametrize("package", list(FORBIDDEN))
def test_layers_point_one_way(package: str) -> None:
    assert violations(package) == []


def test_the_walk_sees_relative_imports_inside_functions() -> None:
    """What the store did before issue 13: import the API inside a function, relatively."""
    source = ("def dumps():\n    from ..api.encode import export_json\n    from . import base\n"
              "    import app.api.errors\n")
    found = imported(source, "app.store.serialize")
    assert {"app.api.encode", "app.api.encode.export_json", "app.store", "app.store.base", "app.api.errors"} <= found
    assert imported("from .. import core\n", "app.store", is_package=True) == {"app", "app.core"}
