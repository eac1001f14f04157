"""gunicorn.conf.py: loopback by default, proxies from TRUSTED_PROXIES, an access log without tokens or people."""

import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from gunicorn.glogging import Logger

from rescue_restore.web.requestlog import redact_path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def load(monkeypatch, **env):
    for name in ("GUNICORN_BIND", "TRUSTED_PROXIES", "VCAP_APPLICATION", "PORT", "GUNICORN_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_defaults_listen_on_loopback_and_trust_only_loopback(monkeypatch):
    conf = load(monkeypatch)
    assert conf["bind"] == ["127.0.0.1:8000"]
    assert conf["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert 3 <= conf["workers"] <= 12


def test_environment_sets_bind_and_trusted_proxies(monkeypatch):
    conf = load(monkeypatch, GUNICORN_BIND="unix:/run/rr/gunicorn.sock", TRUSTED_PROXIES="10.0.0.0/8, 192.0.2.1")
    assert conf["bind"] == ["unix:/run/rr/gunicorn.sock"]
    assert conf["forwarded_allow_ips"] == "10.0.0.0/8, 192.0.2.1"


def test_cloud_foundry_listens_on_its_port(monkeypatch):
    conf = load(monkeypatch, VCAP_APPLICATION="{}", PORT="8080")
    assert conf["bind"] == ["0.0.0.0:8080"]


def test_access_log_atoms_hold_no_address_agent_query_or_token(monkeypatch):
    conf = load(monkeypatch)
    logger = conf["RedactingLogger"].__new__(conf["RedactingLogger"])
    token = "kV3b9-QxZr0_TmPq7LwYs2NcHd8FjGa4eUoRi6BtXyM"
    environ = {
        "REMOTE_ADDR": "198.51.100.23",
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/materials/orders/{token}/?email=person@example.org",
        "PATH_INFO": f"/materials/orders/{token}/",
        "QUERY_STRING": "email=person@example.org",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": "Mozilla/5.0 (person's phone)",
        "HTTP_REFERER": "https://mail.example.org/inbox",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[("X-Request-ID", "abc123")])
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=secret")])
    logger.cfg = SimpleNamespace(access_log_format=conf["access_log_format"])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=12))
    line = conf["access_log_format"] % atoms
    assert line.endswith('"GET /materials/orders/[token]/" 200 512 12ms request_id=abc123')
    everything = repr(atoms)
    for secret in (token, "person@example.org", "198.51.100.23", "person's phone", "mail.example.org", "secret"):
        assert secret not in everything

    # Made directly (gunicorn's own atoms copy every header and environ key first): every atom
    # gunicorn makes but those is here, with gunicorn's value unless it could identify someone.
    gunicorns = Logger.atoms(logger, response, request, environ, timedelta(milliseconds=12, microseconds=345))
    ours = logger.atoms(response, request, environ, timedelta(milliseconds=12, microseconds=345))
    assert set(ours) == {name for name in gunicorns if not name.endswith(("}i", "}e"))}
    redacted = {"h", "u", "a", "f", "q", "r", "U", "t"}
    assert {name: ours[name] for name in ours if name not in redacted} == {
        name: gunicorns[name] for name in ours if name not in redacted
    }
    logger.cfg = SimpleNamespace(access_log_format="%(t)s " + conf["access_log_format"])
    assert logger.atoms(response, request, environ, timedelta(milliseconds=12))["t"].startswith("[")


def test_slugs_stay_and_tokens_go():
    assert (
        redact_path("/materials/look-beneath-the-surface-brochure/") == "/materials/look-beneath-the-surface-brochure/"
    )
    assert redact_path("/listserv/confirm/eyJzIjoxfQ:1tXyZ:abcDEF0123456789/") == "/listserv/confirm/[token]/"
    assert redact_path("/") == "/"


def test_the_master_imports_no_app_package_so_a_reload_loads_the_new_release():
    """What gunicorn's master imports, the workers it forks keep: a HUP must not serve old code."""
    code = (
        "import runpy, sys; runpy.run_path(sys.argv[1]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'rescue_restore', 'campaign', 'materials', 'coalitions', 'listserv', 'django'}))"
    )
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", code, str(CONF)], cwd=CONF.parent, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
