"""Read the services Cloud Foundry (cloud.gov) binds to the app.

Cloud Foundry hands an app its bound services as one JSON document in
``VCAP_SERVICES``: ``{"<offering>": [{"name": …, "credentials": {…}}, …]}``.
``environment_from_vcap`` turns it into the plain variables the settings read
anyway (``DATABASE_URL``, ``REDIS_URL``, ``MEDIA_S3_*``), so the rest of the
settings module does not know which platform it runs on. A variable set
explicitly always wins over the bound service.

Only the offerings cloud.gov brokers are recognised: ``aws-rds`` (PostgreSQL),
``aws-elasticache-redis`` (Redis, TLS) and ``s3`` (a bucket). A user-provided
service whose credentials carry a ``uri`` is taken by its scheme.

cloud.gov's ElastiCache broker hands out ``uri: "redis://:<password>@<host>:<port>"``
while the cluster accepts TLS connections only; taken as given, every cache and
rate-limit call would fail. An ``aws-elasticache-redis`` address is therefore always
used as ``rediss://`` (TLS, certificate checked), whatever scheme the broker wrote.
"""

import json
from urllib.parse import quote, urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

DATABASE_OFFERINGS = ("aws-rds",)
REDIS_OFFERINGS = ("aws-elasticache-redis", "redis")
S3_OFFERINGS = ("s3",)


def _instances(services, offerings):
    found = []
    for offering in offerings:
        found.extend(services.get(offering) or [])
    return found


def _user_provided_with_scheme(services, schemes):
    for instance in services.get("user-provided") or []:
        uri = (instance.get("credentials") or {}).get("uri", "")
        if uri.split(":", 1)[0] in schemes:
            return uri
    return None


def _one(instances, what):
    if len(instances) > 1:
        names = ", ".join(instance.get("name", "?") for instance in instances)
        raise ImproperlyConfigured(f"VCAP_SERVICES binds more than one {what} service ({names}); bind exactly one.")
    return instances[0]["credentials"] if instances else None


def _database_url(services):
    credentials = _one(_instances(services, DATABASE_OFFERINGS), "database")
    if credentials is None:
        return _user_provided_with_scheme(services, {"postgres", "postgresql"})
    if credentials.get("uri"):
        return credentials["uri"]
    user = quote(credentials["username"], safe="")
    password = quote(credentials["password"], safe="")
    host, port = credentials["host"], credentials.get("port", 5432)
    return f"postgres://{user}:{password}@{host}:{port}/{credentials['db_name']}"


def _with_tls(uri):
    parts = urlsplit(uri)
    return urlunsplit(parts._replace(scheme="rediss")) if parts.scheme == "redis" else uri


def _redis_url(services):
    elasticache = _instances(services, ("aws-elasticache-redis",))
    credentials = _one(_instances(services, REDIS_OFFERINGS), "Redis")
    if credentials is None:
        return _user_provided_with_scheme(services, {"redis", "rediss"})
    if credentials.get("uri"):
        # cloud.gov's ElastiCache speaks TLS only, though its broker's uri says redis://.
        return _with_tls(credentials["uri"]) if elasticache else credentials["uri"]
    password = quote(credentials.get("password", ""), safe="")
    host = credentials.get("host") or credentials["hostname"]
    return f"rediss://:{password}@{host}:{credentials.get('port') or 6379}/0"


def _s3_variables(services):
    credentials = _one(_instances(services, S3_OFFERINGS), "S3")
    if credentials is None:
        return {}
    variables = {
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": credentials["bucket"],
        "MEDIA_S3_REGION": credentials.get("region", ""),
        "MEDIA_S3_ACCESS_KEY_ID": credentials.get("access_key_id", ""),
        "MEDIA_S3_SECRET_ACCESS_KEY": credentials.get("secret_access_key", ""),
    }
    # cloud.gov offers a FIPS endpoint besides the regional one; federal
    # systems use the FIPS one.
    endpoint = credentials.get("fips_endpoint") or credentials.get("endpoint")
    if endpoint:
        variables["MEDIA_S3_ENDPOINT_URL"] = endpoint if "://" in endpoint else f"https://{endpoint}"
    return variables


def environment_from_vcap(vcap_services):
    """``{variable: value}`` for every bound service found in the JSON text."""
    try:
        services = json.loads(vcap_services)
    except ValueError as error:
        raise ImproperlyConfigured(f"VCAP_SERVICES is not valid JSON: {error}") from None
    if not isinstance(services, dict):
        raise ImproperlyConfigured("VCAP_SERVICES must be a JSON object of service offerings.")
    try:
        variables = {
            "DATABASE_URL": _database_url(services),
            "REDIS_URL": _redis_url(services),
            **_s3_variables(services),
        }
    except (KeyError, TypeError, IndexError) as error:
        raise ImproperlyConfigured(f"VCAP_SERVICES is missing a credential the app needs: {error}") from None
    return {name: value for name, value in variables.items() if value}


def apply_vcap_services(environ):
    """Fill ``environ`` from ``VCAP_SERVICES`` when present; explicit variables win.

    Returns the names it filled in.
    """
    vcap_services = environ.get("VCAP_SERVICES", "").strip()
    if not vcap_services:
        return []
    filled = []
    for name, value in environment_from_vcap(vcap_services).items():
        if not environ.get(name, "").strip():
            environ[name] = value
            filled.append(name)
    return filled
