"""Erase personal data past its retention period (run daily by the scheduler)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from rescue_restore.kernel.discovery import app_modules
from rescue_restore.ops import retention


class Command(BaseCommand):
    help = (
        "Erase names, addresses, emails and phone numbers past their retention period; anonymous counts are kept. "
        "Safe to run twice. See docs/privacy.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be erased; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        verb = "would erase" if dry_run else "erased"
        purges = [("rescue_restore", retention), *app_modules("retention")]
        for app, module in purges:
            with transaction.atomic():
                counts = module.purge(now, dry_run)
            for what, count in counts.items():
                self.stdout.write(f"{app}: {verb} {count} {what}")
