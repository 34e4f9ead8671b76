"""The shape of the code that every later change relies on (issue 13), checked by reading the source."""
from __future__ import annotations

import ast

from tests.conftest import REPO

CORE = "dataentry"
CONSUMERS = {"review", "reports", "learning", "api"}


def _imported_modules(path) -> set[str]:
    """Every module a file imports, at the top or hidden inside a function."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_the_core_imports_no_consumer_app():
    offending = {}
    for path in sorted((REPO / CORE).rglob("*.py")):
        reached = {m for m in _imported_modules(path) if m.split(".")[0] in CONSUMERS}
        if reached:
            offending[str(path.relative_to(REPO))] = sorted(reached)
    assert not offending, f"dataentry must not import a consumer app; register a hook instead: {offending}"


def test_the_import_check_sees_imports_hidden_in_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from review.models import ReviewTask\n    import learning.selectors\n")
    assert _imported_modules(sample) == {"review.models", "learning.selectors"}
