"""The staff dashboard's layout rules and the Markdown preview endpoint behind the editors."""

import pytest
from django.contrib.auth.models import Permission
from pytest_django.asserts import assertContains, assertNotContains

from tests.signin import sign_in

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/markdown-preview/"


def test_superusers_find_technical_apps_folded_away_after_the_daily_ones(client, superuser):
    sign_in(client, superuser)
    response = client.get("/admin/")
    html = response.content.decode()
    technical = html.index('<details class="rr-technical">')
    assert "/admin/django_tasks_database/" in html[technical:]
    assert "/admin/django_tasks_database/" not in html[:technical]
    assert "/admin/rescue_restore/outgoingemail/" not in html[:technical]
    assert "/admin/rescue_restore/outgoingemail/" in html[technical:]
    assert "/admin/materials/order/" in html[:technical]


def test_a_role_given_task_results_by_hand_still_does_not_see_them_on_the_dashboard(client, staff_fulfilment):
    staff_fulfilment.user_permissions.add(Permission.objects.get(codename="view_dbtaskresult"))
    sign_in(client, staff_fulfilment)
    response = client.get("/admin/")
    assertContains(response, "Orders to approve")
    assertNotContains(response, "django_tasks_database")
    assertNotContains(response, "rr-technical")


def test_dashboard_cards_are_one_grid_list(client, staff_fulfilment):
    sign_in(client, staff_fulfilment)
    response = client.get("/admin/")
    assertContains(response, '<ul class="rr-dashboard__cards">', count=1)


def test_preview_renders_through_the_site_markdown_rules(client, staff_editor):
    sign_in(client, staff_editor)
    response = client.post(PREVIEW, {"text": "**Look** beneath <script>alert(1)</script> [x](https://example.com/)"})
    assert response.status_code == 200
    html = response.json()["html"]
    assert "<strong>Look</strong>" in html
    assert "<script>" not in html  # raw HTML is shown as text, never run
    assert "&lt;script&gt;" in html
    assert "/disclaimer/" in html or "rr-exit" in html  # the exit notice for a non-federal link


def test_preview_is_for_signed_in_staff_by_post_only(client, staff_editor, django_user_model):
    assert client.post(PREVIEW, {"text": "x"}).status_code == 302  # to the sign-in page
    member_of_public = django_user_model.objects.create_user("someone", "someone@example.org", "a-long-password-9")
    sign_in(client, member_of_public)
    assert client.post(PREVIEW, {"text": "x"}).status_code == 302
    sign_in(client, staff_editor)
    assert client.get(PREVIEW).status_code == 405


def test_preview_refuses_huge_text_and_survives_nul(client, staff_editor):
    sign_in(client, staff_editor)
    assert client.post(PREVIEW, {"text": "a" * 100_001}).status_code == 400
    assert client.post(PREVIEW, {"text": "a\x00b"}).status_code == 200


def test_preview_needs_the_csrf_token(staff_editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    sign_in(strict, staff_editor)
    assert strict.post(PREVIEW, {"text": "x"}).status_code == 403
