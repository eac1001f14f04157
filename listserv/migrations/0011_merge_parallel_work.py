from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("listserv", "0010_bulletin_clearance"),
        ("listserv", "0010_subscriber_personal_link_revocation"),
    ]

    operations = []
