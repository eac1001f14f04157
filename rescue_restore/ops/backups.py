"""Backups that are known to restore: PostgreSQL in pg_dump's custom format, media in a tar file.

``make_backup`` writes one folder: ``database.dump`` (``pg_dump -Fc``),
``media.tar`` (every file in the media storage, whatever its backend) and
``manifest.json`` with the row count of every table and a SHA-256 of every
media file. The row counts are taken inside the same snapshot pg_dump dumps
(``pg_export_snapshot``), so they describe exactly what is in the dump even
while the site keeps writing.

``restore_backup`` loads a backup into an empty database and a media folder
and checks both against the manifest: the same tables with the same row
counts, the same files with the same checksums. ``make backup-check`` runs the
round trip on scratch databases; docs/deploy.md says how to restore for real.
"""

import hashlib
import json
import os
import subprocess
import tarfile
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Protocol

import dj_database_url
import psycopg
from django.core.files.storage import Storage, storages
from django.db import connection, transaction

MANIFEST = "manifest.json"
DATABASE_DUMP = "database.dump"
MEDIA_ARCHIVE = "media.tar"

COUNT_TABLES = """
    SELECT quote_ident(schemaname) || '.' || quote_ident(tablename)
    FROM pg_tables WHERE schemaname = 'public' ORDER BY 1
"""


class _Cursor(Protocol):
    """What ``_row_counts`` needs of a cursor: Django's or psycopg's."""

    def execute(self, query: str) -> object: ...
    def fetchall(self) -> list[Any]: ...
    def fetchone(self) -> Any: ...


class BackupError(Exception):
    pass


def _pg_environment(database: Mapping[str, Any]) -> dict[str, str]:
    """libpq variables for a Django database dict: no password on a command line."""
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if database.get(key):
            env[variable] = str(database[key])
    env["PGDATABASE"] = database["NAME"]
    return env


def _row_counts(cursor: _Cursor) -> dict[str, int]:
    cursor.execute(COUNT_TABLES)
    tables = [row[0] for row in cursor.fetchall()]
    counts: dict[str, int] = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - names quoted by PostgreSQL above
        counts[table] = cursor.fetchone()[0]
    return counts


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from _walk(storage, f"{folder}/{name}" if folder else name)


def _sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(block)
    return digest.hexdigest()


def media_checksum(files: Mapping[str, str]) -> str:
    """One checksum over every (path, sha256) pair, in path order."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(f"{path}\0{files[path]}\n".encode())
    return digest.hexdigest()


def _archive_media(archive_path: Path) -> dict[str, str]:
    storage = storages["default"]
    files: dict[str, str] = {}
    try:
        paths = list(_walk(storage))
    except FileNotFoundError:
        paths = []  # no media folder yet
    with tarfile.open(archive_path, "w") as archive:
        for path in paths:
            with storage.open(path, "rb") as handle:
                files[path] = _sha256(handle)
                size = handle.tell()
                handle.seek(0)
                info = tarfile.TarInfo(path)
                info.size = size
                info.mode = 0o640
                archive.addfile(info, handle)
    return files


def make_backup(output_dir: str | Path) -> Path:
    """Write a backup folder under ``output_dir``; returns its path. Needs PostgreSQL."""
    if connection.vendor != "postgresql":
        raise BackupError("Backups are made from PostgreSQL (DATABASE_URL=postgres://…).")
    folder = Path(output_dir) / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=False)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _row_counts(cursor)
        # pg_dump reads the same snapshot while this transaction holds it open.
        dumped = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={folder / DATABASE_DUMP}"],  # noqa: S607
            env=_pg_environment(connection.settings_dict),
            capture_output=True,
            text=True,
        )
        if dumped.returncode != 0:
            raise BackupError(f"pg_dump failed: {dumped.stderr.strip()}")
    files = _archive_media(folder / MEDIA_ARCHIVE)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "database": connection.settings_dict["NAME"],
        "row_counts": counts,
        "media_files": files,
        "media_checksum": media_checksum(files),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def prune_backups(output_dir: str | Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backup folders; returns the ones deleted."""
    folders = sorted(path for path in Path(output_dir).iterdir() if (path / MANIFEST).exists())
    doomed = folders[:-keep] if keep else []
    for folder in doomed:
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()
    return doomed


def restore_backup(
    backup_dir: str | Path, database_url: str, media_dir: str | Path
) -> tuple[list[str], dict[str, int], dict[str, str]]:
    """Restore into an empty database and a media folder, then compare with the manifest.

    Returns a list of differences (empty when the restore is exact).
    """
    backup_dir, media_dir = Path(backup_dir), Path(media_dir)
    if media_dir.exists() and any(media_dir.iterdir()):
        raise BackupError(f"The media folder {media_dir} is not empty: restore into a new, empty folder.")
    manifest = json.loads((backup_dir / MANIFEST).read_text())
    target = dj_database_url.parse(database_url)
    conninfo = psycopg.conninfo.make_conninfo(
        host=target.get("HOST") or None,
        port=target.get("PORT") or None,
        user=target.get("USER") or None,
        password=target.get("PASSWORD") or None,
        dbname=target["NAME"],
    )
    with psycopg.connect(conninfo) as check, check.cursor() as cursor:
        cursor.execute(COUNT_TABLES)
        if cursor.fetchall():
            raise BackupError(f"The database {target['NAME']} is not empty: restore into a new, empty database.")
    restored = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [  # noqa: S607 - pg_restore from PATH, like psql
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            target["NAME"],
            str(backup_dir / DATABASE_DUMP),
        ],
        env=_pg_environment(target),
        capture_output=True,
        text=True,
    )
    if restored.returncode != 0:
        raise BackupError(f"pg_restore failed: {restored.stderr.strip()}")

    media_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup_dir / MEDIA_ARCHIVE) as archive:
        archive.extractall(media_dir, filter="data")  # "data" refuses absolute paths, .. and links out

    differences: list[str] = []
    with psycopg.connect(conninfo) as check, check.cursor() as cursor:
        counts = _row_counts(cursor)
    for table in sorted(set(counts) | set(manifest["row_counts"])):
        expected, found = manifest["row_counts"].get(table), counts.get(table)
        if expected != found:
            differences.append(f"table {table}: {expected} rows in the backup, {found} restored")
    files: dict[str, str] = {}
    for path in sorted(media_dir.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                files[path.relative_to(media_dir).as_posix()] = _sha256(handle)
    for name in sorted(set(files) | set(manifest["media_files"])):
        if files.get(name) != manifest["media_files"].get(name):
            differences.append(f"media file {name}: checksum differs or file missing")
    if media_checksum(files) != manifest["media_checksum"]:
        differences.append("the media checksum differs")
    return differences, counts, files


def summary(manifest_path: str | Path) -> tuple[int, int, int]:
    manifest = json.loads(Path(manifest_path).read_text())
    return sum(manifest["row_counts"].values()), len(manifest["row_counts"]), len(manifest["media_files"])
