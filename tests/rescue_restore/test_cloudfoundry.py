"""cloud.gov's VCAP_SERVICES becomes DATABASE_URL, REDIS_URL and the media bucket's variables."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from rescue_restore.config.cloudfoundry import apply_vcap_services, environment_from_vcap

# The shape cloud.gov's brokers hand an app (values invented).
SAMPLE_VCAP_SERVICES = {
    "aws-rds": [
        {
            "name": "rescue-restore-db",
            "label": "aws-rds",
            "plan": "micro-psql",
            "credentials": {
                "db_name": "cgawsbrokerprodabc123",
                "host": "cg-aws-broker-prod.example.us-gov-west-1.rds.amazonaws.com",
                "name": "cgawsbrokerprodabc123",
                "password": "p@ss/word",
                "port": "5432",
                "uri": "postgres://u1:p%40ss%2Fword@cg-aws-broker-prod.example.us-gov-west-1.rds.amazonaws.com:5432/cgawsbrokerprodabc123",
                "username": "u1",
            },
        }
    ],
    "aws-elasticache-redis": [
        {
            "name": "rescue-restore-redis",
            "credentials": {
                "host": "master.cg-redis.example.usgw1.cache.amazonaws.com",
                "password": "redis-secret",
                "port": "6379",
                "uri": "rediss://:redis-secret@master.cg-redis.example.usgw1.cache.amazonaws.com:6379",
            },
        }
    ],
    "s3": [
        {
            "name": "rescue-restore-media",
            "credentials": {
                "access_key_id": "AKIAEXAMPLE",
                "bucket": "cg-0123-bucket",
                "fips_endpoint": "s3-fips.us-gov-west-1.amazonaws.com",
                "endpoint": "s3-us-gov-west-1.amazonaws.com",
                "region": "us-gov-west-1",
                "secret_access_key": "s3-secret",
                "uri": "s3://AKIAEXAMPLE:s3-secret@s3-us-gov-west-1.amazonaws.com/cg-0123-bucket",
            },
        }
    ],
}


def test_bound_services_become_the_settings_variables():
    variables = environment_from_vcap(json.dumps(SAMPLE_VCAP_SERVICES))
    assert variables == {
        "DATABASE_URL": SAMPLE_VCAP_SERVICES["aws-rds"][0]["credentials"]["uri"],
        "REDIS_URL": "rediss://:redis-secret@master.cg-redis.example.usgw1.cache.amazonaws.com:6379",
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": "cg-0123-bucket",
        "MEDIA_S3_REGION": "us-gov-west-1",
        "MEDIA_S3_ACCESS_KEY_ID": "AKIAEXAMPLE",
        "MEDIA_S3_SECRET_ACCESS_KEY": "s3-secret",
        "MEDIA_S3_ENDPOINT_URL": "https://s3-fips.us-gov-west-1.amazonaws.com",
    }


def test_credentials_without_a_uri_are_assembled_and_quoted():
    services = json.loads(json.dumps(SAMPLE_VCAP_SERVICES))
    del services["aws-rds"][0]["credentials"]["uri"]
    del services["aws-elasticache-redis"][0]["credentials"]["uri"]
    variables = environment_from_vcap(json.dumps(services))
    assert variables["DATABASE_URL"] == (
        "postgres://u1:p%40ss%2Fword@cg-aws-broker-prod.example.us-gov-west-1.rds.amazonaws.com:5432/cgawsbrokerprodabc123"
    )
    assert variables["REDIS_URL"].startswith("rediss://:redis-secret@master.cg-redis")


def test_explicit_variables_win_over_bound_services():
    environ = {"VCAP_SERVICES": json.dumps(SAMPLE_VCAP_SERVICES), "DATABASE_URL": "postgres://local/db"}
    filled = apply_vcap_services(environ)
    assert environ["DATABASE_URL"] == "postgres://local/db"
    assert "DATABASE_URL" not in filled
    assert environ["REDIS_URL"].startswith("rediss://")
    assert environ["MEDIA_S3_BUCKET"] == "cg-0123-bucket"


def test_without_vcap_services_nothing_changes():
    environ = {"DATABASE_URL": "postgres://local/db"}
    assert apply_vcap_services(environ) == []
    assert environ == {"DATABASE_URL": "postgres://local/db"}


def test_only_the_services_bound_are_filled():
    variables = environment_from_vcap(json.dumps({"aws-rds": SAMPLE_VCAP_SERVICES["aws-rds"]}))
    assert set(variables) == {"DATABASE_URL"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "must be a JSON object"),
        (json.dumps({"aws-rds": [{"name": "x", "credentials": {"host": "h"}}]}), "missing a credential"),
        (
            json.dumps({"aws-rds": SAMPLE_VCAP_SERVICES["aws-rds"] * 2}),
            "more than one database service",
        ),
    ],
)
def test_unusable_vcap_services_stop_start_up_with_a_reason(text, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        environment_from_vcap(text)


# As cloud.gov's ElastiCache broker really binds it: every field, the port as a string, and a
# uri that says redis:// although the cluster accepts TLS connections only (values invented).
CLOUD_GOV_ELASTICACHE_BINDING = {
    "label": "aws-elasticache-redis",
    "provider": None,
    "plan": "redis-dev",
    "name": "rescue-restore-redis",
    "tags": ["redis", "Elasticache", "AWS"],
    "instance_guid": "6f1d2b0e-0000-4000-8000-000000000001",
    "instance_name": "rescue-restore-redis",
    "binding_guid": "6f1d2b0e-0000-4000-8000-000000000002",
    "binding_name": None,
    "credentials": {
        "current_redis_engine_version": "7.0",
        "host": "master.cg-0a1b2c3d.ab12cd.usgw1.cache.amazonaws.com",
        "hostname": "master.cg-0a1b2c3d.ab12cd.usgw1.cache.amazonaws.com",
        "password": "uCZr1leHyUcUKxZlgsL1Q0",
        "port": "6379",
        "uri": "redis://:uCZr1leHyUcUKxZlgsL1Q0@master.cg-0a1b2c3d.ab12cd.usgw1.cache.amazonaws.com:6379",
    },
    "syslog_drain_url": None,
    "volume_mounts": [],
}


def test_cloud_gov_elasticache_is_reached_over_tls_whatever_scheme_its_uri_says():
    services = {**SAMPLE_VCAP_SERVICES, "aws-elasticache-redis": [CLOUD_GOV_ELASTICACHE_BINDING]}
    url = environment_from_vcap(json.dumps(services))["REDIS_URL"]
    assert url == "rediss://:uCZr1leHyUcUKxZlgsL1Q0@master.cg-0a1b2c3d.ab12cd.usgw1.cache.amazonaws.com:6379"


def test_the_realistic_binding_configures_django_redis_for_tls():
    from django_redis.pool import ConnectionFactory
    from redis.connection import SSLConnection

    services = {**SAMPLE_VCAP_SERVICES, "aws-elasticache-redis": [CLOUD_GOV_ELASTICACHE_BINDING]}
    url = environment_from_vcap(json.dumps(services))["REDIS_URL"]
    pool = ConnectionFactory({}).get_or_create_connection_pool({"url": url})
    assert pool.connection_class is SSLConnection
    assert pool.connection_kwargs["host"] == "master.cg-0a1b2c3d.ab12cd.usgw1.cache.amazonaws.com"


def test_a_user_provided_plain_redis_keeps_its_scheme():
    services = {"user-provided": [{"name": "cache", "credentials": {"uri": "redis://cache.internal:6379/0"}}]}
    assert environment_from_vcap(json.dumps(services))["REDIS_URL"] == "redis://cache.internal:6379/0"
