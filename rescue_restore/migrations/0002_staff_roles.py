"""Create the staff role groups. Their permissions are kept in step by
rescue_restore.accounts.roles.sync_role_permissions after every migrate."""

from django.db import migrations

ROLES = ["Fulfilment", "Content editors", "Coalition moderators", "Listserv managers"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rescue_restore", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
