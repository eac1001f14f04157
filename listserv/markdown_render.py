"""Bulletin bodies: Markdown in, sanitized HTML out (the same rules as campaign pages).

Kept in this app rather than imported, because apps never import each other.

1. Raw HTML typed into the Markdown is not passed through (it shows as text).
2. Links to sites that are not federal are marked as leaving the site and
   followed by a link to the exit disclaimer. With ``absolute_base`` (emails)
   site-relative links become absolute, since a mail client has no site.
3. ``nh3`` cleans the result against an allow-list, so even a bug in the
   steps above cannot let a script or an event handler through.
"""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
import nh3
from django.conf import settings
from django.urls import reverse

FEDERAL_SUFFIXES = (".gov", ".mil")
ALLOWED_TAGS = {
    *("a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre"),
    *("span", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul"),
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_CLASSES = {"a": {"usa-link", "rr-exit-link", "rr-exit-disclaimer"}}


def is_external(href):
    """True for an absolute http(s) link to a host that is neither federal nor this site."""
    parts = urlsplit(href)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return False
    host = parts.hostname.lower().rstrip(".")
    return not (host == urlsplit(settings.SITE_URL).hostname or host.endswith(FEDERAL_SUFFIXES))


class _Links(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md, absolute_base):
        super().__init__(md)
        self.absolute_base = absolute_base

    def _absolute(self, href):
        if self.absolute_base and href.startswith("/") and not href.startswith("//"):
            return self.absolute_base + href
        return href

    def run(self, root):
        disclaimer_url = self._absolute(reverse("campaign:disclaimer"))
        for parent in root.iter():
            for index, child in reversed(list(enumerate(parent))):
                if child.tag != "a":
                    continue
                href = self._absolute(child.get("href", ""))
                child.set("href", href)
                child.set("class", "usa-link")
                if not is_external(href):
                    continue
                child.set("class", "usa-link rr-exit-link")
                notice = ElementTree.Element("a", {"href": disclaimer_url, "class": "usa-link rr-exit-disclaimer"})
                notice.text = "exit disclaimer"
                notice.tail = ")" + (child.tail or "")
                child.tail = " ("
                parent.insert(index + 1, notice)


class _SafeMarkdown(markdown.Extension):
    def __init__(self, absolute_base=""):
        super().__init__()
        self.absolute_base = absolute_base

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Links(md, self.absolute_base), "rr_links", 1)


def render_markdown(text, *, absolute_base=""):
    """Markdown → sanitized HTML string, ready to be marked safe in a template."""
    html = markdown.markdown(
        text or "", extensions=[_SafeMarkdown(absolute_base), "tables", "sane_lists"], output_format="html"
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
