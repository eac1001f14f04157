"""Lighthouse (mobile) scores of the key pages, served as production serves them.

``python bench/lighthouse.py http://127.0.0.1:8110 / /materials/`` runs Lighthouse from npm
(``node_modules/.bin/lighthouse``, the version package.json pins) with Debian's Chromium for
each path, mobile form factor and Lighthouse's default simulated throttling, and prints one JSON
object per path: the four category scores (0-100) and the report's path under ``var/bench/``.
``make audit`` runs the same pages against a local gunicorn without the benchmark's data set.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
KEY_PAGES = ["/", "/materials/", "/materials/order/", "/coalitions/", "/listserv/"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _report_name(path):
    name = "".join(character if character.isalnum() else "-" for character in path).strip("-")
    return f"lighthouse-{name or 'home'}"


def _percent(score):
    return None if score is None else round(score * 100)  # None: Lighthouse could not score it


def audit(base, path, reports):
    report = reports / _report_name(path)
    command = [
        str(LIGHTHOUSE),
        f"{base}{path}",
        "--quiet",
        "--form-factor=mobile",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync",
        "--output=json",
        f"--output-path={report}.json",
    ]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    # Lighthouse (or its Chromium) now and then fails to start on a loaded machine: try again once,
    # and if it still fails, say why and report the page unscored rather than lose the whole run.
    for attempt in (1, 2):
        result = subprocess.run(command, env=environment, check=False, capture_output=True, text=True, timeout=300)  # noqa: S603
        if result.returncode == 0:
            break
        print(f"lighthouse {path}, attempt {attempt}: {result.stderr.strip()[-500:]}", file=sys.stderr)
    else:
        return {"path": path, "scores": dict.fromkeys(CATEGORIES), "report": None}
    categories = json.loads(Path(f"{report}.json").read_text())["categories"]
    scores = {key: _percent(categories[key]["score"]) for key in CATEGORIES}
    return {"path": path, "scores": scores, "report": str(Path(f"{report}.json").relative_to(ROOT))}


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    base, paths = sys.argv[1].rstrip("/"), sys.argv[2:] or KEY_PAGES
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: run make setup")
    reports = ROOT / "var" / "bench"
    reports.mkdir(parents=True, exist_ok=True)
    for path in paths:
        print(json.dumps(audit(base, path, reports)), flush=True)


if __name__ == "__main__":
    main()
