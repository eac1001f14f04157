"""anymail's Postmark backend, plus ``send_batch``: many messages, each its own, in one API call.

Postmark's ``email/batch`` endpoint takes up to 500 complete messages in one
request and answers with one result per message. anymail only uses it for one
message with several recipients, where every recipient gets the same body
(``merge_data`` needs a template stored at Postmark). A bulletin has a personal
unsubscribe and preferences link in its body, so each recipient's message is
different: ``send_batch`` builds every message with anymail's own Postmark
payload (the same field mapping, headers, tracking and signals as a single
send) and posts their data together. docs/performance.md says why this, rather
than Postmark templates.

Any message that needs another endpoint (a template, merge data) is sent alone,
as anymail would.

``sent_with_metadata`` asks Postmark's outbound message search which messages
it accepted with a custom metadata value: how a row whose send outcome is
unknown is checked before it is sent again (``rescue_restore.outbox.provider``).
"""

from collections.abc import Iterable, Sequence
from typing import Any

import requests
from anymail.backends.postmark import EmailBackend as AnymailPostmarkBackend
from anymail.exceptions import AnymailError
from anymail.message import AnymailRecipientStatus, AnymailStatus
from django.core.mail import EmailMessage

from rescue_restore.outbox.provider import Accepted, OutcomeUnknown, ProviderCannotAnswerError, outcome_unknown

BATCH_LIMIT = 500  # Postmark's limit per email/batch request
SEARCH_PAGE = 500  # Postmark's limit per outbound search page
SEARCH_LIMIT = 10_000  # count + offset may not exceed this
BATCH_READ_TIMEOUT_FACTOR = 3  # a batch call carries up to 500 messages

# requests' timeout: seconds, or (connect, read).
type Timeout = float | tuple[float, float]
# One entry per message: None when Postmark accepted it, else why not (``OutcomeUnknown``: it may have).
type Outcome = str | None


def batch_timeout(timeout: Timeout) -> Timeout:
    """The (connect, read) timeout of a batch call: the read timeout times three."""
    if isinstance(timeout, tuple):
        connect, read = timeout
        return (connect, read * BATCH_READ_TIMEOUT_FACTOR)
    return timeout * BATCH_READ_TIMEOUT_FACTOR


class EmailBackend(AnymailPostmarkBackend):  # type: ignore[misc]  # anymail ships no types
    def send_batch(self, messages: Sequence[EmailMessage]) -> list[Outcome]:
        """Send ``messages``; return one entry per message: None if Postmark accepted it, else why not.

        A reason that is an ``OutcomeUnknown`` means the call went out and no
        answer came back: Postmark may have accepted those messages.

        Never raises for a refused message or a failed call: the caller records
        each outcome (a failed call fails every message in it; none is sent twice
        by this method).
        """
        created_session = self.open()
        try:
            outcomes: list[Outcome] = []
            for start in range(0, len(messages), BATCH_LIMIT):
                outcomes.extend(self._send_chunk(messages[start : start + BATCH_LIMIT]))
            return outcomes
        finally:
            if created_session:
                self.close()

    def _send_chunk(self, messages: Sequence[EmailMessage]) -> list[Outcome]:
        outcomes: list[Outcome] = [None] * len(messages)
        batched: list[int] = []
        payloads: list[Any] = []  # anymail's PostmarkPayload
        for index, message in enumerate(messages):
            message.anymail_status = AnymailStatus()  # type: ignore[attr-defined]  # anymail reads it
            if not self.run_pre_send(message) or not message.recipients():
                outcomes[index] = "Cancelled before sending."
                continue
            payload = self.build_message_payload(message, self.send_defaults)
            if payload.get_api_endpoint() != "email":
                outcomes[index] = self._send_alone(message)
                continue
            batched.append(index)
            payloads.append(payload)
        if not payloads:
            return outcomes
        try:
            response = self.session.post(
                self.api_url + "email/batch",
                data=payloads[0].serialize_json([payload.data for payload in payloads]),
                headers={**payloads[0].headers, "X-Postmark-Server-Token": payloads[0].server_token},
                timeout=batch_timeout(self.timeout),
            )
            answers = response.json() if response.status_code == 200 else None
        except (requests.RequestException, ValueError) as error:
            reason = f"{type(error).__name__}: {error}"
            # Sent and never answered (a read timeout, an unreadable answer): Postmark may have them.
            unknown = isinstance(error, ValueError) or outcome_unknown(error)
            return self._fail(outcomes, batched, OutcomeUnknown(reason[:300]) if unknown else reason)
        if not isinstance(answers, list):
            reason = f"Postmark answered {response.status_code}: {response.text[:200]}"
            return self._fail(outcomes, batched, OutcomeUnknown(reason) if response.status_code >= 500 else reason)
        for position, index in enumerate(batched):
            answer = answers[position] if position < len(answers) else None
            if not isinstance(answer, dict):
                outcomes[index] = "Postmark gave no answer for this message."
            elif answer.get("ErrorCode", 0) != 0:
                outcomes[index] = f"Postmark error {answer.get('ErrorCode')}: {answer.get('Message', '')}"[:300]
            else:
                accepted = AnymailRecipientStatus(message_id=answer.get("MessageID"), status="sent")
                status = messages[index].anymail_status  # type: ignore[attr-defined]  # set above
                status.set_recipient_status(dict.fromkeys(messages[index].to, accepted))
                self.run_post_send(messages[index])
        return outcomes

    def _send_alone(self, message: EmailMessage) -> Outcome:
        try:
            self._send(message)
        except AnymailError as error:
            reason = f"{type(error).__name__}: {error}"[:300]
            return OutcomeUnknown(reason) if outcome_unknown(error) else reason
        return None

    @staticmethod
    def _fail(outcomes: list[Outcome], indexes: Iterable[int], reason: str) -> list[Outcome]:
        for index in indexes:
            outcomes[index] = reason if isinstance(reason, OutcomeUnknown) else reason[:300]
        return outcomes

    def sent_with_metadata(self, key: str, value: str) -> list[Accepted]:
        """Metadata (and recipients) of every message Postmark accepted with ``key`` = ``value``.

        One outbound-search call per 500 messages. Raises ``ProviderCannotAnswerError``
        when the search fails: the caller must not read that as "not sent".
        """
        created_session = self.open()
        found: list[Accepted] = []
        try:
            offset = 0
            while offset < SEARCH_LIMIT:
                page = self._search_page(key, value, offset)
                messages = page.get("Messages") or []
                found.extend(
                    {**(message.get("Metadata") or {}), "_recipients": message.get("Recipients") or []}
                    for message in messages
                    if isinstance(message, dict)
                )
                offset += len(messages)
                if not messages or offset >= int(page.get("TotalCount") or 0):
                    return found
            return found
        finally:
            if created_session:
                self.close()

    def _search_page(self, key: str, value: str, offset: int) -> dict[str, Any]:
        try:
            response = self.session.get(
                self.api_url + "messages/outbound",
                params={"count": SEARCH_PAGE, "offset": offset, f"metadata_{key}": value},
                headers={"Accept": "application/json", "X-Postmark-Server-Token": self.server_token},
                timeout=self.timeout,
            )
            page = response.json() if response.status_code == 200 else None
        except (requests.RequestException, ValueError) as error:
            raise ProviderCannotAnswerError(f"{type(error).__name__}: {error}") from error
        if not isinstance(page, dict):
            raise ProviderCannotAnswerError(f"Postmark's search answered {response.status_code}")
        return page
