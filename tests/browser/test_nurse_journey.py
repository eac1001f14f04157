"""A nurse's journey, home → audience page → material → order, never through a page that only links onward.

At 375 px and 1280 px, in English and in Spanish. Each page on the way must carry content of its own
(GOV.UK: no pages that only link onward); "Add to my order" shows its message at the item the view
returns to; the confirmation's table is stacked on a phone, one cell per line, no word split.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

JOURNEY = {
    "en": {
        "prefix": "",
        "audience_button": "Resources for health care providers",
        "audience_heading": "For health care providers",
        "material": "Tool kit for health care providers",
        "add": r"^Add to my order\W+Tool kit for health care providers, English$",
        "added": "was added to your order",
        "go_to_order": "Go to my order",
        "fields": {
            "Your name": "Rosa Diaz",
            "Organization name": "Kent County Free Clinic",
            "Email address": "rosa@example.org",
            "Phone number": "302-555-0123",
            "Street address": "1 Clinic Way",
            "City, town, or military post office": "Dover",
            "ZIP code": "19901",
            "How will you use these materials?": "Staff training for our nurses.",
        },
        "health_care": "Health care",
        "state": "State, territory, or military region",
        "place": "Place order",
        "received": "Thank you, your order is received",
        "column_names": ["Item", "Language", "Copies"],
    },
    "es": {
        "prefix": "/es",
        "audience_button": "Recursos para proveedores de atención médica",
        "audience_heading": "Para proveedores de atención médica",
        "material": "Kit de herramientas para proveedores de atención médica",
        "add": r"^Agregar a mi pedido\W+Kit de herramientas para proveedores de atención médica, Español$",
        "added": "Se agregó",
        "go_to_order": "Ir a mi pedido",
        "fields": {
            "Su nombre": "Rosa Díaz",
            "Nombre de la organización": "Clínica Comunitaria de Dover",
            "Dirección de correo electrónico": "rosa@example.org",
            "Número de teléfono": "302-555-0123",
            "Dirección": "1 Clinic Way",
            "Ciudad, pueblo u oficina postal militar": "Dover",
            "Código postal (ZIP)": "19901",
            "¿Cómo usará estos materiales?": "Capacitación de nuestras enfermeras.",
        },
        "health_care": "Atención médica",
        "state": "Estado, territorio o región militar",
        "place": "Hacer el pedido",
        "received": "Gracias, recibimos su pedido",
        "column_names": ["Artículo", "Idioma", "Copias"],
    },
}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Demo covers are drawn into a temporary folder, not var/media (autouse: before `site` seeds)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def assert_has_its_own_content(page, least_words=60):
    """The main content has words of its own, beyond the links it offers."""
    words = page.evaluate(
        """() => {
            const main = document.querySelector("main").cloneNode(true);
            main.querySelectorAll("a, nav, form, button").forEach((element) => element.remove());
            return main.innerText.split(/\\s+/).filter((word) => /\\w/.test(word)).length;
        }"""
    )
    assert words >= least_words, f"{page.url}: only {words} words outside links"


def _shoot(page, language, width, step):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"nurse-journey-{language}-{width}-{step}.png"), full_page=True)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_nurse_goes_from_home_to_an_order_through_pages_with_content(
    site, page, no_third_party_requests, language, width
):
    words = JOURNEY[language]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url + words["prefix"] + "/")
    assert_has_its_own_content(page)

    # Home → the audience page itself, not a list of one link.
    page.get_by_role("link", name=words["audience_button"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/pages/health-care-providers/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(words["audience_heading"])
    assert_has_its_own_content(page, least_words=300)

    # Audience page → one of its materials.
    page.locator(".rr-related").get_by_role("link", name=words["material"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["material"])
    assert_has_its_own_content(page, least_words=30)

    # "Add to my order": the message is at the item, where the view returns, and in sight.
    page.get_by_role("button", name=re.compile(words["add"])).click()
    message = page.locator(".rr-item-message")
    expect(message).to_contain_text(words["added"])
    expect(message).to_be_in_viewport()
    _shoot(page, language, width, "added")

    page.get_by_role("link", name=words["go_to_order"]).click()
    page.locator("#your-items input[name^='qty_']").first.fill("10")
    for label, value in words["fields"].items():
        # The street address's label is also the start of another ("Dirección de correo electrónico").
        page.get_by_label(label, exact=label in {"Street address", "Dirección"}).fill(value)
    # The radio's own label (an item's label, "Tool kit for health care providers…", also holds the words).
    page.locator("label", has_text=re.compile(rf"^\s*{words['health_care']}\s*$")).click()
    page.get_by_label(words["state"]).select_option("DE")
    page.get_by_role("button", name=words["place"]).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(words["received"])
    assert_has_its_own_content(page)
    table = page.locator("main table")
    if width == 375:
        # Stacked: the column names sit beside each value, and no cell splits a word to fit.
        expect(table.locator("thead")).to_be_hidden()
        labels = table.locator("tbody tr").first.locator("[data-label]")
        expect(labels).to_have_count(3)
        assert [labels.nth(i).get_attribute("data-label") for i in range(3)] == words["column_names"]
    split = page.evaluate(
        """() => [...document.querySelectorAll("main table th, main table td")].filter((cell) => {
            const range = document.createRange();
            return [...cell.childNodes].some((node) => {
                if (node.nodeType !== Node.TEXT_NODE) return false;
                for (const match of node.textContent.matchAll(/[\\p{L}]{4,}/gu)) {
                    range.setStart(node, match.index);
                    range.setEnd(node, match.index + match[0].length);
                    if (range.getClientRects().length > 1) return true;
                }
                return false;
            });
        }).map((cell) => cell.innerText)"""
    )
    assert split == [], f"words split across lines: {split}"
    _shoot(page, language, width, "confirmation")
