"""Compare two revisions of staff-written text as a person reads it: words, not Markdown or line endings.

``compare_fields`` takes two versions of the same fields (``{"title": …,
"body": …}``) and answers, per field, whether it changed and the two sides of
a word-level diff. Markdown is compared as the text a reader sees (its
rendering, without tags), so a reformatted link or a moved ``**`` is not
reported as a rewrite, and text that differs only in line endings (a browser
posts CRLF) is the same text.
"""

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, overload

from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString

from rescue_restore.text.markdown import render_markdown

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|pre|blockquote|tr)>|<br\s*/?>", re.IGNORECASE)


@overload
def normalize_line_endings(text: str) -> str: ...
@overload
def normalize_line_endings(text: None) -> None: ...
@overload
def normalize_line_endings(text: str | None) -> str | None: ...
def normalize_line_endings(text: str | None) -> str | None:
    """CRLF and lone CR → LF (trailing spaces stay: two of them are a Markdown line break)."""
    if not text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def readable_text(markdown_text: str | None) -> str:
    """What a reader sees of staff Markdown: its rendered text, one paragraph per line."""
    rendered = render_markdown(normalize_line_endings(markdown_text or ""))
    # A line break inside a paragraph is a space to the reader; the end of a block is a new line.
    rendered = _BLOCK_END.sub("\n", rendered.replace("\n", " "))
    lines = (" ".join(line.split()) for line in html.unescape(strip_tags(rendered)).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "removed" or "added"
    text: str


@dataclass(frozen=True)
class FieldComparison:
    name: str
    changed: bool
    before: list[Segment]  # "same" and "removed"
    after: list[Segment]  # "same" and "added"

    @property
    def before_html(self) -> SafeString:
        return segments_html(self.before)

    @property
    def after_html(self) -> SafeString:
        return segments_html(self.after)


_MARKUP = {"same": "{}", "removed": "<del>{}</del>", "added": "<ins>{}</ins>"}


def segments_html(segments: list[Segment]) -> SafeString:
    """One side of a diff as escaped HTML: removed words in ``<del>``, added ones in ``<ins>``, no stray spaces."""
    return format_html_join("", "{}", ((format_html(_MARKUP[segment.kind], segment.text),) for segment in segments))


def _merged(segments: list[Segment]) -> list[Segment]:
    """Adjacent segments of one kind joined, and a lone space between two changes made part of them.

    "<del>Call</del> <del>the</del>" reads as three edits; "<del>Call the</del>" as one.
    """
    merged: list[Segment] = []
    for index, segment in enumerate(segments):
        if segment.kind == "same" and not segment.text.strip() and 0 < index < len(segments) - 1:
            before, after = segments[index - 1], segments[index + 1]
            if before.kind != "same" and before.kind == after.kind:
                segment = Segment(before.kind, segment.text)
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged


def word_diff(old: str | None, new: str | None) -> tuple[list[Segment], list[Segment]]:
    """The two sides of a word-level diff: ``(before, after)``, each a list of ``Segment``."""
    old_tokens, new_tokens = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    before, after = [], []
    matcher = SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        old_text, new_text = "".join(old_tokens[old_start:old_end]), "".join(new_tokens[new_start:new_end])
        if operation == "equal":
            before.append(Segment("same", old_text))
            after.append(Segment("same", new_text))
            continue
        if old_text:
            before.append(Segment("removed", old_text))
        if new_text:
            after.append(Segment("added", new_text))
    return _merged(before), _merged(after)


def compare_fields(
    old: Mapping[str, str | None], new: Mapping[str, str | None], markdown_fields: Iterable[str] = ("body",)
) -> list[FieldComparison]:
    """``[FieldComparison]`` for every field named in ``old`` (a dict), in its order."""
    comparisons = []
    for name, old_value in old.items():
        new_value = new.get(name)
        if name in markdown_fields:
            old_text, new_text = readable_text(old_value), readable_text(new_value)
        else:
            # Plain text: what a reader sees does not start or end with blank space or a line break.
            old_text = normalize_line_endings(old_value or "").strip()
            new_text = normalize_line_endings(new_value or "").strip()
        before, after = word_diff(old_text, new_text)
        comparisons.append(FieldComparison(name, old_text != new_text, before, after))
    return comparisons


def revisions_context(
    history: Any, query: Mapping[str, str], fields: Iterable[str], markdown_fields: Iterable[str] = ("body",)
) -> dict[str, Any]:
    """What the revisions page shows: every saved version (newest first) and two of them compared.

    ``history`` is a django-simple-history manager of one object; ``query`` the
    request's GET (``a``: the older revision's id, ``b``: the newer one's,
    ``language``); unknown values fall back to the two latest versions in the
    default language, so a hand-edited address never fails.
    """
    from django.conf import settings

    revisions = list(history.select_related("history_user").order_by("-history_date", "-history_id"))
    by_id = {str(revision.history_id): revision for revision in revisions}
    language = query.get("language", settings.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    newer = by_id.get(query.get("b", "")) or (revisions[0] if revisions else None)
    older = by_id.get(query.get("a", "")) or (revisions[1] if len(revisions) > 1 else newer)
    comparison = []
    if older is not None and newer is not None:

        def text(revision: Any) -> dict[str, str]:
            return {field: getattr(revision, f"{field}_{language}", "") or "" for field in fields}

        comparison = compare_fields(text(older), text(newer), markdown_fields)
    return {
        "revisions": revisions,
        "older": older,
        "newer": newer,
        "language": language,
        "languages": settings.LANGUAGES,
        "comparison": comparison,
    }
