from django.core.management.base import BaseCommand, CommandError

from rescue_restore.ops.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup folder into an EMPTY PostgreSQL database and an empty media folder, then check "
        "every table's row count and every media file's checksum against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A folder written by manage.py backup.")
        parser.add_argument("--database-url", required=True, help="postgres://… of an empty database.")
        parser.add_argument("--media-dir", required=True, help="An empty folder for the media files.")

    def handle(self, *args, **options):
        try:
            differences, counts, files = restore_backup(
                options["backup"], options["database_url"], options["media_dir"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        if differences:
            raise CommandError("The restore does not match the backup:\n" + "\n".join(differences))
        self.stdout.write(
            f"Restored {sum(counts.values())} rows in {len(counts)} tables and {len(files)} media files; "
            "row counts and checksums match the backup."
        )
