"""Ordering printed materials in a real browser: two items end to end, accessible at every step."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from materials.models import Order
from tests.browser.conftest import assert_accessible, axe_violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WCAG_22_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# What has keyboard focus, and whether a person can see it: an outline or a ring on the element,
# or (for USWDS radios and checkboxes, whose input is moved off screen) on its label's box.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {visible: false, what: "body"};
  const shows = (style) => (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || (style.boxShadow && style.boxShadow !== "none");
  let visible = shows(getComputedStyle(el));
  if (!visible && el.labels && el.labels.length) {
    visible = shows(getComputedStyle(el.labels[0], "::before")) || shows(getComputedStyle(el.labels[0]));
  }
  const box = (el.labels && el.labels.length && el.getBoundingClientRect().right < 0 ? el.labels[0] : el)
    .getBoundingClientRect();
  return {
    visible: visible && box.width > 0 && box.height > 0,
    what: el.tagName + (el.id ? "#" + el.id : "") + " " + (el.textContent || "").trim().slice(0, 60),
    id: el.id || "",
    name: (el.innerText || el.value || "").replace(/\\s+/g, " ").trim(),
  };
}"""


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Demo covers are drawn into a temporary folder, not var/media (autouse: before `site` seeds)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def test_catalog_and_detail_are_accessible_and_filter_without_javascript(site, page, no_third_party_requests):
    page.goto(site.url + "/materials/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Free materials")
    cover = page.locator(".usa-card__img img").first
    expect(cover).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", cover.element_handle()) > 0
    assert_accessible(page)

    page.get_by_role("link", name="Law enforcement", exact=True).click()
    expect(page).to_have_url(re.compile(r"audience=law-enforcement"))
    expect(page.get_by_role("link", name="Pocket card for law enforcement")).to_be_visible()
    expect(page.get_by_role("link", name="Look Beneath the Surface brochure")).to_have_count(0)

    page.get_by_role("link", name="Pocket card for law enforcement").click()
    expect(page.get_by_text("Publication Date")).to_be_visible()
    assert_accessible(page)


def assert_accessible_22(page):
    violations = axe_violations(page, tags=WCAG_22_AA)
    assert violations == [], violations


def tab_until(page, matches, limit=250, key="Tab"):
    """Press Tab until ``matches(focus state)``; every element passed on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        state = page.evaluate(FOCUS_STATE)
        if state["what"] == "body":
            continue  # past the last control focus leaves the page for the browser's own, then comes back
        assert state["visible"], f"focus is not visible on {state['what']}"
        if matches(state):
            return state
    raise AssertionError("never reached the element by keyboard")


def tab_to_field(page, label, **kwargs):
    field_id = page.get_by_label(label, **kwargs).get_attribute("id")
    return tab_until(page, lambda state: state["id"] == field_id)


def tab_to_control(page, name_pattern, key="Tab"):
    pattern = re.compile(name_pattern)
    return tab_until(page, lambda state: bool(pattern.search(state["name"])), key=key)


def type_into(page, label, text, **kwargs):
    tab_to_field(page, label, **kwargs)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def shoot(page, width, step):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"order-journey-{width}-{step}.png"), full_page=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_order_journey_by_keyboard_only(site, page, no_third_party_requests, width):
    """Choose two items with "Add to my order", survive an error, place the order: Tab, Enter and typing only."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url + "/materials/look-beneath-the-surface-brochure/")
    assert_accessible_22(page)
    shoot(page, width, "1-detail")

    # The Spanish edition's "Add to my order" button, then back to the page at that row.
    tab_to_control(page, r"^Add to my order\W+Look Beneath the Surface brochure, Spanish$")
    page.keyboard.press("Enter")
    expect(page.get_by_text("was added to your order")).to_be_visible()
    expect(page.locator("#edition-RR-LBS-BRO-ES")).to_contain_text("In your order")
    assert_accessible_22(page)
    shoot(page, width, "2-added")

    # On to the catalog by its breadcrumb, and a second item from a catalog card.
    tab_to_control(page, r"^Free materials$", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Free materials")
    tab_to_control(page, r"^Add to my order\W+Hotline clue card, English$")
    page.keyboard.press("Enter")
    expect(page.locator("#edition-RR-CLUE-EN")).to_contain_text("in your order")
    assert_accessible_22(page)
    shoot(page, width, "3-catalog")

    tab_to_control(page, r"^Go to my order$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Order free print copies")
    # The chosen items come first, in the order chosen, and only they are fields.
    boxes = page.locator("#your-items input[name^='qty_']")
    expect(boxes).to_have_count(2)
    expect(page.locator("#your-items label").nth(0)).to_contain_text("Look Beneath the Surface brochure, Spanish")
    expect(page.locator("#your-items label").nth(1)).to_contain_text("Hotline clue card, English")
    expect(page.get_by_role("link", name="Add more materials")).to_have_attribute("href", "/materials/")
    assert_accessible_22(page)
    shoot(page, width, "4-order")

    # Quantities only, then Enter: the errors are listed, and the typed copies and the order of items stay.
    type_into(page, "Look Beneath the Surface brochure, Spanish", "25")
    type_into(page, "Hotline clue card, English", "40")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="There is a problem with this form")).to_be_visible()
    assert page.title().startswith("Error: ")
    expect(page.get_by_label("Look Beneath the Surface brochure, Spanish")).to_have_value("25")
    expect(page.locator("#your-items label").nth(0)).to_contain_text("Look Beneath the Surface brochure, Spanish")
    assert_accessible_22(page)
    shoot(page, width, "5-errors")

    type_into(page, "Your name", "Ana Reyes")
    type_into(page, "Organization name", "Kent County Free Clinic")
    tab_until(page, lambda state: state["id"].startswith("id_organization_type"))
    page.keyboard.press("Space")  # the first choice, Health care
    type_into(page, "Email address", "ana@example.org")
    type_into(page, "Phone number", "302-555-0123")
    type_into(page, "Street address", "1 Clinic Way", exact=True)
    type_into(page, "City, town, or military post office", "Dover")
    tab_to_field(page, "State, territory, or military region")
    page.keyboard.type("Delaware")
    type_into(page, "ZIP code", "19901")
    type_into(page, "How will you use these materials?", "Waiting room and staff training.")
    expect(page.get_by_label("Health care", exact=True)).to_be_checked()
    expect(page.get_by_label("State, territory, or military region")).to_have_value("DE")
    form_fields = page.evaluate("() => Object.fromEntries(new FormData(document.getElementById('order-form')))")
    shoot(page, width, "6-filled")
    tab_to_control(page, r"^Place order$")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your order is received")
    expect(page.get_by_text(re.compile(r"RR-\d{4}-\d{6}")).first).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="RR-LBS-BRO-ES")).to_contain_text("25")
    expect(rows.filter(has_text="RR-CLUE-EN")).to_contain_text("40")
    assert_accessible_22(page)
    shoot(page, width, "7-confirmation")

    # The same form sent again (a double click, a retry after a timeout): the same order, not a second one.
    again = page.request.post(site.url + "/materials/order/", form=form_fields, headers={"Referer": site.url})
    assert again.ok
    assert again.url == page.url
    assert Order.objects.exclude(reference__startswith="RR-DEMO-").count() == 1  # seed_demo adds demo orders
    # Placing the order emptied the list.
    page.goto(site.url + "/materials/order/")
    expect(page.get_by_text("You have not chosen any items yet")).to_be_visible()


def test_removing_an_item_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/materials/hotline-clue-card/")
    page.get_by_role("button", name=re.compile(r"^Add to my order\W+Hotline clue card, Spanish$")).click()
    page.get_by_role("button", name=re.compile(r"^Add to my order\W+Hotline clue card, English$")).click()
    page.get_by_role("link", name="Go to my order").click()
    expect(page.locator("#your-items input[name^='qty_']")).to_have_count(2)
    page.get_by_role("button", name=re.compile(r"^Remove\W+Hotline clue card, Spanish$")).click()
    expect(page.get_by_text("was removed from your order")).to_be_visible()
    expect(page.locator("#your-items input[name^='qty_']")).to_have_count(1)
    expect(page.get_by_label("Hotline clue card, English")).to_have_value("1")
    context.close()
