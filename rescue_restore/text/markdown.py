"""Markdown written by staff (campaign pages, bulletins) → sanitized HTML.

One renderer for every app, so a page and a bulletin follow the same rules:

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
    """True for a link that leaves for a host that is neither federal nor this site.

    Protocol-relative links (``//host/path``) count, and so do malformed
    absolute ones such as ``http:host`` (a browser on an https page reads it
    as ``http://host/``): when in doubt, the reader is told they may leave.
    """
    parts = urlsplit(href.strip())
    if parts.scheme not in {"", "http", "https"}:
        return False  # mailto:, tel: and relative paths stay
    if not parts.hostname:
        return parts.scheme != ""  # "http:host" has a scheme but no parsed host
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


def render_markdown(text: str | None, *, absolute_base: str = "") -> str:
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


def render_translated_body(instance, save_kwargs, source="body", target="body_html"):
    """Fill ``target`` from ``source`` Markdown in every language before a save.

    The models with a Markdown body keep a rendered copy per language
    (``body_html_en``, ``body_html_es``…; docs/i18n.md). A language with no
    text gets an empty copy, so it falls back to the default language's.
    ``save_kwargs`` is the caller's ``save()`` keyword arguments: when it names
    ``update_fields`` that include the body, the rendered copies are added.
    """
    changed = set()
    for code, _name in settings.LANGUAGES:
        text = getattr(instance, f"{source}_{code}", None) or ""
        setattr(instance, f"{target}_{code}", render_markdown(text) if text else "")
        changed |= {f"{source}_{code}", f"{target}_{code}"}
    update_fields = save_kwargs.get("update_fields")
    # "body" or any language's column ("body_en": what update_or_create names) re-renders them all.
    if update_fields is not None and (source in update_fields or changed & set(update_fields)):
        save_kwargs["update_fields"] = {*update_fields, *changed, target}
