"""Screenshots of the browser journeys, for a person to review: var/screenshots/browser/ (git-ignored)."""

import re
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "browser"


def screenshot(page, name, width=None, full_page=False):
    FOLDER.mkdir(parents=True, exist_ok=True)
    width = width or page.viewport_size["width"]
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "page"
    path = FOLDER / f"{slug}-{width}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
