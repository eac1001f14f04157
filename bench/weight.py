"""Bytes a first visit transfers, as headless Chromium counts them (compressed, headers included).

``python bench/weight.py http://127.0.0.1:8110/ http://127.0.0.1:8110/materials/`` prints one JSON
object per address and viewport (desktop 1280 x 720, phone 375 x 667 at 2x): total and per resource
type (document, stylesheet, script, font, image). Each is a first visit: a fresh browser context,
nothing cached; the page is scrolled nowhere, so lazy images load only as the browser's own
lazy-load distance from the first screen decides.
"""

import json
import sys

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 720}},
    "phone": {
        "viewport": {"width": 375, "height": 667},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}


def weigh(browser, url, viewport="desktop"):
    context = browser.new_context(**VIEWPORTS[viewport])
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
    total = sum(by_type.values())
    return {"url": url, "viewport": viewport, "total": total, "requests": len(finished), "by_type": by_type}


def main(urls):
    for url in urls:
        if not url.startswith(("http://127.", "http://localhost")):
            raise SystemExit("Page weight is only measured on this machine (loopback).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            for viewport in VIEWPORTS:
                for url in urls:
                    print(json.dumps(weigh(browser, url, viewport)))
        finally:
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
