"""Fixtures for the materials tests: media in a temporary folder, a small catalog, order data."""

import pytest

from tests.factories.materials import EditionFactory, MaterialFactory

VALID_DETAILS = {
    "name": "Ana Reyes",
    "organization": "County clinic",
    "organization_type": "health-care",
    "email": "ana@example.org",
    "phone": "202-555-0123",
    "address_line1": "200 Independence Ave SW",
    "address_line2": "",
    "city": "Washington",
    "state": "DC",
    "zip_code": "20201",
    "intended_use": "Posters for our waiting room.",
    "needed_by": "",
}


@pytest.fixture(autouse=True)
def media_storage(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder, never to var/media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def brochure(db):
    """A published brochure in English (plenty of stock) and Spanish (3 copies left)."""
    material = MaterialFactory(title="Look Beneath the Surface", slug="look-beneath-the-surface")
    english = EditionFactory(material=material, language="en", item_code="RR-LBS-EN", stock_on_hand=500)
    spanish = EditionFactory(material=material, language="es", item_code="RR-LBS-ES", stock_on_hand=3)
    return material, english, spanish


@pytest.fixture
def order_post(form_data):
    """POST data for the order form: details plus ``{edition: quantity}`` and a fresh token."""
    counter = iter(range(1_000_000))

    def build(quantities, token=None, **changes):
        data = form_data(**{**VALID_DETAILS, **changes})
        data["submission_token"] = token or f"test-token-{next(counter):012d}-abcdefgh"
        for edition, quantity in quantities.items():
            data[f"qty_{edition.pk}"] = str(quantity)
        return data

    return build


@pytest.fixture
def placed_order(brochure):
    """Place real orders through the service (20 English copies reserved each)."""
    from materials import services

    _material, english, _spanish = brochure
    details = {**VALID_DETAILS, "needed_by": None}
    counter = iter(range(1_000_000))

    def place(status=None, **changes):
        token = f"placed-order-token-{next(counter):08d}-abcdefgh"
        order = services.place_order({**details, **changes}, {english.pk: 20}, token).order
        if status is not None:
            type(order).objects.filter(pk=order.pk).update(status=status)
            order.refresh_from_db()
        return order

    return place


def leave_copies_under_the_lock(monkeypatch, copies, edition=None):
    """The order's last check, under the row lock, finds only ``copies`` left (of ``edition``, else of
    every edition it locked): as if another order took the rest just before."""
    from materials import stock

    original = stock.order_problems

    def someone_else_ordered_first(editions, quantities):
        for locked in editions:
            if edition is None or locked.pk == edition.pk:
                locked.stock_on_hand = copies
        return original(editions, quantities)

    monkeypatch.setattr(stock, "order_problems", someone_else_ordered_first)
