from django.core.management.base import BaseCommand

from listserv.leases import expire_leases
from listserv.sending import resume_sending


class Command(BaseCommand):
    help = (
        "Resume bulletins left in 'sending' (after a worker died or a deploy): sends to the recipients still "
        "waiting, never twice. Rows whose claim ran out are settled with the provider first (the running "
        "worker does this every few seconds too)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed", action="store_true", help="Also retry recipients the provider refused last time."
        )

    def handle(self, *args, **options):
        taken_back = expire_leases()
        if any(taken_back.values()):
            self.stdout.write(f"Claims that ran out: {taken_back}")
        resumed = resume_sending(retry_failed=options["retry_failed"])
        for bulletin, what in resumed:
            self.stdout.write(f"{bulletin.pk} {bulletin.subject}: {what}")
        self.stdout.write(f"{len(resumed)} bulletin(s) in progress.")
