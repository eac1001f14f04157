"""Fixtures for the coalitions tests."""

import pytest

VALID_REQUEST = {
    "kind": "affiliate",
    "community": "Peoria",
    "state": "IL",
    "coalition_name": "Peoria Area Anti-Trafficking Coalition",
    "contact_name": "Dana Whitfield",
    "contact_role": "Chair",
    "organization": "Peoria Family Services",
    "email": "dana@example.org",
    "phone": "(309) 555-0100",
    "member_count": "14",
    "member_sectors": ["faith", "law-enforcement", "health"],
    "interested_organizations": "",
    "task_force_exists": "yes",
    "current_activities": "Trainings for emergency room staff.",
    "covers_sex_and_labor_trafficking": "on",
    "area_served": "Peoria County",
    "year_founded": "2009",
    "coalition_website": "https://peoria-coalition.example.org/",
    "public_email": "info@peoria-coalition.example.org",
    "consent_to_list": "on",
}

FORM_NEW_REQUEST = {
    **VALID_REQUEST,
    "kind": "form-new",
    "community": "Boise",
    "state": "ID",
    "coalition_name": "",
    "member_count": "3",
    "interested_organizations": "County health department\nRefugee resettlement office\nLegal aid clinic",
    "task_force_exists": "unsure",
    "consent_to_list": "",
    "covers_sex_and_labor_trafficking": "",
}


@pytest.fixture
def post_request(client, form_data):
    """POST the affiliation form with VALID_REQUEST changed by ``changes``."""

    def post(base=None, **changes):
        data = {**(base or VALID_REQUEST), **changes}
        data = {key: value for key, value in data.items() if value is not None}
        return client.post("/coalitions/request/", form_data(**data))

    return post
