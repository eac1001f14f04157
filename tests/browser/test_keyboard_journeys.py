"""The coalition request and the email sign-up, completed with the keyboard alone, focus always visible.

Every Tab stop is checked: the focused element shows a focus indicator (WCAG 2.4.7) and is
not hidden under the quick-exit band (2.4.11). A failed submit puts focus on the error summary.
Screenshots of each step go to var/screenshots/browser/. One seeded database for the module.
"""

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.screens import screenshot

FOCUS_STATE = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return {ok: false, why: 'nothing has focus'};
  const shows = (style) => (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || (style.boxShadow && style.boxShadow !== 'none');
  // USWDS checkboxes and radios hide the input and draw its box, and its focus ring, on the label.
  const drawn = element.matches('.usa-checkbox__input, .usa-radio__input') && element.labels.length
    ? element.labels[0] : element;
  const style = drawn === element ? getComputedStyle(element) : getComputedStyle(drawn, '::before');
  // A wrapped link has a box per line; its overall rectangle's centre may fall between them.
  const box = [...drawn.getClientRects()].find((rect) => rect.width >= 2 && rect.height >= 2)
    || drawn.getBoundingClientRect();
  const onScreen = box.bottom > 0 && box.top < innerHeight;
  // Not obscured (2.4.11): what is drawn at the centre of the focused control is the control.
  // (At the centre of its part inside the window: the browser may scroll a control only just into view.)
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
  const hit = onScreen ? document.elementFromPoint(box.left + box.width / 2, (top + bottom) / 2) : null;
  const underBand = onScreen && !(hit && (drawn.contains(hit) || element.contains(hit)));
  const name = `${element.tagName.toLowerCase()}#${element.id} ${(element.textContent || '').trim().slice(0, 30)}`;
  const why = `${name}: indicator=${shows(style)} onScreen=${onScreen} obscured=${underBand}`
    + ` by ${hit && hit.outerHTML.slice(0, 60)}`;
  return {ok: shows(style) && onScreen && !underBand, why, id: element.id,
          summary: element.hasAttribute('data-error-summary')};
}
"""


# True once nothing animates and the scroll position is the one of the previous check
# (wait_for_function checks once per animation frame).
SETTLED = """
() => {
  const position = `${scrollX},${scrollY}`;
  const still = window.rrTestLastScroll === position;
  window.rrTestLastScroll = position;
  return still && !document.getAnimations().some((animation) => animation.playState === 'running');
}
"""


def focus_state(page):
    """FOCUS_STATE once the page has settled: the skip link slides in; smooth scrolling may still be moving.

    A state that is not ok is read again once the page's animations and transitions have
    finished and its scroll position stays put for a frame (or after 5 s if they never do).
    """
    state = page.evaluate(FOCUS_STATE)
    if not state["ok"]:
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(SETTLED, timeout=5000)
        state = page.evaluate(FOCUS_STATE)
    return state


def tab_to(page, element_id, limit=120):
    """Press Tab until the element with this id has focus, checking every stop on the way."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focus_state(page)
        assert state["ok"], state["why"]
        if state["id"] == element_id:
            return
    pytest.fail(f"#{element_id} was not reached with Tab")


def type_into(page, element_id, text):
    tab_to(page, element_id)
    page.keyboard.type(text)


def tick(page, element_id):
    tab_to(page, element_id)
    page.keyboard.press("Space")
    expect(page.locator(f"#{element_id}")).to_be_checked()


def submit(page, button_id):
    tab_to(page, button_id)
    page.keyboard.press("Enter")


def assert_focus_on_error_summary(page):
    expect(page.get_by_role("heading", name="There is a problem with this form")).to_be_visible()
    state = focus_state(page)
    assert state["summary"], f"focus is on {state['why']}, not the error summary"
    assert state["ok"], state["why"]


@pytest.mark.parametrize("width", [375, 1280])
def test_coalition_request_by_keyboard(seeded_site, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(seeded_site.url + "/coalitions/request/")
    # Sent empty first: focus lands on the error summary.
    submit(page, "send-request")
    assert_focus_on_error_summary(page)
    screenshot(page, "journey-coalition-request-errors", width)

    # The first radio of the group has focus; the affiliation path is already chosen.
    type_into(page, "id_community", "Peoria")
    tab_to(page, "id_state")
    page.keyboard.type("Illinois")
    expect(page.locator("#id_state")).to_have_value("IL")
    type_into(page, "id_coalition_name", "Peoria Freedom Network")
    type_into(page, "id_contact_name", "Dana Whitfield")
    type_into(page, "id_email", f"dana-{width}@example.org")  # one open request per address: the database is shared
    type_into(page, "id_member_count", "12")
    tick(page, "id_member_sectors_1")
    tick(page, "id_member_sectors_3")
    tab_to(page, "id_task_force_exists_0")
    page.keyboard.press("Space")
    expect(page.locator("#id_task_force_exists_0")).to_be_checked()
    tick(page, "id_covers_sex_and_labor_trafficking")
    screenshot(page, "journey-coalition-request-filled", width)
    submit(page, "send-request")
    # The request sends two emails before it answers: give a busy machine time.
    expect(page.get_by_role("heading", level=1)).to_have_text("Request received", timeout=20000)
    screenshot(page, "journey-coalition-request-received", width)


@pytest.mark.parametrize("width", [375, 1280])
def test_listserv_sign_up_by_keyboard(seeded_site, page, width, mailoutbox):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(seeded_site.url + "/listserv/")
    submit(page, "subscribe")
    assert_focus_on_error_summary(page)
    screenshot(page, "journey-sign-up-errors", width)

    type_into(page, "id_email", f"ana-{width}@example.org")
    type_into(page, "id_name", "Ana")
    tick(page, "id_topics_0")
    screenshot(page, "journey-sign-up-filled", width)
    submit(page, "subscribe")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email", timeout=20000)
    screenshot(page, "journey-sign-up-check-email", width)
    assert len(mailoutbox) == 1
