"""A form's signed start time: signed once a second per process, and still each second's own."""

from unittest import mock

import pytest
from django.core import signing

from rescue_restore.web import form_clock


def test_the_same_second_gives_the_same_signed_time_and_the_next_a_new_one():
    with mock.patch("time.time", return_value=1_800_000_000.2):
        first = form_clock.signed_start_time()
        assert form_clock.signed_start_time() == first
    with mock.patch("time.time", return_value=1_800_000_001.1):
        later = form_clock.signed_start_time()
        assert later != first
        assert form_clock.started_at(later) == 1_800_000_001


def test_a_new_secret_key_is_never_answered_with_the_old_keys_signature(settings):
    with mock.patch("time.time", return_value=1_800_000_000.5):
        old = form_clock.signed_start_time()
        settings.SECRET_KEY = "another secret key, long enough to be a real one: 0123456789abcdef"
        new = form_clock.signed_start_time()
        assert new != old
        assert form_clock.started_at(new) == 1_800_000_000
        with pytest.raises(signing.BadSignature):
            form_clock.started_at(old)
