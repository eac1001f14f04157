"""Page bodies are Markdown; nothing in them can run script in a reader's browser."""

from html.parser import HTMLParser

import pytest

from rescue_restore.text.markdown import is_external, render_markdown


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "Hello <img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="https://x.example" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        "<svg onload=alert(1)>",
        '![x](https://evil.example/x.png" onerror="alert(1))',
        "<<script>script>alert(1)<</script>/script>",
    ],
)
def test_markdown_cannot_inject_script(body):
    elements = parse_elements(render_markdown(body))
    tags = {tag for tag, _attrs in elements}
    assert not tags & {"script", "iframe", "svg", "img", "object", "embed", "style"}
    for _tag, attrs in elements:
        for name, value in attrs:
            assert not name.startswith("on"), (name, value)
            if name in {"href", "src"}:
                assert value.split(":")[0].lower() in {"http", "https", "mailto", "tel"} or value.startswith("/")


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))


def parse_elements(html):
    collector = _Collector()
    collector.feed(html)
    return collector.elements


def test_raw_html_is_shown_as_text_not_dropped_silently():
    assert "&lt;script&gt;" in render_markdown("<script>alert(1)</script>")


def test_ordinary_markdown_still_renders():
    html = render_markdown("## Signs\n\n- bruises\n- **no passport**\n\n[Hotline](tel:+18883737888)")
    assert "<h2>Signs</h2>" in html
    assert "<strong>no passport</strong>" in html
    assert 'href="tel:+18883737888"' in html


def test_non_federal_link_is_marked_and_followed_by_the_disclaimer_link():
    html = render_markdown("See [Polaris](https://polarisproject.org/about).")
    assert 'class="usa-link rr-exit-link" href="https://polarisproject.org/about"' in html
    assert '<a class="usa-link rr-exit-disclaimer" href="/disclaimer/"' in html
    # The link goes straight to its address: no redirect through this site.
    assert "/disclaimer/?" not in html


@pytest.mark.parametrize(
    ("href", "external"),
    [
        ("https://www.hhs.gov/", False),
        ("https://oig.hhs.gov/x", False),
        ("https://www.army.mil", False),
        ("/materials/", False),
        ("mailto:someone@example.org", False),
        ("https://polarisproject.org/", True),
        ("https://hhs.gov.evil.example/", True),
        ("https://evilgov/", True),
        ("//evil.example.com/x", True),
        ("//www.hhs.gov/x", False),
        ("http:evil.example.com", True),
        ("HTTPS://Polarisproject.org", True),
    ],
)
def test_is_external(href, external):
    assert is_external(href) is external
