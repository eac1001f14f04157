"""The page chrome every public page shares: quick exit, navigation, banner, and the public forms' wording."""

import re

import pytest

from campaign.models import Section
from tests.factories.campaign import PageFactory

pytestmark = pytest.mark.django_db


def _nav_links(html):
    nav = re.search(r'<nav aria-label="Primary navigation".*?</nav>', html, re.S).group(0)
    return re.findall(r"<a [^>]*>", nav)


def _current_items(html):
    return [link for link in _nav_links(html) if 'aria-current="page"' in link]


def test_quick_exit_follows_the_gov_uk_component(client):
    html = client.get("/").content.decode()
    button = re.search(r"<a [^>]*data-quick-exit[^>]*>.*?</a>", html, re.S).group(0)
    assert 'rel="nofollow noreferrer"' in button
    assert '<span class="usa-sr-only">Emergency</span> Exit this page' in button
    assert 'href="https://www.weather.gov/"' in button
    # The shortcut is written on the page, beside a link to the safety page.
    assert "press <kbd>Shift</kbd> three times" in html
    assert 'href="/staying-safe-online/"' in html


def test_staying_safe_online_says_what_the_button_does_and_does_not(client):
    response = client.get("/staying-safe-online/")
    assert response.status_code == 200
    html = response.content.decode()
    for words in (
        "What the button cannot do",
        "<kbd>Shift</kbd> key three times",
        "private window",
        "Clear your browsing history",
        "device the other person cannot see",
    ):
        assert words in html, words


def test_resources_menu_item_goes_to_the_resources_page(client):
    links = _nav_links(client.get("/").content.decode())
    resources = next(link for link in links if "Resources" in link or 'href="/pages/resources/"' in link)
    assert 'href="/pages/resources/"' in resources


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/materials/", "/materials/"),
        ("/coalitions/", "/coalitions/"),
        ("/coalitions/request/", "/coalitions/"),
        ("/listserv/", "/listserv/"),
        ("/listserv/archive/", "/listserv/"),
        ("/contact/", "/contact/"),
    ],
)
def test_navigation_marks_the_current_section(client, path, current):
    [item] = _current_items(client.get(path).content.decode())
    assert f'href="{current}"' in item


def test_a_page_marks_the_section_it_belongs_to(client):
    PageFactory(slug="signs-at-the-clinic", section=Section.HEALTH_CARE)
    PageFactory(slug="what-is-trafficking", section=Section.ABOUT_TRAFFICKING)
    PageFactory(slug="resources", section=Section.SITE)
    [item] = _current_items(client.get("/pages/signs-at-the-clinic/").content.decode())
    assert 'href="/pages/resources/"' in item
    [item] = _current_items(client.get("/pages/what-is-trafficking/").content.decode())
    assert 'href="/topics/about-trafficking/"' in item
    [item] = _current_items(client.get("/pages/resources/").content.decode())
    assert 'href="/pages/resources/"' in item


def test_home_and_site_pages_mark_no_section(client):
    assert _current_items(client.get("/").content.decode()) == []
    assert _current_items(client.get("/staying-safe-online/").content.decode()) == []


def test_banner_and_identifier_markup_is_valid(client):
    html = client.get("/").content.decode()
    assert 'role="img"' not in html  # an img with role="img" may not have alt=""
    assert not re.search(r"<p [^>]*aria-label", html)


def test_error_summary_can_take_focus(client, form_data):
    html = client.post("/contact/", form_data()).content.decode()
    summary = re.search(r'<div class="usa-alert usa-alert--error[^>]*data-error-summary>', html, re.S).group(0)
    assert 'tabindex="-1"' in summary


def test_optional_is_said_once(client):
    html = client.get("/listserv/").content.decode()
    label = re.search(r'<label[^>]*for="id_name".*?</label>', html, re.S).group(0)
    assert label.count("optional") == 1, label


def test_fields_required_in_some_cases_are_not_called_optional(client):
    html = client.get("/coalitions/request/").content.decode()
    label = re.search(r'<label[^>]*for="id_coalition_name".*?</label>', html, re.S).group(0)
    assert "(optional)" not in label
    assert "Required to affiliate an existing coalition" in html


def test_number_errors_are_plain_language(client, form_data):
    response = client.post("/coalitions/request/", form_data(member_count="-3", year_founded="1492"))
    errors = response.context["form"].errors
    assert errors["member_count"] == ["Number of member organizations must be 0 or more."]
    assert errors["year_founded"] == ["Year the coalition was founded must be 1900 or more."]
    assert "Ensure this value" not in response.content.decode()


def test_contact_page_has_the_privacy_act_statement_and_the_division_s_address(client):
    html = client.get("/contact/").content.decode()
    assert "Privacy Act statement" in html
    assert "330 C Street SW" in html
    assert "Washington, DC 20201" in html
    assert re.search(r'href="tel:\+1202', html)


def test_contact_success_is_announced_once(client, form_data):
    response = client.post(
        "/contact/",
        form_data(name="Ana", email="ana@example.org", topic="materials", message="Hello"),
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Your message has been sent") == 1
    assert 'role="status"' not in html
