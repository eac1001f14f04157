"""Issue 20 item 7: `make audit-deps` says plainly what it could not check, and fails on what it found.

The advisory sources are replaced here (no network in tests): the script's own
reachability check and the two tools' JSON answers.
"""

import importlib.machinery
import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def audit(monkeypatch, tmp_path):
    loader = importlib.machinery.SourceFileLoader("audit_deps", str(ROOT / "bin" / "audit-deps"))
    spec = importlib.util.spec_from_loader("audit_deps", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    monkeypatch.setattr(module, "REPORT", tmp_path / "var" / "audit" / "deps-report.txt")
    monkeypatch.setattr(module, "ROOT", tmp_path)
    module.lines.clear()
    return module


def answers(monkeypatch, audit, pip_json, npm_json):
    def fake_run(command, **kwargs):
        output = npm_json if "audit" in command[1:2] else pip_json  # `npm audit …` or pip-audit
        return subprocess.CompletedProcess(command, 0, stdout=json.dumps(output), stderr="")

    monkeypatch.setattr(audit.subprocess, "run", fake_run)
    monkeypatch.setattr(audit, "reachable", lambda url, post=False: "")
    monkeypatch.setattr(audit, "PIP_AUDIT", ROOT / "bin" / "audit-deps")  # any file that exists


CLEAN_NPM = {"metadata": {"vulnerabilities": {"low": 0, "high": 0, "total": 0}, "dependencies": {"total": 3}}}


def test_unreachable_sources_are_reported_as_not_checked(audit, monkeypatch, capsys):
    monkeypatch.setattr(audit, "reachable", lambda url, post=False: f"{url} could not be reached (no network)")
    monkeypatch.delenv("AUDIT_DEPS_REQUIRE", raising=False)
    assert audit.main() == 0
    out = capsys.readouterr().out
    assert out.count("NOT CHECKED: the advisory source is not reachable") == 2
    assert "Some advisory sources were not checked" in out
    assert "NOT CHECKED" in audit.REPORT.read_text()
    monkeypatch.setenv("AUDIT_DEPS_REQUIRE", "1")
    assert audit.main() == 2


def test_packages_the_source_could_not_audit_are_not_a_pass(audit, monkeypatch, capsys):
    skipped = {"dependencies": [{"name": "django", "version": "6.1.3", "skip_reason": "not found"}]}
    answers(monkeypatch, audit, skipped, CLEAN_NPM)
    assert audit.main() == 0
    assert "NOT CHECKED: the advisory source answered for none of the 1 packages" in capsys.readouterr().out


def test_a_known_vulnerability_fails_and_is_named(audit, monkeypatch, capsys):
    found = {
        "dependencies": [
            {"name": "django", "version": "6.1.3", "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["6.1.4"]}]},
            {"name": "nh3", "version": "0.3.0", "vulns": []},
        ]
    }
    answers(monkeypatch, audit, found, CLEAN_NPM)
    assert audit.main() == 1
    out = capsys.readouterr().out
    assert "2 packages checked, 1 known vulnerabilities." in out
    assert "django 6.1.3: PYSEC-2099-1 (fixed in: 6.1.4)" in out


def test_clean_answers_from_both_sources_pass(audit, monkeypatch, capsys):
    answers(monkeypatch, audit, {"dependencies": [{"name": "django", "version": "6.1.3", "vulns": []}]}, CLEAN_NPM)
    assert audit.main() == 0
    assert "NOT CHECKED" not in capsys.readouterr().out
