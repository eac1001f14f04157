"""The Spanish catalogue is complete, and holds every string the code marks for translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
# What makemessages reads: the project's own code and templates.
SOURCE_PATTERNS = ("*.py", "*.html", "*.txt", "*.js")
SKIPPED_DIRECTORIES = {".venv", "node_modules", "build", "var", ".git", "locale", "tests", "bench", "deploy"}


def _entries(path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = _entries(CATALOGUE)
    assert entries, "the Spanish catalogue is empty"
    untranslated = [entry.msgid for entry in entries if not entry.translated()]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert untranslated == []
    assert fuzzy == []


def _placeholders(text):
    return sorted(part.split(")")[0] for part in text.split("%(")[1:])


def test_placeholders_survive_translation():
    for entry in _entries(CATALOGUE):
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
    (destination / "locale" / "es" / "LC_MESSAGES").mkdir(parents=True)


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
    marked = {entry.msgid for entry in _entries(tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po")}
    committed = {entry.msgid for entry in _entries(CATALOGUE)}
    missing = sorted(marked - committed)
    assert missing == [], "run makemessages -l es and translate these (docs/i18n.md)"
