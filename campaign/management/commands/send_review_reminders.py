from django.core.management.base import BaseCommand

from campaign.reminders import send_review_reminders


class Command(BaseCommand):
    help = "Email the content editors the campaign pages whose review date has come (the scheduler runs it weekly)."

    def handle(self, *args, **options):
        self.stdout.write(f"Pages due for review: {send_review_reminders()}.")
