"""The page chrome in a real browser: the quick exit never covers a control, and leaves no way Back.

One seeded database for the whole module (``seeded_site``): these tests only read.
"""

import time

import pytest
from playwright.sync_api import expect

from tests.browser.screens import screenshot

NEUTRAL = "https://www.weather.gov/"

# Every control the visitor can see, and where the element under its centre is not itself.
# USWDS checkboxes and radios hide the input off-screen and draw it on the label: the label is the control.
CONTROLS_UNDER_THEIR_CENTRE = """
({scope, belowBand}) => {
  const band = document.querySelector('[data-quick-exit-band]');
  const bandBottom = band.getBoundingClientRect().bottom;
  const root = scope ? document.querySelector(scope) : document;
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const problems = [];
  let checked = 0;
  for (const control of [...root.querySelectorAll(selector), ...(scope ? band.querySelectorAll(selector) : [])]) {
    if (control.matches('.usa-checkbox__input, .usa-radio__input, .usa-skipnav, .rr-honeypot *')) continue;
    // A link that wraps has one box per line: its overall rectangle's centre may lie between them.
    const box = [...control.getClientRects()].find((rect) => rect.width >= 2 && rect.height >= 2);
    if (!box || getComputedStyle(control).visibility === 'hidden') continue;
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;  // scrolled out of view
    // The band is a strip of the window, like its top edge: what has scrolled beneath it is out of view.
    if (belowBand && !band.contains(control) && y < bandBottom) continue;
    checked += 1;
    const hit = document.elementFromPoint(x, y);
    if (hit !== control && !control.contains(hit)) {
      problems.push(`${control.outerHTML.slice(0, 90)} is under ${hit ? hit.outerHTML.slice(0, 90) : 'nothing'}`);
    }
  }
  return {checked, problems};
}
"""

# At rest (scrolled to the top), the band overlaps no other control at all.
CONTROLS_OVERLAPPING_THE_BAND = """
() => {
  const band = document.querySelector('[data-quick-exit-band]').getBoundingClientRect();
  return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]
    .filter((control) => !control.closest('[data-quick-exit-band]') && !control.matches('.usa-skipnav'))
    .filter((control) => {
      const box = control.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && box.top < band.bottom && box.bottom > band.top
        && box.left < band.right && box.right > band.left;
    })
    .map((control) => control.outerHTML.slice(0, 90));
}
"""


def _neutral_site(page):
    page.route(NEUTRAL, lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"))


def _assert_nothing_covered(page, scope=None, below_band=True):
    result = page.evaluate(CONTROLS_UNDER_THEIR_CENTRE, {"scope": scope, "belowBand": below_band})
    assert result["checked"] > 0
    assert result["problems"] == [], "\n".join(result["problems"])
    # The quick exit itself is never covered either.
    button = page.locator("a[data-quick-exit]")
    box = button.bounding_box()
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('a[data-quick-exit]') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit, "the quick exit is covered"


@pytest.mark.parametrize("width", [320, 375, 768, 1024, 1280, 1440])
@pytest.mark.parametrize("path", ["/", "/materials/", "/coalitions/request/"])
def test_quick_exit_covers_no_control_at_any_width_or_scroll(seeded_site, page, width, path):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(seeded_site.url + path)
    assert page.evaluate(CONTROLS_OVERLAPPING_THE_BAND) == []
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in (0, 40, 150, 400, 1200, height):
        page.evaluate("(y) => window.scrollTo(0, y)", y)
        _assert_nothing_covered(page)
    if width == 1280:
        screenshot(page, f"chrome{path}", width)


@pytest.mark.parametrize("width", [320, 375, 768])
def test_quick_exit_covers_nothing_with_the_phone_menu_open(seeded_site, page, width):
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(seeded_site.url + "/")
    for y in (0, 300):
        page.evaluate("(y) => window.scrollTo(0, y)", y)
        page.get_by_role("button", name="Menu").click()
        close = page.get_by_role("button", name="Close menu")
        expect(close).to_be_visible()
        # The menu slides in (USWDS's 0.3 s animation): measure where it comes to rest.
        page.wait_for_function(
            "() => document.querySelector('.usa-nav').getAnimations({subtree: true})"
            ".every((animation) => animation.playState !== 'running')"
        )
        # Inside the open menu every control is itself under its centre, the close X above all.
        _assert_nothing_covered(page, scope=".usa-nav", below_band=False)
        screenshot(page, f"chrome-menu-open-scrolled-{y}", width)
        close.click()
        expect(close).to_be_hidden()


# Browsers without the Navigation API (older Safari and Firefox) leave by the history index
# each page records; the same journeys are run that way too.
WITHOUT_NAVIGATION_API = "Object.defineProperty(window, 'navigation', {value: undefined});"


@pytest.fixture(params=["navigation-api", "history-index"])
def exit_page(request, page):
    if request.param == "history-index":
        page.add_init_script(WITHOUT_NAVIGATION_API)
    return page


def test_back_from_the_neutral_site_does_not_return_to_this_site(seeded_site, exit_page):
    page = exit_page
    _neutral_site(page)
    page.goto("about:blank")
    page.goto(seeded_site.url + "/")
    page.get_by_role("link", name="Free materials").first.click()
    page.get_by_role("link", name="Coalitions").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Until its script has run the exit is a plain link (it leaves, and Back returns): the
    # journey under test is the scripted one.
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Emergency Exit this page").click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert not page.url.startswith(seeded_site.url), page.url


def test_back_from_the_neutral_site_does_not_return_here_when_the_first_page_is_slow_to_come_back(
    seeded_site, exit_page
):
    """The exit steps back to the site's first page, then replaces it; a slow step back is not cut short.

    The page-chrome flake on a loaded machine: the first page took longer than the script's
    1.5 s fallback to come back, the fallback replaced the current page with the neutral site
    instead, and Back returned to the site. The home page is answered 3 s late here.
    """
    page = exit_page
    _neutral_site(page)
    page.goto("about:blank")
    page.goto(seeded_site.url + "/")
    page.get_by_role("link", name="Free materials").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Free materials")
    page.wait_for_load_state("load")
    home = seeded_site.url + "/"

    def slowly(route):
        time.sleep(3)  # a slow server or connection, not a wait for something: the browser's timers run on
        route.continue_()

    page.route(home, slowly)
    page.get_by_role("link", name="Emergency Exit this page").click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert not page.url.startswith(seeded_site.url), page.url


def test_back_from_the_neutral_site_after_one_page_returns_to_what_was_open_before(seeded_site, exit_page):
    page = exit_page
    _neutral_site(page)
    page.goto("about:blank")
    page.goto(seeded_site.url + "/materials/")
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Emergency Exit this page").click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert page.url == "about:blank"


def test_pressing_shift_three_times_leaves(seeded_site, page):
    _neutral_site(page)
    page.goto(seeded_site.url + "/staying-safe-online/")
    page.keyboard.press("Shift")
    expect(page.get_by_role("status")).to_have_text("Shift, press 2 more times to exit.")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)


def test_shift_used_with_another_key_does_not_count(seeded_site, page):
    _neutral_site(page)
    page.goto(seeded_site.url + "/search/")
    page.get_by_label("Search terms").focus()
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift+B")
    page.keyboard.press("Shift+C")
    # Leaving shows its overlay in the very key handler that starts it (before the key press
    # returns): no overlay means no exit began, however slowly a navigation would have shown.
    expect(page.locator(".rr-exit-overlay")).to_have_count(0)
    assert page.url.startswith(seeded_site.url)
    expect(page.get_by_label("Search terms")).to_have_value("ABC")
    # And none of the three counted: a lone Shift now is the first of three.
    page.keyboard.press("Shift")
    expect(page.get_by_role("status")).to_have_text("Shift, press 2 more times to exit.")


def test_leaving_shows_a_blank_overlay_at_once(seeded_site, page):
    # The neutral site never answers here, so the page that was leaving stays to be looked at.
    # (Reporting from the leaving page itself was flaky: its last messages can be lost with it.)
    page.route(NEUTRAL, lambda route: route.abort("aborted"))
    page.goto(seeded_site.url + "/")
    with page.expect_event("requestfailed", lambda request: request.url == NEUTRAL):
        page.get_by_role("link", name="Emergency Exit this page").click()
    overlay = page.locator(".rr-exit-overlay")
    expect(overlay).to_have_text("Loading.")
    expect(overlay).to_have_attribute("role", "alert")
    expect(page.locator("h1")).to_be_hidden()
    expect(page).to_have_title("Loading")
    assert page.url == seeded_site.url + "/"
