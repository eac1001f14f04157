"""The built stylesheet keeps every USWDS rule a template can use (bin/build-assets drops the rest).

bin/build-assets keeps a rule only if its classes are named somewhere in the templates, the Python
code or the scripts. These tests fail when a template names a class the built stylesheet lost
(e.g. a template changed after the last build: run ``bin/build-assets`` again), and check that the
fonts the pages preload are the subset files the stylesheet names.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "build" / "static" / "css" / "styles.css"
UNPURGED = ROOT / "build" / "test" / "styles.unpurged.css"
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
TEMPLATE_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")


@pytest.fixture(scope="module")
def stylesheets():
    if not UNPURGED.exists():
        pytest.fail("build/test/styles.unpurged.css is missing: run bin/build-assets")
    return UNPURGED.read_text(), BUILT.read_text()


def _template_classes():
    classes = set()
    for pattern in ("templates/**/*.html", "*/templates/**/*.html"):
        for path in ROOT.glob(pattern):
            if {".venv", "node_modules", "build"} & set(path.relative_to(ROOT).parts):
                continue
            for attribute in CLASS_ATTRIBUTE.findall(path.read_text()):
                # Only whole literal names: "usa-alert--{% if ... %}" is a pattern, kept by the build.
                for name in TEMPLATE_CODE.sub(" {} ", attribute).split():
                    if "{" not in name and "}" not in name:
                        classes.add(name)
    return classes


def _selects(css, name):
    escaped = re.escape("." + name.replace(":", "\\:"))
    return re.search(escaped + r"(?![A-Za-z0-9_\\-])", css) is not None


def test_every_class_a_template_names_keeps_its_rules(stylesheets):
    unpurged, built = stylesheets
    classes = _template_classes()
    assert len(classes) > 100  # the scan found the templates
    lost = sorted(name for name in classes if _selects(unpurged, name) and not _selects(built, name))
    assert lost == [], f"bin/build-assets dropped rules for classes templates use: {lost}"


def test_unused_components_are_dropped(stylesheets):
    unpurged, built = stylesheets
    # Compiled with usa-header and usa-card, used by no page.
    for name in ("usa-megamenu", "usa-hero", "usa-card--media-right"):
        assert _selects(unpurged, name)
        assert not _selects(built, name)
    assert len(built) < len(unpurged) * 0.7


def test_preloaded_fonts_are_the_subset_files_the_stylesheet_names(stylesheets):
    _unpurged, built = stylesheets
    base = (ROOT / "templates" / "base.html").read_text()
    preloaded = re.findall(r"href=\"\{% static '(fonts/[^']+)' %\}\"\s+as=\"font\"", base)
    assert preloaded, "base.html preloads no font"
    for path in preloaded:
        assert f"url(../{path})" in built, f"{path} is preloaded but styles.css does not use it"
        assert (ROOT / "build" / "static" / path).exists()
    assert "font-display:swap" in built
    assert "font-display:fallback" not in built
    assert "PublicSans-Light" not in built  # no rule uses the light weight


def test_spanish_letters_are_in_the_first_font_file():
    from fontTools.ttLib import TTFont

    font = TTFont(ROOT / "build" / "static" / "fonts" / "public-sans" / "PublicSans-Regular-latin.woff2")
    letters = set(font.getBestCmap())
    assert {ord(letter) for letter in "¿¡ñÑáéíóúÁÉÍÓÚüÜ«»—…\u201c\u201d\u2019"} <= letters
    extended = TTFont(ROOT / "build" / "static" / "fonts" / "public-sans" / "PublicSans-Regular-latin-ext.woff2")
    assert {ord(letter) for letter in "đưếệờ"} <= set(extended.getBestCmap())  # Vietnamese edition titles
