"""The order form under hostile and mistaken input: clear errors, nothing stored, nothing reserved."""

import pytest

from materials.models import Edition, Order
from rescue_restore.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def assert_refused(response, field, message):
    assert response.status_code == 400, response.status_code
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert any(message in error for error in form.errors[field]), form.errors[field]
    assert "There is a problem with this form" in response.content.decode()
    assert Order.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_form_lists_the_chosen_item_and_prefills_it_from_a_material(client, brochure):
    _material, english, spanish = brochure
    response = client.get(f"/materials/order/?item={spanish.item_code}")
    form = response.context["form"]
    assert form[f"qty_{spanish.pk}"].value() == 1
    # Only chosen items are fields (the order page used to build one per orderable edition).
    assert f"qty_{english.pk}" not in form.fields
    html = response.content.decode()
    assert "Privacy Act statement" in html
    assert html.index("Privacy Act statement") < html.index("Place order")
    assert 'name="submission_token"' in html


def test_download_only_and_unpublished_editions_cannot_be_chosen(client, brochure):
    _material, english, spanish = brochure
    english.is_orderable = False
    english.save()
    form = client.get(f"/materials/order/?item={english.item_code}&item={spanish.item_code}").context["form"]
    assert [edition.pk for edition in form.editions] == [spanish.pk]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "Enter 0 or more copies."),
        ("2.5", "Enter a whole number of copies"),
        ("ten", "Enter a whole number of copies"),
        ("1e3", "Enter a whole number of copies"),
        (str(10**9), "up to 100 copies of this item"),
        ("101", "up to 100 copies of this item"),
    ],
)
def test_bad_quantities_are_refused(client, order_post, brochure, value, message):
    _material, english, _spanish = brochure
    data = order_post({})
    data[f"qty_{english.pk}"] = value
    response = client.post("/materials/order/", data)
    assert_refused(response, f"qty_{english.pk}", message)
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 500


def test_zero_everywhere_is_a_clear_error(client, order_post, brochure):
    _material, english, spanish = brochure
    response = client.post("/materials/order/", order_post({english: 0, spanish: ""}))
    assert response.status_code == 400
    assert "Choose at least one item" in response.content.decode()
    assert Order.objects.count() == 0


def test_the_same_quantity_field_twice_is_refused(client, order_post, brochure):
    _material, english, _spanish = brochure
    data = order_post({})
    body = "&".join(f"{key}={value}" for key, value in data.items() if key != f"qty_{english.pk}")
    body += f"&qty_{english.pk}=1&qty_{english.pk}=500"
    response = client.post("/materials/order/", body, content_type="application/x-www-form-urlencoded")
    assert_refused(response, f"qty_{english.pk}", "Enter one quantity for this item.")


def test_more_than_the_stock_left_is_refused_before_anything_is_reserved(client, order_post, brochure):
    _material, english, spanish = brochure
    response = client.post("/materials/order/", order_post({english: 10, spanish: 4}))
    assert_refused(response, f"qty_{spanish.pk}", "Only 3 copies are left")
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 500


def test_out_of_stock_edition_is_marked_and_cannot_be_ordered(client, order_post, brochure):
    _material, english, spanish = brochure
    client.get(f"/materials/order/?item={spanish.item_code}")  # chosen while in stock
    Edition.objects.filter(pk=spanish.pk).update(stock_on_hand=0)
    html = client.get("/materials/order/").content.decode()
    field_html = html.split(f'id="id_qty_{spanish.pk}-hint"')[1].split("</div>")[0]
    assert "Out of stock" in field_html
    assert f'name="qty_{spanish.pk}"' in html.split(f'id="id_qty_{spanish.pk}"')[0].rsplit("<input", 1)[1]
    assert "disabled" in html.split(f'id="id_qty_{spanish.pk}"')[0].rsplit("<input", 1)[1]
    response = client.post("/materials/order/", order_post({english: 1, spanish: 2}))
    assert_refused(response, f"qty_{spanish.pk}", "This item is out of stock")
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 500


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"state": "XX"}, "state", "Select a valid choice"),
        ({"state": "<script>"}, "state", "Select a valid choice"),
        ({"state": "ZZ", "zip_code": "20201"}, "state", "Select a valid choice"),
        ({"state": "CA", "zip_code": "20201"}, "zip_code", "not in California"),
        ({"state": "NY", "zip_code": "90210"}, "zip_code", "not in New York"),
        ({"state": "PR", "zip_code": "20201"}, "zip_code", "not in Puerto Rico"),
        ({"zip_code": "2020"}, "zip_code", "Enter a zip code"),
        ({"zip_code": "20201-12"}, "zip_code", "Enter a zip code"),
        ({"state": "AE", "city": "Berlin", "zip_code": "09001"}, "city", "enter APO, FPO or DPO"),
        ({"state": "VA", "city": "APO", "zip_code": "22201"}, "state", "use AA, AE or AP"),
        ({"state": "AP", "city": "FPO", "zip_code": "20201"}, "zip_code", "not in Armed Forces Pacific"),
        ({"phone": "555-0123"}, "phone", "with its area code"),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"needed_by": "2001-01-01"}, "needed_by", "cannot be in the past"),
        ({"needed_by": "next week"}, "needed_by", "Enter a valid date."),
        ({"organization_type": "government"}, "organization_type", "Select a valid choice"),
        ({"name": ""}, "name", "This field is required."),
        ({"intended_use": "x" * 1001}, "intended_use", "at most 1000 characters"),
        ({"intended_use": "bell\x07"}, "intended_use", "control characters"),
        ({"address_line1": "1 Main St\x00"}, "address_line1", "Null characters are not allowed."),
    ],
)
def test_address_and_contact_rules(client, order_post, brochure, changes, field, message):
    _material, english, _spanish = brochure
    response = client.post("/materials/order/", order_post({english: 5}, **changes))
    assert_refused(response, field, message)


@pytest.mark.parametrize(
    "changes",
    [
        {"state": "DC", "zip_code": "20201-0001"},
        {"state": "NY", "city": "Fishers Island", "zip_code": "06390"},
        {"state": "AK", "city": "Juneau", "zip_code": "99801"},
        {"state": "PR", "city": "San Juan", "zip_code": "00901"},
        {"state": "VI", "city": "St. Thomas", "zip_code": "00802"},
        {"state": "GU", "city": "Hagatna", "zip_code": "96910"},
        {"state": "AS", "city": "Pago Pago", "zip_code": "96799"},
        {"state": "MP", "city": "Saipan", "zip_code": "96950"},
        {"state": "FM", "city": "Pohnpei", "zip_code": "96941"},
        {"state": "AE", "city": "APO", "zip_code": "09001"},
        {"state": "AP", "city": "fpo", "zip_code": "96601"},
        {"state": "AA", "city": "DPO", "zip_code": "34001"},
    ],
)
def test_states_territories_and_military_addresses_are_accepted(client, order_post, brochure, changes):
    _material, english, _spanish = brochure
    response = client.post("/materials/order/", order_post({english: 5}, **changes))
    assert response.status_code == 302, response.context["form"].errors
    order = Order.objects.get()
    assert order.state == changes["state"]
    if changes["state"] in {"AA", "AE", "AP"}:
        assert order.city == changes["city"].upper()


@pytest.mark.parametrize("field", ["name", "organization", "email", "phone", "address_line1", "address_line2", "city"])
def test_line_breaks_in_fields_that_reach_emails_are_refused(client, order_post, brochure, field):
    _material, english, _spanish = brochure
    value = {"email": "ana@example.org\r\nBcc: victim@example.org"}.get(field, "Ana\r\nBcc: victim@example.org")
    response = client.post("/materials/order/", order_post({english: 5}, **{field: value}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Order.objects.count() == 0


def test_injected_extra_fields_are_ignored(client, order_post, brochure):
    _material, english, _spanish = brochure
    data = order_post({english: 5})
    data.update(
        status="shipped",
        price="0.01",
        reference="RR-1999-000001",
        status_token="chosen-by-attacker",
        stock_on_hand="0",
        qty_999999="5",
        review_reasons="none",
    )
    assert client.post("/materials/order/", data).status_code == 302
    order = Order.objects.get()
    assert order.status == Order.Status.RECEIVED
    assert order.reference != "RR-1999-000001"
    assert order.status_token != "chosen-by-attacker"
    assert list(order.items.values_list("edition_id", "quantity")) == [(english.pk, 5)]


def test_script_typed_into_fields_is_stored_as_text_and_shown_escaped(
    client, order_post, brochure, mailoutbox, django_capture_on_commit_callbacks
):
    _material, english, _spanish = brochure
    script = "<script>alert(1)</script>"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/materials/order/", order_post({english: 5}, name=script, intended_use=f"{script} & <b>bold</b>")
        )
    order = Order.objects.get()
    assert order.name == script
    page = client.get(response["Location"]).content.decode()
    assert script not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for email in mailoutbox:
        html = email.alternatives[0][0]
        assert "<script>" not in html
        assert "&lt;script&gt;" in html


def test_script_in_a_refused_form_is_escaped(client, order_post, brochure):
    _material, english, _spanish = brochure
    response = client.post("/materials/order/", order_post({english: 5}, email="<script>alert(1)</script>"))
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_empty_post_is_a_clear_error_not_a_crash(client, brochure):
    response = client.post("/materials/order/", {})
    assert response.status_code == 400
    assert Order.objects.count() == 0
    assert "Error: " in response.content.decode().split("</title>")[0]


def test_missing_or_forged_submission_token_is_refused(client, order_post, brochure):
    _material, english, _spanish = brochure
    data = order_post({english: 5})
    data["submission_token"] = ""
    assert_refused(client.post("/materials/order/", data), "submission_token", "Reload the page")
    data["submission_token"] = "short"
    assert_refused(client.post("/materials/order/", data), "submission_token", "Reload the page")


def test_filled_honeypot_is_refused(client, order_post, brochure):
    _material, english, _spanish = brochure
    response = client.post("/materials/order/", order_post({english: 5}, website="http://spam.example"))
    assert response.status_code == 400
    assert Order.objects.count() == 0


def test_orders_are_rate_limited(client, order_post, brochure):
    _material, english, _spanish = brochure
    for _ in range(10):
        client.post("/materials/order/", order_post({english: 1}))
    assert client.post("/materials/order/", order_post({english: 1})).status_code == 429
    assert Order.objects.count() == 10


def test_chosen_items_are_listed_first_and_stay_in_place_after_an_error(client, order_post, brochure):
    _material, english, spanish = brochure
    client.get(f"/materials/order/?item={spanish.item_code}")
    form = client.get(f"/materials/order/?item={english.item_code}").context["form"]
    assert [edition.pk for edition in form.editions] == [spanish.pk, english.pk]
    response = client.post("/materials/order/", order_post({spanish: 1, english: 2}, name=""))
    assert [edition.pk for edition in response.context["form"].editions] == [spanish.pk, english.pk]


@pytest.mark.parametrize(
    "key", ["qty_²", "qty_\u0661", "qty_\U0001d7d9", "qty_ 1", "qty_-1", "qty_99999999999", "qty_1x"]
)
def test_odd_quantity_names_are_ignored_not_a_crash(client, order_post, brochure, key):
    _material, english, _spanish = brochure
    data = order_post({english: 5})
    data[key] = "5"
    response = client.post("/materials/order/", data)
    assert response.status_code == 302
    assert list(Order.objects.get().items.values_list("edition_id", "quantity")) == [(english.pk, 5)]


def test_an_item_withdrawn_after_the_form_was_shown_is_an_error_not_silently_dropped(client, order_post, brochure):
    _material, english, spanish = brochure
    data = order_post({english: 1, spanish: 2})
    Edition.objects.filter(pk=spanish.pk).update(is_orderable=False)
    response = client.post("/materials/order/", data)
    assert_refused(response, f"qty_{spanish.pk}", "can no longer be ordered in print")
    assert "No longer available in print" in response.content.decode()
    assert Edition.objects.get(pk=english.pk).stock_on_hand == 500

    data[f"qty_{spanish.pk}"] = "0"
    response = client.post("/materials/order/", data)
    assert response.status_code == 302
    assert list(Order.objects.get().items.values_list("edition_id", "quantity")) == [(english.pk, 1)]


def test_a_withdrawn_item_posted_with_zero_is_not_listed(client, order_post, brochure):
    _material, english, spanish = brochure
    Edition.objects.filter(pk=spanish.pk).update(is_orderable=False)
    response = client.post("/materials/order/", order_post({english: 1, spanish: 0}, name=""))
    assert [edition.pk for edition in response.context["form"].editions] == [english.pk]
