"""Outbox rows get a stable Message-ID, a claim time and a personal-data erasure time.

``message_id`` is added empty, filled with a distinct value per existing row
(a callable default in AddField would give every row the same one), then
given its default for new rows.
"""

from django.db import migrations, models

import rescue_restore.models


def fill_message_ids(apps, schema_editor):
    OutgoingEmail = apps.get_model("rescue_restore", "OutgoingEmail")
    for email in OutgoingEmail.objects.filter(message_id="").only("pk").iterator():
        OutgoingEmail.objects.filter(pk=email.pk).update(message_id=rescue_restore.models.new_message_id())


class Migration(migrations.Migration):
    dependencies = [
        ("rescue_restore", "0003_audit_trail"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="claimed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="outgoingemail",
            name="message_id",
            field=models.CharField(blank=True, default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill_message_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outgoingemail",
            name="message_id",
            field=models.CharField(
                blank=True, default=rescue_restore.models.new_message_id, editable=False, max_length=255
            ),
        ),
        migrations.AddField(
            model_name="outgoingemail",
            name="personal_data_erased_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
