"""A complete Japanese interface (issue 14): every message translated, the compiled catalogue in
step with the .po, and the everyday pages free of leftover English for a Japanese user.

`make messages` refreshes locale/ja; the first test says which messages still need a translation."""
from __future__ import annotations

import ast
import gettext
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import REPO

PO = REPO / "locale" / "ja" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
needs_gettext = pytest.mark.skipif(shutil.which("xgettext") is None or shutil.which("msgfmt") is None,
                                   reason="GNU gettext (xgettext, msgfmt) is not installed")


# --- the catalogue ------------------------------------------------------------------------------

def po_entries(path: Path) -> list[dict]:
    """The live entries of a .po file: msgid, msgid_plural, msgstr (index -> text), flags."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip() or line.startswith("#~"):
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, field = None, None
            continue
        entry = entry or {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif m := re.match(r'(msgid_plural|msgid|msgctxt|msgstr(?:\[(\d+)\])?)\s+(".*")$', line):
            name, index, text = m[1], m[2], ast.literal_eval(m[3])
            field = ("msgstr", int(index or 0)) if name.startswith("msgstr") else (name, None)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] = text
            else:
                entry[name] = text
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += text
            else:
                entry[field[0]] += text
    return [e for e in entries if e["msgid"]]


def unfinished(entries: list[dict]) -> list[str]:
    return [e["msgid"] for e in entries if "fuzzy" in e["flags"] or not all(e["msgstr"].values()) or not e["msgstr"]]


def copy_sources(target: Path) -> None:
    """What makemessages reads (code, templates, scripts of the pages) and the current catalogue."""
    skip = shutil.ignore_patterns(".*", "__pycache__", "tests", "var", "media", "staticfiles", "node_modules",
                                  "*.pdf", "*.png", "*.jpg", "*.mo", "vendor", "docs")
    for item in REPO.iterdir():
        if item.name.startswith(".") or item.name in ("tests", "var", "media", "staticfiles", "docs"):
            continue
        if item.is_dir():
            shutil.copytree(item, target / item.name, ignore=skip)
        elif item.suffix == ".py":
            shutil.copy2(item, target / item.name)


@needs_gettext
def test_a_fresh_makemessages_leaves_no_message_untranslated_or_fuzzy(tmp_path):
    copy_sources(tmp_path)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DATABASE_URL", None)  # makemessages needs no database; a copy must not demand HTTPS settings
    for domain in ("django", "djangojs"):
        subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "ja", "-d", domain, "--ignore=var"],
                       cwd=tmp_path, env=env, check=True, capture_output=True, timeout=300)
    refreshed = po_entries(tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po")
    assert len(refreshed) > 500, "makemessages found too few messages: did it read the code?"
    missing = unfinished(refreshed)
    assert not missing, (f"{len(missing)} message(s) untranslated or fuzzy (run `make messages`, translate them in "
                         "locale/ja/LC_MESSAGES/django.po):\n" + "\n".join(f"  {m!r}" for m in missing))
    # The page scripts take their words from the templates (`ui_strings`, json_script), not from a
    # JavaScript catalogue: a djangojs catalogue appearing means a script started calling gettext()
    # and the base template would have to load the JavaScriptCatalog view.
    js = tmp_path / "locale" / "ja" / "LC_MESSAGES" / "djangojs.po"
    assert not js.exists() or not po_entries(js), "static/js calls gettext(): add the JavaScriptCatalog view"


def test_the_committed_catalogue_is_complete_and_compiled():
    entries = po_entries(PO)
    assert not unfinished(entries), unfinished(entries)
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = []
    for e in entries:
        if "msgid_plural" in e:
            if compiled.ngettext(e["msgid"], e["msgid_plural"], 1) != e["msgstr"][0]:
                stale.append(e["msgid"])
        elif compiled.gettext(e["msgid"]) != e["msgstr"][0]:
            stale.append(e["msgid"])
    assert not stale, f"django.mo is older than django.po (run `make messages`): {stale[:10]}"


@needs_gettext
def test_placeholders_and_plural_forms_match():
    """msgfmt --check: every %(name)s / {0} of a msgid is in its msgstr, and the plural header is right."""
    result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(PO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- the pages ----------------------------------------------------------------------------------

# Words a Japanese page may show in Latin letters: names of products, formats and keys, units,
# codes a person types (periods, slugs) and the demo data's own names.
ALLOWED = {
    "twomatch", "pdf", "csv", "json", "excel", "gpu", "cpu", "iso", "api", "vlm", "vllm", "ocr", "zip", "jpy", "ece",
    "ctrl", "alt", "shift", "enter", "tab", "esc", "pgdn", "pgup", "ok", "id", "ms", "max", "min",
    "personnel", "change", "personnel_change", "textlayer", "operator", "operator1", "operator2", "reviewer1",
    "manager1", "wilson", "python", "manage", "py", "report", "django", "admin", "reports", "settings", "yyyy",
    "english",  # the language switcher names each language in itself
    "asia", "tokyo",  # the time zone of the period (Asia/Tokyo)
    "local", "pipeline", "local_pipeline",  # keyer names, as recorded with each machine keying
    # field keys, shown beside the Japanese labels and used as CSV keys
    "effective_date", "family_name", "given_name", "company", "family_name_kana", "given_name_kana", "new_post",
    "old_post",
}


def visible_words(page: str) -> set[str]:
    """Latin words a person reads on the page: text and the attributes screen readers speak."""
    page = re.sub(r"<!--.*?-->|<head>.*?</head>|<(script|style|template)\b.*?</\1>", " ", page, flags=re.S | re.I)
    # Recorded log text (history notes, the machine keyer's own error messages) is shown as written.
    page = re.sub(r'<(td|small) class="log"[^>]*>.*?</\1>', " ", page, flags=re.S)
    spoken = " ".join(re.findall(r'\b(?:title|placeholder|aria-label|alt)="([^"]*)"', page))
    text = html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + spoken)
    text = re.sub(r"[\w.-]+\.pdf\b", " ", text)      # file names of the uploaded samples
    text = re.sub(r"\b\d{4}-(W\d{2}|\d{2})\b", " ", text)   # period codes typed into the report form
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9_]+", text))
    # Acronyms in the sample companies' names (ABC, DX, IT) are data, not interface.
    return {w for w in words if w.lower() not in ALLOWED and not (w.isupper() and len(w) <= 4)}


@pytest.fixture
def accepted_documents(people, generated_samples, settings):
    from tests.test_reports import build_documents, configure

    configure()
    return build_documents(people, generated_samples, settings)


@pytest.mark.django_db(transaction=True)
def test_the_everyday_pages_show_no_english_to_a_japanese_user(client, login, people, accepted_documents):
    auto = accepted_documents["auto"]
    pages = {
        "upload form and documents table": reverse("documents"),
        "document with its machine runs": reverse("document_detail", args=[auto.pk]),
        "document that fell back to two humans": reverse("document_detail", args=[accepted_documents["fallback"].pk]),
        "results": reverse("results"),
        "queues": reverse("queues"),
        "home": reverse("home"),
        "report overview": reverse("reports:overview"),
        "report accuracy": reverse("reports:accuracy"),
        "report cost": reverse("reports:cost"),
        "report people": reverse("reports:people"),
        "blind audits": reverse("learning:audits"),
        "training data": reverse("learning:exports"),
    }
    login(people["manager1"])
    leftovers = {}
    for name, url in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ja")
        assert response.status_code == 200, (name, response.status_code)
        if words := visible_words(response.content.decode()):
            leftovers[name] = sorted(words)
    table = client.get(reverse("documents"), HTTP_ACCEPT_LANGUAGE="ja", HTTP_HX_REQUEST="true")
    if words := visible_words(table.content.decode()):
        leftovers["documents table (refreshed part)"] = sorted(words)
    assert not leftovers, f"English left on Japanese pages: {leftovers}"


@pytest.mark.django_db(transaction=True)
def test_japanese_pages_write_dates_and_counts_the_japanese_way(client, login, people, accepted_documents):
    from django.utils import formats, timezone

    auto = accepted_documents["auto"]
    login(people["manager1"])
    page = client.get(reverse("document_detail", args=[auto.pk]), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    day = timezone.localtime(auto.created_at)
    assert f"{day.year}年{day.month}月{day.day}日" in page
    listing = client.get(reverse("documents"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert f"{day.year}年{day.month}月{day.day}日" in listing
    with translation.override("ja"):
        assert formats.number_format(1234567, force_grouping=True) == "1,234,567"
    english = client.get(reverse("documents"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert day.strftime("%Y-%m-%d") in english and f"{day.year}年{day.month}月{day.day}日" not in english
