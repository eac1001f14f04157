"""Issue 20 item 2: no membership oracle in the listserv's sign-up, resend and address-change answers.

Before: a sign-up for an address already on the list answered in 46 ms, one for
a new address in 92 ms (the page was identical; the work was not). Now the
request does the same work whatever the address: it stores one task row, the
same statements in the same order; the worker does the rest, and its mail goes
through the outbox either way. ``bench/signup_timing.py`` measures the two
medians from outside.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from listserv.models import Subscriber
from rescue_restore.models import OutgoingEmail
from tests.factories.listserv import SubscriberFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    """Production's task backend: the request writes the task's row; a worker runs it later."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail", "bulletins"]}
    }


@pytest.fixture
def topic():
    return TopicFactory()


def shape(queries):
    """The statements with every literal taken out: what the database was asked to do, not with what."""
    statements = []
    for query in queries:
        sql = re.sub(r"'(?:[^']|'')*'", "?", query["sql"])
        sql = re.sub(r'"s\d+_x\d+"', '"savepoint"', sql)
        sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
        statements.append(sql)
    return statements


def post_and_capture(client, url, data):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    return response, shape(queries.captured_queries)


def known_addresses(topic):
    recent = timezone.now() - datetime.timedelta(minutes=5)
    return {
        "confirmed": SubscriberFactory(email="confirmed@example.org", topics=[topic]).email,
        "confirmed, mailed within the hour": SubscriberFactory(
            email="capped@example.org", topics=[topic], confirmation_sent_at=recent
        ).email,
        "pending": SubscriberFactory(email="pending@example.org", status=Subscriber.Status.PENDING).email,
        "unsubscribed": SubscriberFactory(email="left@example.org", status=Subscriber.Status.UNSUBSCRIBED).email,
        "complained": SubscriberFactory(email="spam@example.org", status=Subscriber.Status.COMPLAINED).email,
    }


def tasks_waiting():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.count()


@pytest.mark.parametrize(("url", "with_topics"), [("/listserv/", True), ("/listserv/resend/", False)])
def test_known_and_unknown_addresses_cost_the_request_the_same_statements(client, form_data, topic, url, with_topics):
    def data(email):
        return form_data(email=email, topics=[topic.pk]) if with_topics else form_data(email=email)

    client.post(url, data("warm-up@example.org"))  # first-request costs (content types, topics) paid once
    baseline_response, baseline = post_and_capture(client, url, data("unknown@example.org"))
    assert baseline, "the request does some work"
    for label, email in known_addresses(topic).items():
        before_tasks, before_mail = tasks_waiting(), OutgoingEmail.objects.count()
        response, statements = post_and_capture(client, url, data(email))
        assert (response.status_code, response["Location"]) == (302, baseline_response["Location"]), label
        assert statements == baseline, f"{label}: {statements} != {baseline}"
        # The same visible work: one task row, no email written in the request.
        assert tasks_waiting() == before_tasks + 1, label
        assert OutgoingEmail.objects.count() == before_mail, label


def run_the_stored_tasks():
    """What the worker does with each stored task (db_worker itself closes the test's connection)."""
    from django_tasks_db.models import DBTaskResult

    for row in DBTaskResult.objects.order_by("enqueued_at"):
        if row.task.queue_name == "default":
            row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])


def test_the_worker_writes_each_email_through_the_outbox(client, form_data, topic):
    SubscriberFactory(email="confirmed@example.org", topics=[topic])
    client.post("/listserv/", form_data(email="confirmed@example.org", topics=[topic.pk]))
    client.post("/listserv/", form_data(email="new@example.org", topics=[topic.pk]))
    assert OutgoingEmail.objects.count() == 0
    run_the_stored_tasks()
    written = {(email.recipients[0], email.purpose) for email in OutgoingEmail.objects.all()}
    assert written == {
        ("confirmed@example.org", "listserv/emails/already_subscribed"),
        ("new@example.org", "listserv/emails/confirm"),
    }
    assert Subscriber.objects.get(email="new@example.org").status == Subscriber.Status.PENDING


def test_changing_to_a_known_or_an_unknown_address_costs_the_same(client, form_data, topic):
    from listserv import tokens

    holders = [SubscriberFactory(email=f"holder{n}@example.org", topics=[topic]) for n in range(2)]
    SubscriberFactory(email="taken@example.org", topics=[topic])
    answers = []
    for holder, new_email in zip(holders, ["taken@example.org", "free@example.org"], strict=True):
        url = f"/listserv/preferences/{tokens.make_preferences_token(holder)}/address/"
        response, statements = post_and_capture(client, url, form_data(new_email=new_email))
        answers.append((response.status_code, statements))
    (status_a, shape_a), (status_b, shape_b) = answers
    assert status_a == status_b == 302
    assert shape_a == shape_b
