"""Many people ordering the last copies at the same moment, on PostgreSQL.

Each thread posts the real order form through its own database connection,
all released together by a barrier. A short pause after the order's locked
read of the stock widens the race window, in both runs alike: with the row locks,
exactly the stock is sold; the control run turns the locks off and shows
the oversell, which proves the first test would catch one.
"""

import threading
import time

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test import Client

from materials import stock
from materials.models import Edition, Order, OrderItem
from tests.factories.materials import EditionFactory, MaterialFactory

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks and serialises writers, so there is no race to test",
    ),
]

PEOPLE = 12
SCARCE_STOCK = 5


@pytest.fixture
def race(settings, monkeypatch, order_post):
    settings.RATELIMIT_ENABLE = False
    material = MaterialFactory(title="Hotline clue card")
    scarce = EditionFactory(material=material, language="es", stock_on_hand=SCARCE_STOCK)
    plentiful = EditionFactory(material=material, language="en", stock_on_hand=1000)
    read_stock = stock.order_problems

    def slow_problems(editions, quantities):
        time.sleep(0.1)
        return read_stock(editions, quantities)

    monkeypatch.setattr(stock, "order_problems", slow_problems)

    def run(posts=None):
        # Everyone orders both editions, so each order locks two rows (in pk order: no deadlock).
        if posts is None:
            posts = [order_post({scarce: 1, plentiful: 1}, email=f"person{n}@example.org") for n in range(PEOPLE)]
        barrier = threading.Barrier(len(posts))
        responses = [None] * len(posts)

        def person(number):
            try:
                client = Client()
                barrier.wait(timeout=10)
                response = client.post("/materials/order/", posts[number])
                responses[number] = (response.status_code, response.content.decode())
            except Exception as error:  # recorded, so a crash fails the test instead of vanishing
                responses[number] = (599, repr(error))
            finally:
                connection.close()

        threads = [threading.Thread(target=person, args=(n,)) for n in range(len(posts))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return responses, scarce, plentiful

    run.scarce, run.plentiful = scarce, plentiful
    return run


def test_simultaneous_orders_never_oversell(race):
    responses, scarce, plentiful = race()
    statuses = [status for status, _body in responses]
    # The form is checked against the rows as the order locks them: whoever gets a row after the
    # last copy went is told so beside the item's box (400: the form, as for any short item).
    assert all(status in (302, 400) for status in statuses), statuses
    accepted = statuses.count(302)
    assert accepted == SCARCE_STOCK
    for status, body in responses:
        if status == 400:
            assert "This item is out of stock." in body
    assert Order.objects.count() == SCARCE_STOCK
    assert sum(OrderItem.objects.filter(edition=scarce).values_list("quantity", flat=True)) == SCARCE_STOCK
    assert Edition.objects.get(pk=scarce.pk).stock_on_hand == 0
    assert Edition.objects.get(pk=plentiful.pk).stock_on_hand == 1000 - SCARCE_STOCK


def test_control_without_row_locks_the_same_race_oversells(race, monkeypatch):
    lock = QuerySet.select_for_update

    def no_lock_on_editions(queryset, *args, **kwargs):
        return queryset if queryset.model is Edition else lock(queryset, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", no_lock_on_editions)
    responses, scarce, _plentiful = race()
    sold = sum(OrderItem.objects.filter(edition=scarce).values_list("quantity", flat=True))
    assert sold > SCARCE_STOCK, f"expected an oversell without locks; sold {sold} of {SCARCE_STOCK}"
    # The stock counter never went negative (the constraint holds), it was simply overwritten.
    assert Edition.objects.get(pk=scarce.pk).stock_on_hand >= 0
    assert [status for status, _body in responses].count(302) == sold


def test_the_same_submission_sent_at_once_for_the_last_copies_gets_its_one_order_back(race, order_post):
    """A double click (or a retry) that races its own first request for the last copies.

    The second request waits on the row lock; when it gets the row, the copies
    are gone because its own first request took them. It must answer with
    that order's confirmation, not with "out of stock".
    """
    same = order_post({race.scarce: SCARCE_STOCK}, token="double-click-token-0123456789")
    responses, scarce, _plentiful = race([same] * 4)
    statuses = [status for status, _body in responses]
    assert statuses == [302] * 4, statuses
    order = Order.objects.get()
    assert order.items.get().quantity == SCARCE_STOCK
    assert Edition.objects.get(pk=scarce.pk).stock_on_hand == 0
