"""The public pages a visitor reaches by following links from the home page.

Used by the validator, the no-sideways-scroll and the axe tests, so all three
look at the same pages. The Django test client does the crawl (fast, in
process); each test then checks the pages its own way.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

# Not public pages, or not HTML: the admin, files, feeds and machine-readable endpoints.
SKIPPED_PREFIXES = (
    "/admin/",
    "/static/",
    "/media/",
    "/anymail/",
    "/healthz",
    "/sitemap.xml",
    "/robots.txt",
    "/.well-known/",
)
SKIPPED_SUFFIXES = (".pdf", ".png", ".jpg", ".svg", ".csv", ".txt", ".xml", ".ico")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _site_path(href):
    """The path of a link to another page of this site, without query or fragment; None for anything else."""
    href, _fragment = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = parts.path
    if path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
        return None
    return path


def crawl(client, start="/", limit=150, within="/", broken=None):
    """``{path: html}`` for every HTML page reached from ``start`` (query strings dropped), at most ``limit``.

    Only links under ``within`` are followed (``"/es/"``: the Spanish site, not
    its links to the English pages). A page that does not answer 200 is left
    out; one that answers an error (4xx, 5xx) is recorded as ``(path, status)``
    in ``broken`` when a list is given.
    """
    pages, queue, seen = {}, [start], {start}
    while queue and len(pages) < limit:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code != 200:
            if broken is not None and response.status_code >= 400:
                broken.append((path, response.status_code))
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        pages[path] = html
        parser = _Links()
        parser.feed(html)
        for href in parser.hrefs:
            target = _site_path(href)
            if target and target.startswith(within) and target not in seen:
                seen.add(target)
                queue.append(target)
    return pages
