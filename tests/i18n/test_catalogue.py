"""The Spanish catalogues are complete, and hold every string the code marks for translation.

The project's own strings (page chrome, error pages, shared emails) are in
locale/; each app keeps the strings of its templates and code in its own
locale/ folder, which makemessages fills by itself.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUE_PATH = Path("locale") / "es" / "LC_MESSAGES" / "django.po"
APPS_WITH_CATALOGUES = ("campaign", "materials", "coalitions", "listserv", "screening")
# Relative to the project: the project's catalogue first, then one per app.
CATALOGUES = (CATALOGUE_PATH, *(Path(app) / CATALOGUE_PATH for app in APPS_WITH_CATALOGUES))
# What makemessages reads: the project's own code and templates.
SOURCE_PATTERNS = ("*.py", "*.html", "*.txt", "*.js")
SKIPPED_DIRECTORIES = {".venv", "node_modules", "build", "var", ".git", "locale", "tests", "bench", "deploy"}


def _entries(path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_every_message_is_translated_and_none_is_fuzzy(catalogue):
    entries = _entries(ROOT / catalogue)
    assert entries, "the Spanish catalogue is empty"
    untranslated = [entry.msgid for entry in entries if not entry.translated()]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert untranslated == []
    assert fuzzy == []


def _placeholders(text):
    return sorted(part.split(")")[0] for part in text.split("%(")[1:])


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_placeholders_survive_translation(catalogue):
    for entry in _entries(ROOT / catalogue):
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert _placeholders(translation) == _placeholders(entry.msgid), entry.msgid


def _copy_sources(destination):
    root = Path(settings.BASE_DIR)
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if relative.parts[0] in SKIPPED_DIRECTORIES or not path.is_file():
            continue
        if not any(path.match(pattern) for pattern in SOURCE_PATTERNS):
            continue
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    for catalogue in CATALOGUES:
        (destination / catalogue).parent.mkdir(parents=True)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is installed by make setup")
def test_every_marked_string_is_in_the_committed_catalogue(tmp_path):
    """Run makemessages on a copy of the sources: a string marked since the last update fails here."""
    _copy_sources(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--verbosity", "0"],
        cwd=tmp_path,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "rescue_restore.settings", "PYTHONPATH": str(tmp_path)},
    )
    missing = {}
    for catalogue in CATALOGUES:
        made = tmp_path / catalogue
        marked = {entry.msgid for entry in _entries(made)} if made.exists() else set()
        committed = {entry.msgid for entry in _entries(ROOT / catalogue)} if (ROOT / catalogue).exists() else set()
        if marked - committed:
            missing[str(catalogue)] = sorted(marked - committed)
    assert missing == {}, "run makemessages -l es and translate these (docs/i18n.md)"
