"""Every public page a crawl from the home page reaches: no sideways scrolling, no axe violations.

WCAG 1.4.10 (reflow): nothing scrolls horizontally at 320 px, nor at 200% text size.
axe-core with the WCAG 2.2 AA rules. One seeded database for the whole module.
"""

import json

import pytest
from django.test import Client

from tests.browser.conftest import axe_violations
from tests.browser.crawl import crawl


@pytest.fixture(scope="module")
def public_paths(seeded_db):
    paths = sorted(crawl(Client()))
    assert len(paths) > 30, paths  # the crawl really walked the site
    return [*paths, "/search/?q=trafficking"]


def _too_wide(page):
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return [];
          const wide = [...document.querySelectorAll('body *')]
            .filter((element) => element.getBoundingClientRect().right > width + 0.5);
          // The innermost ones: the elements that push the page wider, not every ancestor.
          return wide.filter((element) => ![...element.children].some((child) => wide.includes(child)))
            .slice(0, 5)
            .map((element) => `${element.outerHTML.slice(0, 100)} (right ${element.getBoundingClientRect().right})`);
        }"""
    )


@pytest.mark.parametrize("text_size", ["100%", "200%"])
def test_no_page_scrolls_sideways_at_320_px(seeded_site, page, public_paths, text_size):
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for path in public_paths:
        page.goto(seeded_site.url + path)
        if text_size != "100%":
            # As the browser's text size setting does: USWDS sizes everything in rem.
            page.evaluate("(size) => { document.documentElement.style.fontSize = size; }", text_size)
        elements = _too_wide(page)
        if elements:
            wide[path] = elements
    assert wide == {}, json.dumps(wide, indent=2)


@pytest.mark.parametrize("width", [375, 1280])
def test_every_public_page_passes_axe_wcag_22_aa(seeded_site, page, public_paths, width):
    page.set_viewport_size({"width": width, "height": 800})
    failures = {}
    for path in public_paths:
        page.goto(seeded_site.url + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}, json.dumps(failures, indent=2)
