"""What a send's failure means, and asking the provider what it accepted.

A call to the provider can end three ways: accepted, refused (the provider
answered no, or the connection never opened, so nothing was handed over), or
**unknown** (the request went out and no answer came back: a read timeout, a
dropped connection, a 5xx). An unknown outcome is never treated as refused:
the row stays claimed until its lease runs out, and then
``rescue_restore.outbox.mail`` / ``listserv.sending`` ask the provider before sending
again.

Asking works where the backend offers ``sent_with_metadata(key, value)`` (the
project's Postmark backend: Postmark's outbound message search by custom
metadata). Every message the site sends carries its outbox row or bulletin
claim as metadata, so the search names exactly the messages of that attempt.
Other providers cannot be asked this way: their rows are sent again with the
same Message-ID (at least once, never silently lost; docs/operations.md).
"""

from typing import Any, Protocol, cast

import requests
from anymail.exceptions import AnymailAPIError
from django.core.mail import mailers
from django.core.mail.backends.base import BaseEmailBackend

# Metadata keys on every message (Postmark allows 10 keys of up to 20 characters).
OUTBOX_KEY = "rr_outbox"
CLAIM_KEY = "rr_claim"
DELIVERY_KEY = "rr_delivery"


class OutcomeUnknown(str):
    """A send outcome that is neither accepted nor refused; the text says why."""


# What the provider kept of a message it accepted: its metadata (JSON) and "_recipients".
type Accepted = dict[str, Any]


class SearchableBackend(Protocol):
    """A mail backend that can say which messages the provider accepted (``postmark.EmailBackend``)."""

    def sent_with_metadata(self, key: str, value: str) -> list[Accepted]: ...


class ProviderCannotAnswerError(Exception):
    """The provider has no search, or the search itself failed."""


def _connection_never_opened(error: BaseException) -> bool:
    """True when the request provably never reached the provider (refused or timed-out connect)."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if type(current).__name__ in {"NewConnectionError", "NameResolutionError"}:
            return True
        nested = [*getattr(current, "args", ()), getattr(current, "reason", None), current.__cause__]
        current = next((item for item in nested if isinstance(item, BaseException)), None)
    return False


def outcome_unknown(error: BaseException) -> bool:
    """Could the provider have accepted the message although the call raised ``error``?

    Only a network error after the request went out, or a provider error
    (5xx, an answer we could not read), leaves the outcome unknown. An HTTP
    4xx answer, a connection that never opened, or an error raised before
    the call (a bad address, a template) means nothing was accepted.
    """
    status_code = getattr(error, "status_code", None)
    if isinstance(error, AnymailAPIError) and status_code is not None:
        return bool(status_code >= 500)
    if isinstance(error, requests.RequestException):
        return not _connection_never_opened(error)
    return False


def can_ask(connection: BaseEmailBackend | None = None) -> bool:
    """Does the configured provider answer "did you accept this?"."""
    connection = connection or mailers.default
    return callable(getattr(connection, "sent_with_metadata", None))


def accepted_with(key: str, value: object, connection: BaseEmailBackend | None = None) -> list[Accepted]:
    """Metadata of every message the provider accepted with ``key`` = ``value``.

    Raises ``ProviderCannotAnswerError`` when the provider has no search or the
    search failed: the caller then sends again with the same Message-ID.
    """
    connection = connection or mailers.default
    if not can_ask(connection):
        raise ProviderCannotAnswerError(f"{type(connection).__name__} has no search for sent messages")
    searchable = cast(SearchableBackend, connection)  # can_ask has seen its search
    return searchable.sent_with_metadata(key, str(value))
