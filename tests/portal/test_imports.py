"""The project's import graph, read with `ast` (no module is imported): the kernel (portal)
imports no app; no cycle among the imports, whether run at import time or inside functions; no app
importing another app's private (underscore) names; and no model module importing a workflow."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

KERNEL = "portal"
APPS = (
    KERNEL,
    "accounts",
    "messaging",
    "documents",
    "challenges",
    "procurement",
    "agreements",
    "offers",
    "search",
    "alerts",
    "dashboard",
    "opendata",
)
ROOT = Path(settings.BASE_DIR)


def module_files() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if "node_modules" in parts or "target" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = module_files()


def is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute name of a `from ... import` statement's module."""
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package(module) else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str, tree: ast.AST, module_level: bool):
    """(imported module, imported name or None, node) for each import; with `module_level`, only
    the statements run when the module is imported (not those inside functions or classes)."""
    nodes = []

    def visit(body):
        for stmt in body:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                nodes.append(stmt)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(stmt, field, None)
                if isinstance(inner, list) and not isinstance(stmt, ast.ClassDef):
                    visit(inner)

    if module_level:
        visit(tree.body)
    else:
        nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node, alias
        else:
            target = resolve(module, node)
            for alias in node.names:
                yield target, alias.name, node, alias


def trees() -> dict[str, ast.AST]:
    return {name: ast.parse(path.read_text(), str(path)) for name, path in MODULES.items()}


TREES = trees()


def app_of(module: str) -> str:
    return module.split(".")[0]


def graph(module_level: bool = True) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for module, tree in TREES.items():
        for target, name, _, _ in imports(module, tree, module_level=module_level):
            submodule = f"{target}.{name}" if name else None
            if submodule in MODULES:
                edges[module].add(submodule)
            elif target in MODULES:
                edges[module].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (or a module importing itself)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def connect(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges[v]:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return found


def test_the_walk_finds_the_project():
    assert {"portal.workflow.engine", "challenges.models", "procurement.models.exercises"} <= set(
        MODULES
    )
    edges = graph()
    assert "portal.workflow.declarations" in edges["portal.workflow"]
    assert "challenges.models" in edges["challenges.workflow"]


def test_cycle_detection_sees_a_loop():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle():
    found = cycles(graph())
    assert found == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_no_import_cycle_through_imports_inside_functions():
    """An import inside a function hides a cycle from Python, not from the design."""
    found = cycles(graph(module_level=False))
    assert found == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_every_app_is_walked():
    from django.apps import apps

    ours = {c.name for c in apps.get_app_configs() if (ROOT / c.name).is_dir()}
    assert ours == set(APPS)


def test_the_kernel_imports_no_app():
    """portal is the kernel: apps register what they add (portal.registry, portal.navigation,
    portal.health, portal.permissions) from their AppConfig.ready(); portal never names them."""
    problems = []
    for module, tree in TREES.items():
        if app_of(module) != KERNEL:
            continue
        for target, _, node, _ in imports(module, tree, module_level=False):
            if app_of(target) in APPS and app_of(target) != KERNEL:
                problems.append(f"{module}:{node.lineno} imports {target}")
    assert problems == []


def test_the_kernel_check_sees_an_app_import():
    tree = ast.parse("def f():\n    from messaging import events\n")
    targets = [t for t, _, _, _ in imports("portal.example", tree, module_level=False)]
    assert targets == ["messaging"] and app_of(targets[0]) in APPS


def private_uses() -> list[str]:
    """Imports of another app's underscore names, and attribute uses of them through a module
    imported from another app (`from challenges import demo; demo._staff`)."""
    problems = []
    for module, tree in TREES.items():
        other_modules = {}
        for target, name, node, alias in imports(module, tree, module_level=False):
            if not target or app_of(target) not in APPS or app_of(target) == app_of(module):
                continue
            where = f"{module}:{node.lineno}"
            if name is None:
                if any(
                    part.startswith("_") and not part.startswith("__") for part in target.split(".")
                ):
                    problems.append(f"{where} imports {target}")
                other_modules[alias.asname or alias.name.split(".")[0]] = target
                continue
            if name.startswith("_") and not name.startswith("__"):
                problems.append(f"{where} imports {target}.{name}")
            elif f"{target}.{name}" in MODULES:
                other_modules[alias.asname or name] = f"{target}.{name}"
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in other_modules
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                problems.append(
                    f"{module}:{node.lineno} uses {other_modules[node.value.id]}.{node.attr}"
                )
    return problems


def test_no_app_imports_another_apps_private_names():
    assert private_uses() == []


def is_model_module(name: str) -> bool:
    parts = name.split(".")
    return "models" in parts[1:] and "migrations" not in parts


def is_workflow_module(name: str) -> bool:
    return any(part == "workflow" or part.endswith("_workflow") for part in name.split(".")[1:])


def test_no_model_imports_a_workflow():
    problems = []
    for module, tree in TREES.items():
        if not is_model_module(module):
            continue
        for target, name, node, _ in imports(module, tree, module_level=False):
            names = [target] + ([f"{target}.{name}"] if name else [])
            if any(is_workflow_module(n) for n in names):
                problems.append(f"{module}:{node.lineno} imports {names[-1]}")
    assert problems == []


@pytest.mark.parametrize(
    "module",
    ["procurement.models.exercises", "challenges.models", "agreements.models", "offers.models"],
)
def test_model_modules_are_seen(module):
    assert is_model_module(module)


def test_no_app_imports_another_apps_workflow():
    """Machines reach each other through portal.workflow.perform("<machine>", ...), and share
    only portal.workflow.Refused (not challenges' or procurement's names)."""
    problems = []
    for module, tree in TREES.items():
        for target, name, node, _ in imports(module, tree, module_level=False):
            names = [target] + ([f"{target}.{name}"] if name else [])
            for imported in names:
                if (
                    app_of(imported) in APPS
                    and app_of(imported) not in (app_of(module), "portal")
                    and is_workflow_module(imported)
                ):
                    problems.append(f"{module}:{node.lineno} imports {imported}")
    assert problems == []
