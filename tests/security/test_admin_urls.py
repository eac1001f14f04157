"""Issue 13 item 5: no URL under /admin/ answers 5xx, signed in or not."""

import pytest

from tests.signin import sign_in

pytestmark = pytest.mark.django_db

ODD_ADMIN_PATHS = [
    "/admin/nope/",
    "/admin/nope",
    "/admin/campaign/nope/",
    "/admin/campaign/page/nope/",
    "/admin/campaign/page/999999/change/",
    "/admin/campaign/page/not-a-number/change/",
    "/admin/r/1/2/",
    "/admin/%00/",
    "/admin/a/b/c/d/e/f/",
    "/admin/campaign/page/?q=%00",
    "/admin/auth/user/1/password/",
    "/admin/jsi18n/x/",
]


@pytest.mark.parametrize("path", ODD_ADMIN_PATHS)
def test_odd_admin_paths_answer_4xx_or_redirect_to_anonymous_visitors(client, path):
    response = client.get(path)
    assert 300 <= response.status_code < 500, (path, response.status_code)


@pytest.mark.parametrize("path", ODD_ADMIN_PATHS)
def test_odd_admin_paths_answer_4xx_or_redirect_to_staff(client, superuser, staff_no_role, path):
    for user in (superuser, staff_no_role):
        sign_in(client, user)
        response = client.get(path)
        assert response.status_code < 500, (user.username, path, response.status_code)
