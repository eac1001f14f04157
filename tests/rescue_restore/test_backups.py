"""Backups: the media checksum, pruning, refusals; the PostgreSQL round trip runs when PostgreSQL does."""

import hashlib
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from rescue_restore.ops import backups


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    storage = storages["default"]
    storage.save("covers/rr-lbs-en.jpg", ContentFile(b"\xff\xd8jpeg bytes"))
    storage.save("pdfs/rr-lbs-en.pdf", ContentFile(b"%PDF-1.7 pdf bytes"))
    return tmp_path / "media"


def test_media_checksum_depends_on_every_path_and_content():
    files = {"a.pdf": "1" * 64, "b/c.jpg": "2" * 64}
    assert backups.media_checksum(files) == backups.media_checksum(dict(reversed(files.items())))
    assert backups.media_checksum(files) != backups.media_checksum({**files, "a.pdf": "3" * 64})
    assert backups.media_checksum(files) != backups.media_checksum({"a.pdf": "1" * 64})


def test_media_archive_holds_every_file_with_its_checksum(media, tmp_path):
    files = backups._archive_media(tmp_path / "media.tar")
    assert sorted(files) == ["covers/rr-lbs-en.jpg", "pdfs/rr-lbs-en.pdf"]
    assert files["pdfs/rr-lbs-en.pdf"] == hashlib.sha256(b"%PDF-1.7 pdf bytes").hexdigest()


def test_prune_keeps_the_newest(tmp_path):
    for stamp in ["20261101T000000Z", "20261102T000000Z", "20261103T000000Z"]:
        (tmp_path / stamp).mkdir()
        (tmp_path / stamp / "manifest.json").write_text("{}")
    deleted = backups.prune_backups(tmp_path, keep=2)
    assert [path.name for path in deleted] == ["20261101T000000Z"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["20261102T000000Z", "20261103T000000Z"]


@pytest.mark.django_db
def test_backup_refuses_sqlite(tmp_path):
    if connection.vendor == "postgresql":
        pytest.skip("this is the SQLite refusal")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("backup", "--output-dir", str(tmp_path))


def test_restore_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "manifest.json").write_text(json.dumps({"row_counts": {}, "media_files": {}}))
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "left-over.pdf").write_bytes(b"x")
    with pytest.raises(CommandError, match="not empty"):
        call_command(
            "restore",
            str(tmp_path / "backup"),
            "--database-url",
            "postgres://postgres@127.0.0.1:5432/unused",
            "--media-dir",
            str(tmp_path / "media"),
        )


@pytest.mark.django_db(transaction=True)
def test_backup_manifest_counts_rows_on_postgresql(media, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump needs PostgreSQL")
    from campaign.models import Page
    from tests.factories.campaign import PageFactory

    PageFactory.create_batch(3)
    pages = Page.objects.count()  # the 3, beside the required pages the migrations ship
    call_command("backup", "--output-dir", str(tmp_path / "backups"))
    [folder] = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["row_counts"]["public.campaign_page"] == pages >= 3
    assert len(manifest["media_files"]) == 2
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"
