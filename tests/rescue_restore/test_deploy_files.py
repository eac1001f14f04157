"""The deploy files agree with each other: locks hashed, cloud.gov sized and pinned, nothing heavy uploaded."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def requirement_blocks(path):
    """Each requirement of a pip-compile lock file with its continuation lines, as one string."""
    text = (ROOT / path).read_text().replace("\\\n", " ")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_every_locked_package_is_pinned_with_hashes():
    for lock in ("requirements.txt", "requirements-dev.txt"):
        blocks = requirement_blocks(lock)
        assert len(blocks) > 40, lock
        for block in blocks:
            assert re.match(r"^[A-Za-z0-9._-]+==\S+ ", block), f"{lock}: not pinned: {block[:80]}"
            assert "--hash=sha256:" in block, f"{lock}: no hash: {block[:80]}"


def test_the_runtime_and_dev_locks_name_the_same_version_of_every_shared_package():
    def pins(lock):
        return dict(block.split(" ", 1)[0].lower().split("==") for block in requirement_blocks(lock))

    runtime, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    assert set(runtime) <= set(dev)
    assert {name: version for name, version in runtime.items() if dev[name] != version} == {}
    assert "fonttools" in runtime  # bin/build-release builds the assets from the runtime set


def test_the_buildpack_python_is_the_project_python():
    version = (ROOT / ".python-version").read_text().strip()
    assert (ROOT / "runtime.txt").read_text().strip() == f"python-{version}.x"


def test_cfignore_leaves_out_what_the_platform_never_runs_and_keeps_what_it_does():
    ignored = {line.strip() for line in (ROOT / ".cfignore").read_text().splitlines() if line.strip()}
    assert {"node_modules/", ".venv/", "var/", ".git/", "tests/"} <= ignored
    for needed in ("requirements.txt", "runtime.txt", "build/", "build/static/", "build/collected/", "locale/"):
        assert needed not in ignored


def test_cloud_gov_web_memory_and_workers_are_set_together_from_the_measured_sizes():
    text = (ROOT / "deploy" / "cloudgov" / "manifest.yml").read_text()
    measured = re.search(r"measured: gunicorn master (\d+) MB, each web worker (\d+) MB", text)
    assert measured, "the manifest names the measured sizes it is sized from"
    master, per_worker = int(measured.group(1)), int(measured.group(2))
    manifest = yaml.safe_load(text)
    [web] = [app for app in manifest["applications"] if app["name"].endswith("-web")]
    workers = int(web["env"]["GUNICORN_WORKERS"])
    memory = int(web["memory"].removesuffix("M"))
    assert workers >= 2
    # Room for every worker and the master, and a quarter more for a request's peak.
    assert memory >= (master + workers * per_worker) * 1.25
    for app in manifest["applications"]:
        assert "GUNICORN_WORKERS" not in app["env"] or app is web
        assert app["env"]["DJANGO_ENV"] == "production"


def test_the_nginx_example_fits_debian_12s_nginx():
    conf = (ROOT / "deploy" / "nginx" / "rescue-restore.conf").read_text()
    directives = [line.strip() for line in conf.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert "http2 on;" not in directives  # nginx 1.25.1 and later only
    first_server = directives.index("server {")
    assert any(line.startswith("log_format") for line in directives[:first_server])
    assert not any(line.startswith("log_format") for line in directives[first_server:])
    assert conf.count("proxy_hide_header Strict-Transport-Security;") == conf.count("proxy_pass ")
