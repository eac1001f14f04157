from django.core.management.base import BaseCommand

from listserv.sending import resume_sending


class Command(BaseCommand):
    help = (
        "Resume bulletins left in 'sending' (after a worker died or a deploy): sends to the recipients still "
        "waiting, never twice. Rows a dead worker left 'being sent' are reported, not resent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed", action="store_true", help="Also retry recipients the provider refused last time."
        )

    def handle(self, *args, **options):
        resumed = resume_sending(retry_failed=options["retry_failed"])
        for bulletin, what in resumed:
            self.stdout.write(f"{bulletin.pk} {bulletin.subject}: {what}")
        self.stdout.write(f"{len(resumed)} bulletin(s) in progress.")
