"""The shape of the code that every later change relies on (issue 13), checked by reading the source."""
from __future__ import annotations

import ast
import re
import os
import traceback

import pytest
from django.db import connection
from django.urls import reverse

from tests.conftest import REPO, make_user

CORE = "dataentry"
CONSUMERS = {"review", "reports", "learning", "api", "singleentry", "simulation"}


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


# --- template tags format what the view passed; they never read the database -------------------

class QueriesFromTags:
    """Collects the SQL run while a module in a templatetags folder is on the stack."""

    def __init__(self):
        self.sql: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if any(f"{os.sep}templatetags{os.sep}" in frame.filename for frame in traceback.extract_stack()):
            self.sql.append(sql)
        return execute(sql, params, many, context)


@pytest.mark.django_db
def test_no_template_tag_reads_the_database_while_the_work_pages_render(client, people):
    from dataentry import services
    from review import services as review_services
    from tests.test_faults_claims import RECORD, bulk_documents

    bulk_documents(2)
    keyed = services.keying_claim_next(operator=people["operator1"])
    services.entry_submit(entry_id=keyed.pk, operator=people["operator1"], records=[dict(RECORD, new_post="課長")],
                          version=keyed.version)
    everybody = make_user("everybody", "operator", "reviewer", "manager")
    entry = services.keying_claim_next(operator=everybody)
    task = review_services.review_claim_next(reviewer=everybody)
    client.force_login(everybody)

    from_tags = QueriesFromTags()
    urls = [reverse("home"), reverse("keying_home"), reverse("keying", args=[entry.pk]), reverse("review_home"),
            reverse("review", args=[task.pk]), reverse("queues")]
    with connection.execute_wrapper(from_tags):
        for url in urls:
            assert client.get(url).status_code == 200, url
    assert from_tags.sql == [], f"template tags ran {len(from_tags.sql)} queries, e.g. {from_tags.sql[:2]}"


def test_the_query_spy_sees_a_query_made_from_a_template_tag(db, tmp_path):
    folder = tmp_path / "templatetags"
    folder.mkdir()
    (folder / "probe.py").write_text("from django.contrib.auth.models import User\n"
                                     "def count():\n    return User.objects.count()\n")
    namespace: dict = {}
    exec(compile((folder / "probe.py").read_text(), str(folder / "probe.py"), "exec"), namespace)
    from_tags = QueriesFromTags()
    with connection.execute_wrapper(from_tags):
        namespace["count"]()
    assert len(from_tags.sql) == 1


def app_sources():
    skip = {"tests", "var", "config", "scripts", "static", "templates", "locale", "docs"}
    return [path for folder in REPO.iterdir()
            if folder.is_dir() and not folder.name.startswith(".") and folder.name not in skip
            for path in folder.rglob("*.py")]


def test_every_setting_is_declared_in_config_settings():
    # A default hidden in a module (getattr(settings, NAME, default)) escapes the strict env
    # readers of config/env.py: a malformed value would not stop start-up.
    pattern = re.compile(r"getattr\(\s*(django\.conf\.)?settings\s*,")
    found = [f"{path.relative_to(REPO)}:{n}" for path in app_sources()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert found == []
    assert app_sources(), "the app folders were found"
