from django.core.management.base import BaseCommand

from rescue_restore.outbox.mail import send_due_emails


class Command(BaseCommand):
    help = "Deliver outbox emails that are waiting for a retry (the scheduler runs it every 5 minutes)."

    def handle(self, *args, **options):
        count = send_due_emails()
        self.stdout.write(f"Tried {count} waiting email(s).")
