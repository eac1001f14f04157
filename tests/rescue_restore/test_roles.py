import pytest
from django.contrib.auth.models import Group

from rescue_restore.accounts import roles
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def test_every_role_group_exists_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


def test_groups_hold_exactly_the_declared_permissions():
    declared = roles.declared_permissions()
    for role, names in declared.items():
        group = Group.objects.get(name=role)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == names, role


def test_sync_removes_a_permission_granted_by_hand():
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name=roles.CONTENT_EDITORS)
    group.permissions.add(Permission.objects.get(codename="delete_user"))
    roles.sync_role_permissions()
    assert not group.permissions.filter(codename="delete_user").exists()


def test_editor_can_edit_pages_but_not_users(client, staff_editor):
    sign_in(client, staff_editor)
    assert client.get("/admin/campaign/page/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
