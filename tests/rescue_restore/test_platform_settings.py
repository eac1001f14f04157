"""Production settings on cloud.gov: bound services fill the database, cache and media store."""

import json

from tests.rescue_restore.test_cloudfoundry import SAMPLE_VCAP_SERVICES
from tests.rescue_restore.test_settings import PRODUCTION_ENV, run_manage

PRINT_SETTINGS = (
    "from django.conf import settings; from django.core.files.storage import storages; "
    "print(settings.DATABASES['default']['HOST'], settings.CACHES['default']['LOCATION'], "
    "type(storages['default']).__name__, storages['default'].bucket_name)"
)


def test_vcap_services_configure_database_cache_and_bucket():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    env["VCAP_SERVICES"] = json.dumps(SAMPLE_VCAP_SERVICES)
    result = run_manage("shell", "-c", PRINT_SETTINGS, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "cg-aws-broker-prod.example.us-gov-west-1.rds.amazonaws.com",
        "rediss://:redis-secret@master.cg-redis.example.usgw1.cache.amazonaws.com:6379",
        "S3Storage",
        "cg-0123-bucket",
    ]


def test_s3_media_needs_a_bucket():
    result = run_manage("check", env={**PRODUCTION_ENV, "MEDIA_STORAGE": "s3"})
    assert result.returncode != 0
    assert "MEDIA_S3_BUCKET is required" in result.stderr


def test_json_logs_are_one_object_per_line():
    code = "import logging; logging.getLogger('rescue_restore').warning('hello')"
    result = run_manage("shell", "-c", code, env={"LOG_FORMAT": "json"})
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "hello"
    assert entry["request_id"] == "-"


def test_cloud_foundry_refuses_media_on_the_instance_disk():
    result = run_manage("check", env={**PRODUCTION_ENV, "VCAP_APPLICATION": "{}"})
    assert result.returncode != 0
    assert "bind an S3 service" in result.stderr
