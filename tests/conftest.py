"""Fixtures every test folder shares: staff users, form data, quiet defaults."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation

from rescue_restore import roles
from rescue_restore.antiabuse import signed_start_time


@pytest.fixture(autouse=True)
def _test_defaults(settings):
    """Forms may be posted at once; tasks run immediately; rate-limit counts start at zero."""
    settings.FORM_MIN_FILL_SECONDS = 0
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "mail", "bulletins"],
        }
    }
    settings.SITE_URL = "https://rescue-restore.example.gov"
    cache.clear()
    # A request to /es/ leaves Spanish active in the thread; each test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture
def form_data():
    """Build POST data for a public form, with a valid signed start time."""

    def build(**fields):
        return {"website": "", "form_started": signed_start_time(), **fields}

    return build


def _staff(django_user_model, username, group_name=None, **extra):
    user = django_user_model.objects.create_user(
        username, f"{username}@rescue-restore.example.gov", "a-long-test-password-1", is_staff=True, **extra
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff_fulfilment(django_user_model):
    return _staff(django_user_model, "fulfilment", roles.FULFILMENT)


@pytest.fixture
def staff_editor(django_user_model):
    return _staff(django_user_model, "editor", roles.CONTENT_EDITORS)


@pytest.fixture
def staff_coalition_moderator(django_user_model):
    return _staff(django_user_model, "moderator", roles.COALITION_MODERATORS)


@pytest.fixture
def staff_listserv_manager(django_user_model):
    return _staff(django_user_model, "listserv", roles.LISTSERV_MANAGERS)


@pytest.fixture
def superuser(django_user_model):
    return _staff(django_user_model, "admin", is_superuser=True)


@pytest.fixture
def staff_no_role(django_user_model):
    return _staff(django_user_model, "staff-no-role")
