"""Send a bulletin to every confirmed subscriber of its topics: streamed, in batches, resumable, never twice.

1. ``start_sending`` moves a draft to SENDING and enqueues ``prepare_deliveries``.
2. ``prepare_deliveries`` writes one ``Delivery`` row per recipient. Subscriber
   ids are streamed from the database in chunks and inserted with
   ``ignore_conflicts``, so memory stays flat and running it again only adds
   the rows that are missing (the unique bulletin+subscriber pair refuses
   duplicates).
3. ``send_batches`` claims a batch of PENDING rows (PENDING → SENDING in one
   short transaction, skipping rows another worker has locked), builds each
   message with the recipient's own unsubscribe link, in the recipient's
   language (see below), sends the batch over one connection, marks the rows
   SENT, and enqueues itself for the next batches.
4. When no row is waiting, the bulletin becomes SENT and appears in the archive.

Every claim is a **lease** of ``MAIL_LEASE_SECONDS`` (longer than any provider
call; a long batch renews it between calls). If a worker dies (SIGKILL, out of
memory, host lost), any running worker takes its rows back once the lease ends
(``expire_leases``, called every few seconds by ``manage.py run_worker``): it
asks the provider which messages of that claim it accepted (Postmark's search
by the claim's metadata) and marks those SENT; the rest go back to PENDING and
``send_batches`` is enqueued again. Where the provider cannot be asked they are
sent again with the same Message-ID (one per bulletin and subscriber): at least
once, never silently lost. A call that went out and got no answer (a read
timeout) leaves its rows claimed in the same way, so a stalled call delays only
its own batch. ``resume_sending`` (``manage.py send_pending_bulletins``, the
admin action) re-enqueues the work of bulletins still sending.

Languages: each subscriber reads in ``Subscriber.language``. A reader of a
language the bulletin is written in (subject and body) gets that version; any
other reader gets the default language's version, with the email around it
(notice, footer, the links to their preferences) still in their language.
A batch mixes languages freely: the bulletin is rendered once per language a
batch needs, and every message is still built and sent as before.
"""

import logging
import time
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import connection, transaction
from django.db.models import Count
from django.tasks import task
from django.utils import timezone, translation

from listserv import emails
from listserv.models import Bulletin, Delivery, Subscriber, new_nonce
from rescue_restore.kernel.workflow import InvalidTransitionError
from rescue_restore.models import message_id_domain
from rescue_restore.outbox.mail import lease, render_email
from rescue_restore.outbox.provider import (
    CLAIM_KEY,
    DELIVERY_KEY,
    OutcomeUnknown,
    outcome_unknown,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

INSERT_CHUNK = 2000
BATCHES_PER_TASK = 10
PROVIDER_CALL_LIMIT = 500  # messages per batch call (Postmark's limit); the lease is renewed between calls
# Expired claims taken back per sweep: a sweep stays short, the next one (seconds later) goes on.
SWEEP_CLAIMS = 20

# Placeholders rendered into the bulletin once, replaced per recipient (cheaper than rendering 100,000 templates).
PREFERENCES_MARK = "RRLISTSERVPREFERENCESURL"
UNSUBSCRIBE_MARK = "RRLISTSERVUNSUBSCRIBEURL"


def batch_size():
    return settings.LISTSERV_BATCH_SIZE


def start_sending(bulletin: Bulletin, *, by: "User | None") -> Bulletin:
    """Draft → SENDING, then prepare and send in the background. ``InvalidTransitionError`` unless a draft."""
    with transaction.atomic():
        bulletin = bulletin.change_status(Bulletin.Status.SENDING, by=by, note="Sending started.")
        transaction.on_commit(lambda: prepare_deliveries.enqueue(bulletin.pk))
    return bulletin


@task(queue_name="bulletins")
def prepare_deliveries(bulletin_id):
    """Create the missing delivery rows, then start the batches. Safe to run again."""
    created = create_delivery_rows(bulletin_id)
    transaction.on_commit(lambda: send_batches.enqueue(bulletin_id))
    return created


def recipient_ids(bulletin):
    """Confirmed subscribers of any of the bulletin's topics, each once (a query, not a list)."""
    through = Subscriber.topics.through
    in_topics = through.objects.filter(topic__in=bulletin.topics.all()).values("subscriber_id")
    return Subscriber.objects.confirmed().filter(pk__in=in_topics).order_by("pk").values_list("pk", flat=True)


def create_delivery_rows(bulletin_id):
    """Stream recipient ids and insert delivery rows in chunks; returns how many ids were seen."""
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    seen = 0
    chunk = []
    for subscriber_id in recipient_ids(bulletin).iterator(chunk_size=INSERT_CHUNK):
        chunk.append(Delivery(bulletin_id=bulletin_id, subscriber_id=subscriber_id))
        if len(chunk) >= INSERT_CHUNK:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
            seen += len(chunk)
            chunk = []
    if chunk:
        Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
        seen += len(chunk)
    Bulletin.objects.filter(pk=bulletin_id, recipients_prepared_at__isnull=True).update(
        recipients_prepared_at=timezone.now()
    )
    return seen


@task(queue_name="bulletins")
def send_batches(bulletin_id, max_batches=BATCHES_PER_TASK, chain=True):
    """Send up to ``max_batches`` batches, then enqueue the rest as a new task (so one task never runs for hours)."""
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    if bulletin.status == Bulletin.Status.DRAFT:
        return 0
    contents = RenderedBulletin(bulletin)
    sent = 0
    for _ in range(max_batches):
        claimed = send_one_batch(bulletin, contents)
        if claimed == 0:
            finish_if_done(bulletin_id)
            return sent
        sent += claimed
    if chain:
        transaction.on_commit(lambda: send_batches.enqueue(bulletin_id))
    return sent


def reader_language(language):
    """One of the site's languages: a subscriber's stored one, or the default for anything else."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def render_bulletin(bulletin, language=None):
    """Subject, text and HTML for readers of ``language`` (default: the site's), placeholders for the personal links."""
    language = reader_language(language)
    with translation.override(language):
        return render_email(
            "listserv/emails/bulletin",
            {
                **emails.bulletin_context(bulletin, language),
                "preferences_url": PREFERENCES_MARK,
                "unsubscribe_url": UNSUBSCRIBE_MARK,
            },
        )


class RenderedBulletin:
    """``render_bulletin`` for each reader language, rendered the first time a batch needs it."""

    def __init__(self, bulletin):
        self.bulletin = bulletin
        self._by_language = {}

    def __getitem__(self, language):
        if language not in self._by_language:
            self._by_language[language] = render_bulletin(self.bulletin, language)
        return self._by_language[language]


def claim_batch(bulletin_id, size):
    """Move up to ``size`` PENDING rows to SENDING under a fresh claim; returns the claim."""
    claim = new_nonce()
    with transaction.atomic():
        waiting = Delivery.objects.filter(bulletin_id=bulletin_id, status=Delivery.Status.PENDING).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            waiting = waiting.select_for_update(skip_locked=True)
        ids = list(waiting.values_list("pk", flat=True)[:size])
        if not ids:
            return claim, 0
        # The status filter makes the claim safe even where SKIP LOCKED does not exist (SQLite).
        claimed = Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, claim=claim, claimed_at=timezone.now()
        )
    return claim, claimed


def build_message(content, subscriber_id, email):
    """One reader's message from ``content`` (one language's rendering); call it in the reader's language,
    which the personal links (``/es/listserv/…``) follow."""
    subject, text, html = content
    preferences = emails.preferences_url(subscriber_id)
    unsubscribe = emails.unsubscribe_url(subscriber_id)

    def personal(template):
        return template.replace(PREFERENCES_MARK, preferences).replace(UNSUBSCRIBE_MARK, unsubscribe)

    message = EmailMultiAlternatives(
        subject=subject,
        body=personal(text),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(personal(html), "text/html")
    return message


def delivery_message_id(bulletin, subscriber_id):
    """One Message-ID per bulletin and subscriber, the same on every attempt (a resend is the same message)."""
    started = int((bulletin.send_started_at or bulletin.created_at).timestamp())
    return f"<bulletin-{bulletin.pk}.{started}.{subscriber_id}@{message_id_domain()}>"


def _personal_message(contents, subscriber_id, email, language, *, delivery_id=None, claim=""):
    language = reader_language(language)
    with translation.override(language):
        message = build_message(contents[language], subscriber_id, email)
    message.extra_headers["Message-ID"] = delivery_message_id(contents.bulletin, subscriber_id)
    # The provider's custom metadata (anymail): what expire_leases asks the provider about.
    message.metadata = {CLAIM_KEY: claim, DELIVERY_KEY: str(delivery_id)}
    return message


class _Lease:
    """Renews a batch's claim while a live worker is still sending it (between provider calls)."""

    def __init__(self, claim):
        self.claim = claim
        self.renewed = time.monotonic()

    def renew_if_due(self):
        if time.monotonic() - self.renewed >= lease().total_seconds() / 3:
            Delivery.objects.filter(claim=self.claim, status=Delivery.Status.SENDING).update(claimed_at=timezone.now())
            self.renewed = time.monotonic()


def send_one_batch(bulletin, contents):
    """Claim, send and record one batch; returns how many rows were claimed (0 when none wait).

    ``contents`` gives the rendered bulletin for a reader language (``RenderedBulletin``).
    Rows whose outcome is unknown (the call went out, no answer came) keep their
    claim: ``expire_leases`` settles them with the provider when it runs out.
    """
    claim, claimed = claim_batch(bulletin.pk, batch_size())
    if not claimed:
        return 0
    # The bulletin narrows the look-up to this batch's rows through the (bulletin, status) index;
    # by the claim alone it read every delivery row of every bulletin, once per batch.
    rows = Delivery.objects.filter(bulletin_id=bulletin.pk, claim=claim, status=Delivery.Status.SENDING).values_list(
        "pk", "subscriber_id", "subscriber__email", "subscriber__status", "subscriber__language"
    )
    sent, skipped, failed = [], [], {}
    batch_lease = _Lease(claim)
    mail_connection = mailers.default  # a fresh backend instance: one connection for the whole batch
    mail_connection.open()
    try:
        if hasattr(mail_connection, "send_batch"):
            _send_as_one_call(bulletin, contents, rows, mail_connection, sent, skipped, failed, batch_lease)
        else:
            _send_one_by_one(bulletin, contents, rows, mail_connection, sent, skipped, failed, batch_lease)
    finally:
        mail_connection.close()
        _record(sent, skipped, failed)
    return claimed


def _send_one_by_one(bulletin, contents, rows, mail_connection, sent, skipped, failed, batch_lease):
    """One provider call per message: for backends without a batch API."""
    for delivery_id, subscriber_id, email, status, language in rows:
        if status != Subscriber.Status.CONFIRMED:
            skipped.append(delivery_id)  # unsubscribed or bounced since the rows were prepared
            continue
        batch_lease.renew_if_due()
        message = _personal_message(
            contents, subscriber_id, email, language, delivery_id=delivery_id, claim=batch_lease.claim
        )
        try:
            mail_connection.send_messages([message])
        except Exception as error:  # one refused address must not stop the batch; recorded below
            logger.warning("Bulletin %s to subscriber %s failed: %s", bulletin.pk, subscriber_id, error)
            if not outcome_unknown(error):
                failed[delivery_id] = f"{type(error).__name__}: {error}"[:300]
            # else: no answer; the row keeps its claim and the provider is asked when it runs out
        else:
            sent.append(delivery_id)


def _send_as_one_call(bulletin, contents, rows, mail_connection, sent, skipped, failed, batch_lease):
    """Every message of the batch, each with its own links and headers, in the provider's batch API.

    ``send_batch`` answers one outcome per message (None: accepted), so a refused
    address is recorded as failed and the others as sent, as one by one. A batch
    larger than one call allows goes in several calls, renewing the claim between them.
    """
    waiting = []
    for delivery_id, subscriber_id, email, status, language in rows:
        if status != Subscriber.Status.CONFIRMED:
            skipped.append(delivery_id)  # unsubscribed or bounced since the rows were prepared
        else:
            message = _personal_message(
                contents, subscriber_id, email, language, delivery_id=delivery_id, claim=batch_lease.claim
            )
            waiting.append((delivery_id, message))
    for start in range(0, len(waiting), PROVIDER_CALL_LIMIT):
        batch_lease.renew_if_due()
        chunk = waiting[start : start + PROVIDER_CALL_LIMIT]
        outcomes = mail_connection.send_batch([message for _delivery_id, message in chunk])
        for (delivery_id, _message), outcome in zip(chunk, outcomes, strict=True):
            if outcome is None:
                sent.append(delivery_id)
            elif isinstance(outcome, OutcomeUnknown):
                logger.warning("Bulletin %s delivery %s: no answer (%s)", bulletin.pk, delivery_id, outcome)
            else:
                logger.warning("Bulletin %s delivery %s failed: %s", bulletin.pk, delivery_id, outcome)
                failed[delivery_id] = outcome


def _record(sent, skipped, failed):
    now = timezone.now()
    for start in range(0, len(sent), INSERT_CHUNK):
        Delivery.objects.filter(pk__in=sent[start : start + INSERT_CHUNK]).update(
            status=Delivery.Status.SENT, sent_at=now
        )
    if skipped:
        Delivery.objects.filter(pk__in=skipped).update(status=Delivery.Status.SKIPPED)
    for delivery_id, error in failed.items():
        Delivery.objects.filter(pk=delivery_id).update(status=Delivery.Status.FAILED, error=error)


def finish_if_done(bulletin_id):
    """SENDING → SENT once every row is prepared and none waits or is being sent."""
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    if bulletin.status != Bulletin.Status.SENDING or bulletin.recipients_prepared_at is None:
        return False
    deliveries = Delivery.objects.filter(bulletin_id=bulletin_id)
    if deliveries.filter(status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]).exists():
        return False  # rows being sent are settled by their worker, or by expire_leases when their claim runs out
    try:
        bulletin.change_status(
            Bulletin.Status.SENT, note=f"{deliveries.filter(status=Delivery.Status.SENT).count()} sent."
        )
    except InvalidTransitionError:
        return False  # another worker (or a resume) finished it between our check and the row lock
    return True


def resume_sending(bulletins=None, *, retry_failed=False):
    """Enqueue the unfinished work of every SENDING bulletin; returns ``[(bulletin, what), …]``.

    ``bulletins`` (a queryset) limits the work to those bulletins, as the
    admin action does with the selected rows; by default every bulletin.

    ``retry_failed`` also puts rows the provider refused back in the queue,
    for sent bulletins too (those messages were never accepted, so retrying
    cannot send anything twice).
    """
    resumed = []
    bulletins = Bulletin.objects.all() if bulletins is None else bulletins
    if retry_failed:
        with_failures = bulletins.filter(deliveries__status=Delivery.Status.FAILED).distinct()
        for bulletin in with_failures.exclude(status=Bulletin.Status.SENDING):
            Delivery.objects.filter(bulletin=bulletin, status=Delivery.Status.FAILED).update(
                status=Delivery.Status.PENDING, error=""
            )
            transaction.on_commit(lambda pk=bulletin.pk: send_batches.enqueue(pk))
            resumed.append((bulletin, "retrying refused recipients"))
    for bulletin in bulletins.filter(status=Bulletin.Status.SENDING):
        if retry_failed:
            Delivery.objects.filter(bulletin=bulletin, status=Delivery.Status.FAILED).update(
                status=Delivery.Status.PENDING, error=""
            )
        if bulletin.recipients_prepared_at is None:
            transaction.on_commit(lambda pk=bulletin.pk: prepare_deliveries.enqueue(pk))
            resumed.append((bulletin, "preparing recipients"))
        elif Delivery.objects.filter(bulletin=bulletin, status=Delivery.Status.PENDING).exists():
            transaction.on_commit(lambda pk=bulletin.pk: send_batches.enqueue(pk))
            resumed.append((bulletin, "sending"))
        elif finish_if_done(bulletin.pk):
            resumed.append((bulletin, "finished"))
        else:
            resumed.append((bulletin, "waiting for rows being sent (taken back when their claim runs out)"))
    return resumed


def delivery_counts(bulletin):
    counts = dict.fromkeys(Delivery.Status.values, 0)
    for row in Delivery.objects.filter(bulletin=bulletin).values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
