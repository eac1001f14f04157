"""Every public page is valid HTML, checked with the Nu HTML Checker (npm vnu-jar, the W3C validator).

The checker needs Java (Debian's default-jre-headless); it reads all pages in one run.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from tests.browser.crawl import crawl

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _failed_forms(form_data):
    """Public forms sent empty: the error summary and error messages are page chrome too."""
    client = Client()
    return {
        "/contact/ (errors)": client.post("/contact/", form_data()).content.decode(),
        "/coalitions/request/ (errors)": client.post("/coalitions/request/", form_data()).content.decode(),
        "/listserv/ (errors)": client.post("/listserv/", form_data()).content.decode(),
    }


def test_every_public_page_is_valid_html(seeded_db, form_data, tmp_path):
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing: run `apt-get install -y default-jre-headless`.")
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `npm ci` (make setup does).")
    client = Client()
    pages = crawl(client)
    assert len(pages) > 30, sorted(pages)  # the crawl really walked the site
    pages["/search/?q=trafficking"] = client.get("/search/", {"q": "trafficking"}).content.decode()
    pages["/no-such-page/ (404)"] = client.get("/no-such-page/").content.decode()
    pages.update(_failed_forms(form_data))

    names = {}
    for number, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"page-{number}.html"
        path.write_text(html)
        names[path.name] = name
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(map(str, tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = []
    for message in messages:
        if message.get("type") == "error":
            page = names.get(Path(message.get("url", "")).name, message.get("url"))
            errors.append(f"{page} line {message.get('lastLine')}: {message['message']}")
    assert errors == [], "\n".join(errors)
