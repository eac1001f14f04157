"""Fulfilment in a real browser: sign in, approve, ship with a tracking number; the requester sees it."""

import json

import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from materials import services
from materials.models import Edition, Order
from rescue_restore.accounts import roles
from tests.browser.conftest import assert_accessible
from tests.materials.conftest import VALID_DETAILS
from tests.signin import current_code


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Demo covers are drawn into a temporary folder, not var/media (autouse: before `site` seeds)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def test_fulfilment_approves_and_ships_and_the_requester_sees_the_tracking_number(
    site, page, no_third_party_requests, django_user_model
):
    clerk = django_user_model.objects.create_user(
        "clerk", "clerk@rescue-restore.example.gov", "a-long-test-password-1", is_staff=True
    )
    clerk.groups.add(Group.objects.get(name=roles.FULFILMENT))
    app = TOTPDevice.objects.create(user=clerk, name="Phone", confirmed=True)
    edition = Edition.objects.get(item_code="RR-CLUE-EN")
    order = services.place_order(
        {**VALID_DETAILS, "needed_by": None}, {edition.pk: 40}, "browser-fulfilment-token-0001"
    ).order
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(site.url + "/admin/")
    page.get_by_label("Username").fill("clerk")
    page.get_by_label("Password").fill("a-long-test-password-1")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(current_code(app))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Staff dashboard")).to_be_visible()
    expect(page.get_by_text("Orders to approve")).to_be_visible()

    page.goto(f"{site.url}/admin/materials/order/?q={order.reference}")
    page.get_by_role("link", name=order.reference).click()
    page.get_by_role("link", name="Approve", exact=True).click()
    page.get_by_label("Note to the requester (optional)").fill("Approved: thank you for your outreach.")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text(f"order {order.reference} is now approved")

    page.get_by_role("link", name="Mark shipped").click()
    page.get_by_label("Carrier").select_option("UPS")
    page.get_by_label("Tracking number").fill("1Z999AA10123456784")
    page.get_by_role("button", name="Mark shipped").click()
    expect(page.locator(".messagelist")).to_contain_text(f"order {order.reference} is now shipped")
    # The history on the order page shows both steps and who took them.
    expect(page.get_by_text("Approved: thank you for your outreach.")).to_be_visible()
    expect(page.get_by_text("Shipped with UPS, tracking number 1Z999AA10123456784.")).to_be_visible()
    assert blocked == []

    order.refresh_from_db()
    assert order.status == Order.Status.SHIPPED
    page.goto(site.url + order.get_absolute_url())
    expect(page.locator("[data-order-status]")).to_have_text("Shipped")
    expect(page.get_by_text("1Z999AA10123456784")).to_be_visible()
    assert_accessible(page)


def test_fulfilment_daily_pages_pass_axe_and_the_steps_look_like_buttons(site, page, staff_fulfilment):
    from tests.browser.test_admin import admin_violations, sign_in_as

    order = Order.objects.filter(status=Order.Status.RECEIVED).first()
    edition = Edition.objects.get(item_code="RR-CLUE-EN")
    sign_in_as(page, site, staff_fulfilment)
    paths = [
        "/admin/",
        "/admin/materials/order/",
        f"/admin/materials/order/{order.pk}/change/",
        "/admin/materials/edition/",
        f"/admin/materials/edition/{edition.pk}/stock/",
        "/admin/materials/order/reports/shipped/",
    ]
    # The list filters were 117 targets under 24 px (WCAG 2.2, 2.5.8) across the order, request and edition lists.
    failures = admin_violations(page, site, paths)
    assert failures == {}, json.dumps(failures, indent=2)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site.url}/admin/materials/order/{order.pk}/change/")
    approve = page.get_by_role("link", name="Approve", exact=True)
    history = page.get_by_role("link", name="History")
    approve_box, history_box = approve.bounding_box(), history.bounding_box()
    assert approve_box["height"] >= 40  # a real button, not a 20 px pill
    assert approve_box["height"] > history_box["height"]
    colour = approve.evaluate("a => getComputedStyle(a).backgroundColor")
    assert colour != history.evaluate("a => getComputedStyle(a).backgroundColor")
    cancel = page.get_by_role("link", name="Cancel", exact=True)
    assert cancel.evaluate("a => getComputedStyle(a).backgroundColor") == "rgba(0, 0, 0, 0)"  # outlined: secondary
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    # The report's breadcrumb is the admin's dark bar, like every other admin page.
    page.goto(site.url + "/admin/materials/order/reports/shipped/")
    bar = page.locator(".breadcrumbs").evaluate("b => getComputedStyle(b).backgroundColor")
    assert bar not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
