"""Settings are read strictly from the environment (run in a fresh interpreter each)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "p" * 20 + "-a-real-random-production-key-0123456789",
    "DJANGO_ALLOWED_HOSTS": "rescue-restore.example.gov",
    "DATABASE_URL": "postgres://rr@db.internal:5432/rescue_restore",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "SITE_URL": "https://rescue-restore.example.gov",
    "EMAIL_PROVIDER": "postmark",
    "POSTMARK_SERVER_TOKEN": "token-from-the-secret-store",
    "ANYMAIL_WEBHOOK_SECRET": "hook:secret",
    "STAFF_NOTIFY_EMAILS": "division@rescue-restore.example.gov",
}


def run_manage(*args, env):
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_misspelled_boolean_stops_start_up_with_the_variable_named():
    result = run_manage("check", env={"DJANGO_DEBUG": "ture"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG='ture' is not a yes/no value" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env={})
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_production_passes_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr


def test_production_refuses_the_development_secret_key():
    from rescue_restore.settings import DEVELOPMENT_SECRET_KEY

    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": DEVELOPMENT_SECRET_KEY})
    assert result.returncode != 0
    assert "development key is refused" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DATABASE_URL", "sqlite:///prod.db", "Production runs on PostgreSQL"),
        ("SITE_URL", "http://rescue-restore.example.gov", "SITE_URL must start with https://"),
        ("EMAIL_PROVIDER", "file", "EMAIL_PROVIDER must name a real email provider"),
        ("REDIS_URL", "", "REDIS_URL is required"),
    ],
)
def test_production_refuses_unsafe_values(name, value, message):
    result = run_manage("check", env={**PRODUCTION_ENV, name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_requires_an_email_provider():
    """Issue 13 item 7: no default that needs a package the project does not install."""
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "EMAIL_PROVIDER"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "EMAIL_PROVIDER is required in production" in result.stderr


def test_deploy_check_fails_when_the_provider_cannot_load(tmp_path):
    """Amazon SES needs boto3: on a machine without it, the deploy check says so."""
    # A boto3 that cannot be imported stands in for a machine where it is not installed.
    (tmp_path / "boto3").mkdir()
    (tmp_path / "boto3" / "__init__.py").write_text("raise ImportError('No module named boto3')\n")
    env = {**PRODUCTION_ENV, "EMAIL_PROVIDER": "amazon_ses", "PYTHONPATH": str(tmp_path)}
    result = run_manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "rescue_restore.E001" in result.stderr


def test_provider_timeouts_and_api_url_reach_anymail():
    script = (
        "from django.conf import settings; "
        "print(settings.ANYMAIL['REQUESTS_TIMEOUT'], settings.ANYMAIL['POSTMARK_API_URL'])"
    )
    result = run_manage(
        "shell", "-c", script, env={**PRODUCTION_ENV, "EMAIL_PROVIDER_API_URL": "http://127.0.0.1:8106/fake/"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "(3, 5) http://127.0.0.1:8106/fake/"
