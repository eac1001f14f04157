"""Field-level history (django-simple-history) of pages, materials, editions, coalitions, bulletins,
users and groups: who changed what, seen in the admin by the role that manages each model."""

import pytest
from django.contrib.auth.models import Group

from campaign.models import Page
from coalitions.models import Coalition
from listserv.models import Bulletin
from materials.models import Edition, Material
from tests.factories.campaign import PageFactory
from tests.factories.coalitions import CoalitionFactory
from tests.factories.listserv import BulletinFactory, TopicFactory
from tests.factories.materials import EditionFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def test_an_admin_edit_records_the_field_change_and_who_made_it(client, staff_editor):
    # A page not yet on the site: a live page's text changes through a cleared draft (tests/campaign/test_clearance*).
    page = PageFactory(title="Old title", is_published=False)
    sign_in(client, staff_editor)
    url = f"/admin/campaign/page/{page.pk}/change/"
    data = {
        "title_en": "New title",  # staff write each language in its own field (docs/i18n.md)
        "slug": page.slug,
        "section": page.section,
        "order": page.order,
        "summary_en": page.summary,
        "body_en": page.body,
        "publication_date": "2026-01-05",
        "last_reviewed": "2026-06-01",
        "next_review_due": "2027-06-01",
    }
    assert client.post(url, data).status_code == 302
    latest = page.audit_trail.latest()
    assert latest.history_user == staff_editor
    assert latest.title == "New title"
    changes = latest.diff_against(latest.prev_record).changes
    assert [(change.field, change.old, change.new) for change in changes] == [("title", "Old title", "New title")]

    history = client.get(f"/admin/campaign/page/{page.pk}/history/")
    assert history.status_code == 200
    assert "editor" in history.content.decode()


def test_changes_outside_a_request_are_recorded_without_a_user():
    coalition = CoalitionFactory()
    coalition.change_status(Coalition.ListingStatus.INACTIVE, note="Closed")
    latest = coalition.audit_trail.latest()
    assert latest.listing_status == "inactive"
    assert latest.history_user is None


@pytest.mark.parametrize(
    ("user_name", "path", "allowed"),
    [
        ("staff_editor", "campaign/page", True),
        ("staff_editor", "materials/material", True),
        ("staff_editor", "materials/edition", True),
        ("staff_fulfilment", "materials/edition", True),
        ("staff_coalition_moderator", "coalitions/coalition", True),
        ("staff_listserv_manager", "listserv/bulletin", True),
        ("staff_fulfilment", "campaign/page", False),
        ("staff_editor", "coalitions/coalition", False),
        ("staff_coalition_moderator", "listserv/bulletin", False),
        ("staff_listserv_manager", "materials/material", False),
        ("staff_editor", "auth/user", False),
        ("staff_listserv_manager", "auth/group", False),
        ("superuser", "auth/user", True),
        ("superuser", "auth/group", True),
    ],
)
def test_each_role_sees_the_history_of_its_own_models(client, request, user_name, path, allowed):
    user = request.getfixturevalue(user_name)
    objects = {
        "campaign/page": PageFactory,
        "materials/material": lambda: EditionFactory().material,
        "materials/edition": EditionFactory,
        "coalitions/coalition": CoalitionFactory,
        "listserv/bulletin": lambda: BulletinFactory(topics=[TopicFactory()]),
        "auth/user": lambda: user,
        "auth/group": lambda: Group.objects.first(),
    }
    obj = objects[path]()
    sign_in(client, user)
    response = client.get(f"/admin/{path}/{obj.pk}/history/")
    assert response.status_code == (200 if allowed else 403)


def test_every_audited_model_has_a_trail():
    for model in (Page, Material, Edition, Coalition, Bulletin):
        assert model._meta.simple_history_manager_attribute == "audit_trail", model


def test_a_group_permission_change_is_recorded_for_superusers(client, superuser):
    group = Group.objects.create(name="Reviewers")
    sign_in(client, superuser)
    assert client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "Senior reviewers"}).status_code == 302
    latest = group.audit_trail.latest()
    assert (latest.name, latest.history_user) == ("Senior reviewers", superuser)
    assert "Senior reviewers" in client.get(f"/admin/auth/group/{group.pk}/history/").content.decode()


def test_passwords_are_not_kept_in_the_account_history(superuser):
    assert not hasattr(superuser.audit_trail.model, "password")
    superuser.set_password("another-long-password-2")
    superuser.save()
    assert superuser.audit_trail.count() >= 1
