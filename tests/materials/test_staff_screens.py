"""What fulfilment staff see: workflow steps as buttons, no Save where nothing is edited, styled report, slips."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from materials.models import Order
from tests.factories.materials import EditionFactory, OrderFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def actions(response):
    """(text, is_primary) of each workflow action button on the page, in order."""
    html = response.content.decode()
    section = re.search(r'<section class="rr-actions".*?</section>', html, re.S)
    if section is None:
        return []
    return [
        (text.strip(), "rr-action--secondary" not in classes)
        for classes, text in re.findall(r'class="(rr-action[^"]*)">([^<]+)</a>', section.group(0))
    ]


def test_order_steps_are_action_buttons_apart_from_history_and_there_is_no_save(client, staff_fulfilment):
    order = OrderFactory(status=Order.Status.RECEIVED)
    sign_in(client, staff_fulfilment)
    response = client.get(f"/admin/materials/order/{order.pk}/change/")
    assert response.status_code == 200
    assert actions(response) == [("Approve", True), ("Cancel", False)]
    tools = re.search(r'<ul class="object-tools">.*?</ul>', response.content.decode(), re.S).group(0)
    assert "History" in tools
    assert "Approve" not in tools  # the steps are not among the grey tools any more
    assertNotContains(response, 'name="_save"')
    assertNotContains(response, 'name="_continue"')


def test_an_approved_order_offers_shipping_first(client, staff_fulfilment):
    order = OrderFactory(status=Order.Status.APPROVED)
    sign_in(client, staff_fulfilment)
    assert actions(client.get(f"/admin/materials/order/{order.pk}/change/")) == [
        ("Mark shipped", True),
        ("Cancel", False),
    ]


def test_packing_slip_gives_the_division_phone_number(client, staff_fulfilment):
    order = OrderFactory()
    sign_in(client, staff_fulfilment)
    response = client.get(f"/admin/materials/order/packing-slips/?id={order.pk}")
    assertContains(response, "202-205-5778")
    assertContains(response, "https://rescue-restore.example.gov/contact/")
    assertNotContains(response, "Call the Division or")


def test_report_and_workflow_pages_use_the_admin_breadcrumbs(client, staff_fulfilment):
    order = OrderFactory(status=Order.Status.RECEIVED)
    sign_in(client, staff_fulfilment)
    for url in [
        "/admin/materials/order/reports/shipped/",
        f"/admin/materials/order/{order.pk}/step/approve/",
        f"/admin/materials/order/packing-slips/?id={order.pk}",
    ]:
        response = client.get(url)
        # Django 6 styles <ol class="breadcrumbs"> only; the old <div> showed as bare links.
        assertContains(response, '<ol class="breadcrumbs">')
        assertNotContains(response, '<div class="breadcrumbs">')
        assertContains(response, '<li aria-current="page">', count=1)


def test_recording_a_stock_movement_is_an_action_button(client, staff_fulfilment):
    edition = EditionFactory()
    sign_in(client, staff_fulfilment)
    response = client.get(f"/admin/materials/edition/{edition.pk}/change/")
    assert actions(response) == [("Record a stock movement", True)]
    assertContains(response, f'href="/admin/materials/edition/{edition.pk}/stock/"')


def test_material_slug_help_shows_a_real_address(client, staff_editor):
    sign_in(client, staff_editor)
    response = client.get("/admin/materials/material/add/")
    assertContains(response, "/materials/this-slug/")
    assertNotContains(response, "/materials//")
