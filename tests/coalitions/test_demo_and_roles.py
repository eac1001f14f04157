"""seed_demo's coalitions, and what the Coalition moderators role may do."""

import os

import pytest
from django.core.management import call_command

from coalitions.models import AffiliationRequest, Coalition
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def seed(*args):
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", *args, stdout=quiet)


def test_seed_demo_loads_the_documented_coalitions_and_is_idempotent(client):
    seed()
    seed()
    real = Coalition.objects.filter(is_synthetic=False)
    assert real.count() == 8
    assert set(real.values_list("city", "state")) == {
        ("Philadelphia", "PA"),
        ("Atlanta", "GA"),
        ("Phoenix", "AZ"),
        ("Los Angeles", "CA"),
        ("Houston", "TX"),
        ("Sacramento", "CA"),
        ("Nashville", "TN"),
        ("Statewide", "IL"),
    }
    assert set(real.filter(state="AZ").values_list("year_founded", flat=True)) == {2004}
    # Each is marked demo: its page shows invented details inside a demo label (test_translated_listings.py).
    assert all(real.values_list("is_demo", flat=True))
    assert AffiliationRequest.objects.filter(reference__startswith="CR-DEMO").count() == 2
    assert "Houston Rescue &amp; Restore Coalition" in client.get("/search/?q=houston").content.decode()


def test_seed_demo_adds_synthetic_coalitions_up_to_the_size_asked(client):
    seed("--coalitions", "30")
    assert Coalition.objects.count() == 30
    assert Coalition.objects.filter(is_synthetic=True).count() == 22
    seed("--coalitions", "30")
    assert Coalition.objects.count() == 30
    seed("--coalitions", "40")
    assert Coalition.objects.count() == 40
    synthetic = Coalition.objects.filter(is_synthetic=True).first()
    assert "not a real coalition" in synthetic.description
    # Synthetic listings are kept out of the sitemap.
    assert synthetic.slug not in client.get("/sitemap.xml").content.decode()


def test_moderator_can_moderate_but_not_delete_or_reach_other_apps(client, staff_coalition_moderator):
    sign_in(client, staff_coalition_moderator)
    for url in [
        "/admin/coalitions/affiliationrequest/",
        "/admin/coalitions/coalition/",
        "/admin/coalitions/coalition/add/",
        "/admin/coalitions/outdatedreport/",
    ]:
        assert client.get(url).status_code == 200, url
    assert staff_coalition_moderator.has_perm("coalitions.moderate_affiliationrequest")
    assert not staff_coalition_moderator.has_perm("coalitions.delete_coalition")
    assert not staff_coalition_moderator.has_perm("coalitions.delete_affiliationrequest")
    assert client.get("/admin/campaign/page/").status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403


def test_seed_demo_keeps_a_moderators_status_change_and_dates():
    seed()
    phoenix = Coalition.objects.get(slug="phoenix-rescue-restore-coalition")
    phoenix.listing_status = Coalition.ListingStatus.INACTIVE
    phoenix.last_verified = None
    phoenix.save()
    seed()
    phoenix.refresh_from_db()
    assert phoenix.listing_status == Coalition.ListingStatus.INACTIVE
    assert phoenix.last_verified is None


def test_seed_demo_numbers_synthetic_listings_after_the_highest(client):
    seed("--coalitions", "30")
    Coalition.objects.filter(slug="synthetic-coalition-00003").delete()
    seed("--coalitions", "30")
    assert Coalition.objects.count() == 30
    assert Coalition.objects.filter(slug="synthetic-coalition-00023").exists()
