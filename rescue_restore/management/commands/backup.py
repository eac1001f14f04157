from django.core.management.base import BaseCommand, CommandError

from rescue_restore.ops.backups import BackupError, make_backup, prune_backups, summary


class Command(BaseCommand):
    help = (
        "Back up PostgreSQL (pg_dump custom format) and every media file into a new dated folder, "
        "with a manifest of row counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", required=True, help="Where the dated backup folders are kept.")
        parser.add_argument("--keep", type=int, default=0, help="Keep only the newest N backups (0: keep all).")

    def handle(self, *args, **options):
        if options["keep"] < 0:
            raise CommandError("--keep cannot be negative.")
        try:
            folder = make_backup(options["output_dir"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows, tables, files = summary(folder / "manifest.json")
        self.stdout.write(f"Backed up {rows} rows in {tables} tables and {files} media files to {folder}.")
        for old in prune_backups(options["output_dir"], options["keep"]):
            self.stdout.write(f"Deleted the old backup {old}.")
