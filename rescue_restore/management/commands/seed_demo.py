"""Load demo content written from the campaign's public facts. Safe to run twice.

Each app's ``demo.py`` offers ``seed(sizes, stdout)``; sizes let benchmarks
ask for larger data sets (``--subscribers 100000``) than the demo site needs.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rescue_restore.kernel.discovery import app_modules


class Command(BaseCommand):
    help = "Load or refresh the demo content (idempotent). Sizes are for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--materials", type=int, default=None, help="Extra generated materials (default: none).")
        parser.add_argument(
            "--coalitions", type=int, default=None, help="Total coalitions to have (default: demo set)."
        )
        parser.add_argument(
            "--subscribers", type=int, default=None, help="Confirmed subscribers to have (default: demo set)."
        )
        parser.add_argument("--orders", type=int, default=None, help="Orders to have (default: demo set).")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo refuses to run in production (DJANGO_ENV=production): it writes made-up data."
            )
        sizes = {name: options[name] for name in ("materials", "coalitions", "subscribers", "orders")}
        for name, value in sizes.items():
            if value is not None and value < 0:
                self.stderr.write(f"--{name} cannot be negative.")
                raise SystemExit(2)
        for app, module in app_modules("demo"):
            with transaction.atomic():
                module.seed(sizes, self.stdout)
            self.stdout.write(f"{app}: demo content ready")
