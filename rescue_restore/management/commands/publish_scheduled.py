from django.core.management.base import BaseCommand

from rescue_restore.kernel.clearance import run_schedules


class Command(BaseCommand):
    help = (
        "Publish approved changes, unpublish pages and start sending approved bulletins whose set time has come "
        "(the scheduler runs it every five minutes; each item moves once, under its row lock)."
    )

    def handle(self, *args, **options):
        for what, count in run_schedules().items():
            self.stdout.write(f"{what}: {count}")
