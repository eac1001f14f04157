"""The word-level comparison staff read before rolling back or approving: words, not line endings or Markdown."""

from rescue_restore.kernel.revisions import (
    compare_fields,
    normalize_line_endings,
    readable_text,
    segments_html,
    word_diff,
)


def test_line_endings_alone_are_not_a_change():
    [title, body] = compare_fields(
        {"title": "Signs", "body": "One paragraph.\n\nAnother one."},
        {"title": "Signs", "body": "One paragraph.\r\n\r\nAnother one."},
    )
    assert (title.changed, body.changed) == (False, False)
    assert normalize_line_endings("a\r\nb\rc\n") == "a\nb\nc\n"


def test_markdown_that_reads_the_same_is_not_a_change():
    [body] = compare_fields({"body": "See [the hotline](/hotline/)."}, {"body": "See [the hotline]( /hotline/ )."})
    assert not body.changed
    assert readable_text("A **bold** word.\n\n- one\n- two") == "A bold word.\none\ntwo"


def test_a_changed_word_is_shown_once_on_each_side():
    before, after = word_diff("Call the hotline today.", "Text the hotline now.")
    assert segments_html(before) == "<del>Call</del> the hotline <del>today</del>."
    assert segments_html(after) == "<ins>Text</ins> the hotline <ins>now</ins>."


def test_neighbouring_changed_words_read_as_one_change():
    before, after = word_diff("Call the hotline.", "A mistaken change.")
    assert segments_html(before) == "<del>Call the hotline</del>."
    assert segments_html(after) == "<ins>A mistaken change</ins>."


def test_text_is_escaped():
    before, after = word_diff("<b>x</b>", "<script>alert(1)</script>")
    assert "<script>" not in segments_html(after)
    assert "&lt;" in segments_html(after)
    assert "<b>" not in segments_html(before)


def test_a_real_edit_is_a_change():
    [summary] = compare_fields({"summary": "Free materials."}, {"summary": "Free printed materials."})
    assert summary.changed
    assert segments_html(summary.after) == "Free<ins> printed</ins> materials."


def test_a_line_break_inside_a_paragraph_reads_as_a_space():
    text = readable_text("One sentence\nwraps here.\r\n\r\nNext paragraph.")
    assert text == "One sentence wraps here.\nNext paragraph."
