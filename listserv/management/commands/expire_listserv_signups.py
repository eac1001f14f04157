from django.core.management.base import BaseCommand

from listserv.services import expire_signups


class Command(BaseCommand):
    help = "Delete email-update sign-ups never confirmed within 7 days (run daily from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {expire_signups()} expired sign-up(s).")
