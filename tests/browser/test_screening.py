""" "Could this be trafficking?" in the browser: every setting, phone and desktop, English and Spanish.

Keyboard only, from the home page to a result with the hotline and materials, axe on
every step, and no cookie at the end. The same journey works with JavaScript off.
One seeded database for the module (the shipped questions come back with seed_demo).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_keyboard_journeys import tab_to

SETTINGS = [
    "health-care-visit",
    "social-services-or-shelter",
    "law-enforcement-contact",
    "workplace-or-inspection",
    "school",
]
ANSWERS = ["yes", "no", "unsure"]
TEXT = {
    "en": {"entry": "Could this be trafficking?", "what_to_do": "What to do now", "materials": "Materials for you"},
    "es": {
        "entry": "¿Podría ser trata de personas?",
        "what_to_do": "Qué hacer ahora",
        "materials": "Materiales para usted",
    },
}


def _questions(slug):
    from screening.models import Setting

    return list(Setting.objects.get(slug=slug).questions.published().order_by("order", "pk"))


def _press(page, element_id, key="Enter"):
    """On a page just loaded: skip to the main content (the first Tab stop), Tab to the control, press it."""
    page.keyboard.press("Tab")
    expect(page.locator(".usa-skipnav")).to_be_focused()
    page.keyboard.press("Enter")
    tab_to(page, element_id)
    page.keyboard.press(key)


def _walk_by_keyboard(page, slug, language):
    """From the home page to the result, with Tab, Space and Enter only; axe on every page on the way."""
    questions = _questions(slug)
    expect(page.locator("#screening-link")).to_have_text(TEXT[language]["entry"])
    _press(page, "screening-link")
    expect(page.locator("h1")).to_have_text(TEXT[language]["entry"])
    assert_accessible(page)
    _press(page, f"setting-{slug}")
    expect(page.locator("#start")).to_be_visible()
    assert_accessible(page)
    _press(page, "start")
    noticed = []
    for index, question in enumerate(questions):
        expect(page.locator("h1")).to_have_text(getattr(question, f"text_{language}"))
        expect(page.locator(f"#source-{question.pk}")).to_be_visible()
        assert_accessible(page)
        answer = ANSWERS[index % len(ANSWERS)]
        _press(page, f"q{question.pk}-yes", "Space")  # Tab reaches a group's first radio; arrows move on
        for _ in range(ANSWERS.index(answer)):
            page.keyboard.press("ArrowDown")
        expect(page.locator(f"#q{question.pk}-{answer}")).to_be_checked()
        if answer == "yes":
            noticed.append(getattr(question, f"sign_{language}"))
        tab_to(page, "continue")
        page.keyboard.press("Enter")
    expect(page.locator("#what-to-do-heading")).to_have_text(TEXT[language]["what_to_do"])
    for sign in noticed:
        expect(page.locator("#signs-noticed")).to_contain_text(sign)
    return noticed


def _assert_result(page, language, run_axe=True):
    expect(page.locator("#read-out")).to_be_visible()
    expect(page.locator(".usa-summary-box a[href='tel:+18883737888']")).to_have_text("1-888-373-7888")
    expect(page.locator(".usa-summary-box a[href='sms:233733']")).to_be_visible()
    expect(page.locator("#materials-heading")).to_have_text(TEXT[language]["materials"])
    expect(page.locator("#materials a").first).to_be_visible()
    if run_axe:  # axe is a script: a page with JavaScript off cannot run it (the same pages pass with it on)
        assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("slug", SETTINGS)
def test_each_setting_by_keyboard(seeded_site, page, slug, width, language):
    outside = []
    page.on("request", lambda request: None if request.url.startswith(seeded_site.url) else outside.append(request.url))
    page.set_viewport_size({"width": width, "height": 800})
    prefix = "/es" if language == "es" else ""
    page.goto(f"{seeded_site.url}{prefix}/")
    _walk_by_keyboard(page, slug, language)
    _assert_result(page, language)
    assert "could-this-be-trafficking" in page.url
    assert page.context.cookies() == []
    assert outside == [], f"requests left the site: {outside}"


def test_state_coalitions_and_print_view_by_keyboard(seeded_site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{seeded_site.url}/")
    _walk_by_keyboard(page, "health-care-visit", "en")
    _press(page, "state", "T")
    page.keyboard.type("exas")  # a focused select picks the option that starts with what is typed
    expect(page.locator("#state")).to_have_value("TX")
    tab_to(page, "show-coalitions")  # the next control on the same page
    page.keyboard.press("Enter")
    expect(page.locator("#coalitions-link")).to_have_attribute("href", "/coalitions/?state=TX")
    assert_accessible(page)
    _press(page, "print-view")
    expect(page.locator("#read-out")).to_be_visible()
    assert_accessible(page)
    assert page.context.cookies() == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_same_journey_without_javascript(seeded_site, browser, language):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        prefix = "/es" if language == "es" else ""
        page.goto(f"{seeded_site.url}{prefix}/")
        page.locator("#screening-link").click()
        page.locator("#setting-school").click()
        page.locator("#start").click()
        for index, question in enumerate(_questions("school")):
            expect(page.locator("h1")).to_have_text(getattr(question, f"text_{language}"))
            page.locator(f"label[for='q{question.pk}-{ANSWERS[index % 3]}']").click()
            page.locator("#continue").click()
        expect(page.locator("#what-to-do-heading")).to_have_text(TEXT[language]["what_to_do"])
        _assert_result(page, language, run_axe=False)
        # All the questions on one page, too.
        page.locator("#change-answers").click()
        page.goto(page.url.split("?")[0] + "?all=1")
        page.locator("#see-result").click()
        expect(page.locator("#what-to-do-heading")).to_be_visible()
        assert context.cookies() == []
    finally:
        context.close()
