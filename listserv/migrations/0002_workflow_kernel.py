"""One workflow kernel: history rows keep their data (columns renamed and widened, never dropped).

``actor`` becomes ``changed_by`` and ``created_at`` becomes ``changed_at`` in place;
``complained_at`` is filled from each subscriber's history, so a complaint made
before this migration still suppresses anonymous sign-ups.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_complained_at(apps, schema_editor):
    Subscriber = apps.get_model("listserv", "Subscriber")
    SubscriberEvent = apps.get_model("listserv", "SubscriberEvent")
    latest = {}
    for subscriber_id, changed_at in (
        SubscriberEvent.objects.filter(to_status="complained")
        .exclude(from_status="complained")
        .values_list("subscriber_id", "changed_at")
    ):
        latest[subscriber_id] = max(changed_at, latest.get(subscriber_id, changed_at))
    for subscriber_id, changed_at in latest.items():
        Subscriber.objects.filter(pk=subscriber_id).update(complained_at=changed_at)


class Migration(migrations.Migration):
    dependencies = [
        ("listserv", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("subscriberevent", "actor", "changed_by"),
        migrations.RenameField("subscriberevent", "created_at", "changed_at"),
        migrations.RenameField("bulletinevent", "actor", "changed_by"),
        migrations.RenameField("bulletinevent", "created_at", "changed_at"),
        migrations.AlterModelOptions(
            name="bulletinevent",
            options={"ordering": ["-changed_at", "-pk"]},
        ),
        migrations.AlterModelOptions(
            name="subscriberevent",
            options={"ordering": ["-changed_at", "-pk"]},
        ),
        migrations.AddField(
            model_name="subscriber",
            name="complained_at",
            field=models.DateTimeField(blank=True, help_text="When the address last reported us as spam.", null=True),
        ),
        migrations.AlterField(
            model_name="bulletinevent",
            name="changed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="bulletinevent",
            name="from_status",
            field=models.CharField(
                blank=True, choices=[("draft", "Draft"), ("sending", "Sending"), ("sent", "Sent")], max_length=30
            ),
        ),
        migrations.AlterField(
            model_name="bulletinevent",
            name="note",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="bulletinevent",
            name="to_status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("sending", "Sending"), ("sent", "Sent")], max_length=30
            ),
        ),
        migrations.AlterField(
            model_name="subscriberevent",
            name="changed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="subscriberevent",
            name="from_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pending", "Waiting for confirmation"),
                    ("confirmed", "Subscribed"),
                    ("unsubscribed", "Unsubscribed"),
                    ("bounced", "Bounced (address does not exist)"),
                    ("complained", "Marked our email as spam"),
                    ("suspended", "Suspended after repeated delivery failures"),
                ],
                max_length=30,
            ),
        ),
        migrations.AlterField(
            model_name="subscriberevent",
            name="note",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="subscriberevent",
            name="to_status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting for confirmation"),
                    ("confirmed", "Subscribed"),
                    ("unsubscribed", "Unsubscribed"),
                    ("bounced", "Bounced (address does not exist)"),
                    ("complained", "Marked our email as spam"),
                    ("suspended", "Suspended after repeated delivery failures"),
                ],
                max_length=30,
            ),
        ),
        migrations.RunPython(fill_complained_at, migrations.RunPython.noop),
    ]
