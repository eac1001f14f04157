"""Bytes a first visit transfers, as headless Chromium counts them (compressed, headers included).

``python bench/weight.py http://127.0.0.1:8110/ http://127.0.0.1:8110/materials/`` prints one JSON
object per address: total and per resource type (document, stylesheet, script, font, image).
Each address is a first visit: a fresh browser context, nothing cached.
"""

import json
import sys

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


def weigh(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle", timeout=30_000)
    by_type = {}
    for request in finished:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        by_type[request.resource_type] = by_type.get(request.resource_type, 0) + size
    page.close()
    context.close()
    return {"url": url, "total": sum(by_type.values()), "requests": len(finished), "by_type": by_type}


def main(urls):
    for url in urls:
        if not url.startswith(("http://127.", "http://localhost")):
            raise SystemExit("Page weight is only measured on this machine (loopback).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            for url in urls:
                print(json.dumps(weigh(browser, url)))
        finally:
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
