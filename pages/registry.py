"""The dashboard's pages, declared once, in menu order (the first is the default page, at "/").

Read by dashboard.py (navigation, the admin-only pages hidden from other roles), presentation
mode (the slides, in this order), the page, role and browser tests and the benchmark.

A page named `x` is the file `pages/x.py`; its queries are `warehouse/queries/x__<question>.sql`
(queries shared by several pages or by the frame are `common__<question>.sql`).
To add a page: write `pages/<name>.py` and its queries, and add one `Page` here.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]*__[a-z0-9_]+$")


@dataclasses.dataclass(frozen=True)
class Page:
    name: str                 # module in pages/ and the prefix of its queries
    title: str
    icon: str
    url: str                  # url path
    slide: bool = False       # shown in presentation mode (prev / next walk the slides in this order)
    admin_only: bool = False  # in the menu of the data admin only; other roles get an audited refusal

    @property
    def file(self) -> str:
        return f"pages/{self.name}.py"

    @property
    def query_prefix(self) -> str:
        return f"{self.name}__"


PAGES: tuple[Page, ...] = (
    Page("overview", "Ringkasan", ":material/dashboard:", "ringkasan", slide=True),
    Page("culture_index", "Indeks Budaya Kerja", ":material/monitoring:", "indeks", slide=True),
    Page("core_values", "BerAKHLAK", ":material/diversity_3:", "berakhlak", slide=True),
    Page("discipline", "Kedisiplinan", ":material/schedule:", "kedisiplinan", slide=True),
    Page("performance", "Kinerja & Produktivitas", ":material/trending_up:", "kinerja", slide=True),
    Page("tpp", "TPP", ":material/payments:", "tpp-rekomendasi"),
    Page("competency", "Pengembangan Kompetensi", ":material/school:", "kompetensi", slide=True),
    Page("profile", "Profil Pegawai", ":material/badge:", "profil-pegawai"),
    Page("explore", "Jelajah & Ekspor", ":material/table_view:", "jelajah"),
    Page("manage_data", "Kelola Data", ":material/upload_file:", "kelola-data", admin_only=True),
    Page("audit_log", "Log Audit", ":material/policy:", "log-audit", admin_only=True),
    Page("methodology", "Metodologi", ":material/menu_book:", "metodologi"),
)
DEFAULT = PAGES[0]
SLIDES = tuple(p for p in PAGES if p.slide)
COMMON_PREFIX = "common__"


def page(name: str) -> Page:
    return next(p for p in PAGES if p.name == name)


# -- which queries a page names (read from the source, for the tests and the benchmark) ----

def _ui_imports(tree: ast.Module) -> set[str]:
    """The pages.ui modules a module imports (`from pages.ui import a, b`, `from pages.ui.a import x`)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "pages.ui":
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pages.ui."):
            out.add(node.module.removeprefix("pages.ui."))
    return out


def _names(tree: ast.Module) -> set[str]:
    return {n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and QUERY_NAME.match(n.value)}


def queries_named(file: str) -> set[str]:
    """Query names written in `file` (relative to the repository) and in the pages/ui modules it
    imports, directly or through other pages/ui modules."""
    tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
    names, todo, seen = _names(tree), _ui_imports(tree), set()
    while todo:
        module = todo.pop()
        seen.add(module)
        tree = ast.parse((ROOT / "pages" / "ui" / f"{module}.py").read_text(encoding="utf-8"))
        names |= _names(tree)
        todo |= _ui_imports(tree) - seen
    return names


def frame_queries() -> set[str]:
    """The queries dashboard.py (the frame around every page: sidebar, filters, freshness) names."""
    return queries_named("dashboard.py")


def page_queries(p: Page) -> set[str]:
    """The queries page `p` names itself, besides the frame's."""
    return queries_named(p.file) - frame_queries()
