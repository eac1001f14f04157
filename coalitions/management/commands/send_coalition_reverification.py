"""Flag stale coalition listings and email their contacts a signed link.

Run it daily from cron (or enqueue ``coalitions.tasks.send_reverification_requests``);
a contact emailed within the last 30 days is not emailed again.
"""

from django.core.management.base import BaseCommand

from coalitions.reverification import send_reverification_requests


class Command(BaseCommand):
    help = "Flag listings not verified for 12 months and email each contact a link to confirm or update them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Run it as a background task instead of in this process."
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            from coalitions.tasks import send_reverification_requests as task

            result = task.enqueue()
            self.stdout.write(f"Enqueued re-verification task {result.id}.")
            return
        sent = send_reverification_requests()
        self.stdout.write(f"Re-verification emails queued: {sent}.")
