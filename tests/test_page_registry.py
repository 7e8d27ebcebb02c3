"""pages/registry.py is the one page list, its queries follow it, and pages/ui has a clean
import structure (no cycle, no import hidden in a function, no call into another module's
private function)."""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pages import registry  # noqa: E402
from warehouse import query as q  # noqa: E402

UI = ROOT / "pages" / "ui"
UI_MODULES = sorted(p.stem for p in UI.glob("*.py") if p.stem != "__init__")


def test_every_page_file_is_registered_once():
    files = {p.stem for p in (ROOT / "pages").glob("*.py")} - {"registry"}
    assert sorted(p.name for p in registry.PAGES) == sorted(files)
    for field in ("name", "url", "title"):
        values = [getattr(p, field) for p in registry.PAGES]
        assert len(set(values)) == len(values), field


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_a_page_names_only_its_own_and_common_queries(page):
    named = registry.queries_named(page.file)
    assert named <= set(q.query_names()), "a query name with no file in warehouse/queries/"
    foreign = {n for n in named if not n.startswith((page.query_prefix, registry.COMMON_PREFIX))}
    assert not foreign


def test_the_frame_names_only_common_queries():
    assert all(n.startswith(registry.COMMON_PREFIX) for n in registry.frame_queries())


def test_every_query_file_is_used_by_some_page():
    used = registry.frame_queries().union(*(registry.queries_named(p.file) for p in registry.PAGES))
    assert set(q.query_names()) - used == set()


def test_every_query_file_names_a_page_or_common():
    prefixes = {p.query_prefix for p in registry.PAGES} | {registry.COMMON_PREFIX}
    assert [n for n in q.query_names() if not n.startswith(tuple(prefixes))] == []


def test_registry_reads_query_names_through_pages_ui_imports():
    """The check above would miss a page's queries if it did not follow pages/ui imports."""
    assert "common__evidence_days" in registry.queries_named("pages/performance.py")  # via pages/ui/evidence.py
    assert "common__evidence_days" not in registry.queries_named("pages/overview.py")


# -- pages/ui import structure ---------------------------------------------------------------

def _tree(module: str) -> ast.Module:
    return ast.parse((UI / f"{module}.py").read_text(encoding="utf-8"))


def _ui_imports(node: ast.AST) -> set[str]:
    out = set()
    for n in ast.walk(node):
        if isinstance(n, ast.ImportFrom) and n.module == "pages.ui":
            out |= {a.name for a in n.names}
        elif isinstance(n, ast.ImportFrom) and (n.module or "").startswith("pages.ui."):
            out.add(n.module.removeprefix("pages.ui."))
        elif isinstance(n, ast.Import):
            out |= {a.name.removeprefix("pages.ui.") for a in n.names if a.name.startswith("pages.ui.")}
    return out


@pytest.mark.parametrize("module", UI_MODULES)
def test_ui_module_imports_and_has_no_import_inside_a_function(module):
    __import__(f"pages.ui.{module}")
    inside = [(f.name, n.lineno) for f in ast.walk(_tree(module))
              if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in ast.walk(f)
              if isinstance(n, (ast.Import, ast.ImportFrom)) and _ui_imports(n)]
    assert inside == []


def test_pages_ui_modules_import_each_other_without_a_cycle():
    graph = {m: _ui_imports(_tree(m)) & set(UI_MODULES) for m in UI_MODULES}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for dep in sorted(graph[module]):
            visit(dep, (*path, module))
        done.add(module)

    for module in UI_MODULES:
        visit(module, ())


def test_no_page_calls_another_modules_private_function():
    """`module._name` and `from x import _name` are both calls into another module's insides."""
    found = []
    for path in sorted((ROOT / "pages").rglob("*.py")) + [ROOT / "dashboard.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
                   for a in n.names}
        for n in ast.walk(tree):
            if (isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in modules
                    and n.attr.startswith("_") and not n.attr.startswith("__")):
                found.append(f"{path.relative_to(ROOT)}:{n.lineno} {n.value.id}.{n.attr}")
            if isinstance(n, ast.ImportFrom):
                found += [f"{path.relative_to(ROOT)}:{n.lineno} {a.name}" for a in n.names if a.name.startswith("_")]
    assert found == []
