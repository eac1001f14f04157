"""Order submissions per second against a running site, with an audit of what the database kept.

Run by bench/run.py in a process configured for the benchmark database:
``python bench/orders.py --base http://127.0.0.1:8110 --orders 2000 --threads 4``.

1. Fetches one order form per order, with its item chosen (``/materials/order/?item=CODE``, as the
   catalog's "Add to my order" leaves it), so each has its own session with the order list, CSRF
   cookie, submission token and signed start time, as a person's browser would; then waits out the
   minimum fill time.
2. Posts them all from ``--threads`` threads, timed: that phase's rate is the figure.
   Half the orders ask for one contested edition with stock for only a quarter of them,
   so the site must refuse some (409) and never sell what it does not have.
3. Checks the database: every accepted answer has its order (0 lost), no order twice,
   stock went down by exactly what was accepted, and no edition is below zero (0 oversold).
4. Runs, in this process and timed, the task each order stored to write its two emails (the
   worker's half of an order, no longer in the request), and checks every order got both.

Each order comes from its own address in X-Forwarded-For (a documentation prefix, 2001:db8::/32;
no traffic goes there) because production counts rate limits per visitor behind one proxy.
"""

import argparse
import http.client
import json
import os
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIELD = re.compile(r'name="(submission_token|form_started)" value="([^"]+)"')
DETAILS = {
    "name": "Benchmark Person",
    "organization": "Benchmark clinic",
    "organization_type": "health-care",
    "email": "bench@example.invalid",
    "phone": "202-555-0123",
    "address_line1": "200 Independence Ave SW",
    "address_line2": "",
    "city": "Washington",
    "state": "DC",
    "zip_code": "20201",
    "intended_use": "Benchmark order.",
    "needed_by": "",
    "website": "",
}


def _connection(base):
    parts = urlsplit(base)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


def fetch_form(base, number, item_code):
    connection = _connection(base)
    try:
        address = f"/materials/order/?item={item_code}"
        connection.request("GET", address, headers={"X-Forwarded-For": _address(number)})
        response = connection.getresponse()
        body = response.read().decode()
        # The session (holding the order list) and the CSRF cookie, as a browser sends them back.
        cookies = "; ".join(header.split(";", 1)[0] for header in response.msg.get_all("Set-Cookie") or [])
        fields = dict(FIELD.findall(body))
        csrf = CSRF.search(body)
        if csrf is None:
            raise SystemExit(f"No order form at {address} (status {response.status})")
        return {"csrf": csrf[1], "cookie": cookies, **fields}
    finally:
        connection.close()


def _address(number):
    return f"2001:db8:{number + 1:x}::1"  # one /64 each: rate limits group IPv6 by /64


_first_failure = []


def post_order(base, form, number, edition_id, results):
    data = {**DETAILS, **{k: form[k] for k in ("submission_token", "form_started")}, f"qty_{edition_id}": "1"}
    data["csrfmiddlewaretoken"] = form["csrf"]
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": form["cookie"],
        "X-Forwarded-For": _address(number),
    }
    connection = _connection(base)
    try:
        connection.request("POST", "/materials/order/", body=urlencode(data), headers=headers)
        response = connection.getresponse()
        body = response.read()
        status = response.status
        if status in (400, 409) and (b"out of stock" in body or b"left. Enter" in body):
            status = "refused"  # the form or the service said no stock: a correct answer
        results.append((edition_id, status))
        if status not in (302, "refused") and not _first_failure:
            _first_failure.append(re.findall(rb"usa-error-message[^>]*>([^<]+)", body)[:3] or body[:300])
    except OSError as error:
        results.append((edition_id, f"error: {error}"))
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--min-fill-seconds", type=float, default=2.0)
    args = parser.parse_args()
    if not args.base.startswith(("http://127.", "http://localhost")):
        raise SystemExit("The order benchmark only targets this machine (loopback).")

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rescue_restore.settings")
    import django

    django.setup()
    from django.db.models import Sum

    from materials.models import Edition, Order

    editions = list(Edition.objects.filter(item_code__startswith="RR-BENCH-").order_by("material__title", "pk")[:60])
    contested = editions[0]
    contested_stock = max(1, args.orders // 4)
    Edition.objects.filter(pk=contested.pk).update(stock_on_hand=contested_stock)
    plan = [
        contested if number % 2 == 0 else editions[1 + number % (len(editions) - 1)] for number in range(args.orders)
    ]
    orders_before = Order.objects.count()
    last_before = Order.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    watched = Edition.objects.filter(pk__in=[e.pk for e in editions])
    stock_before = watched.aggregate(total=Sum("stock_on_hand"))["total"]

    forms = [fetch_form(args.base, number, edition.item_code) for number, edition in enumerate(plan)]
    time.sleep(args.min_fill_seconds)
    results, queue, lock = [], [(number, edition.pk) for number, edition in enumerate(plan)], threading.Lock()

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                number, edition_id = queue.pop()
            post_order(args.base, forms[number], number, edition_id, results)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    elapsed = time.perf_counter() - started

    accepted = sum(1 for _edition, status in results if status == 302)
    refused = sum(1 for edition, status in results if status == "refused" and edition == contested.pk)
    errors = len(results) - accepted - refused + (args.orders - len(results))
    orders_after = Order.objects.count()
    stock_after = watched.aggregate(total=Sum("stock_on_hand"))["total"]
    duplicates = (
        Order.objects.values("submission_token")
        .order_by()
        .annotate(n=django.db.models.Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    below_zero = Edition.objects.filter(stock_on_hand__lt=0).count()
    contested_accepted = sum(1 for edition, status in results if status == 302 and edition == contested.pk)
    summary = {
        "orders": args.orders,
        "seconds": round(elapsed, 2),
        "per_second": round(len(results) / elapsed, 1),
        "accepted": accepted,
        "refused_out_of_stock": refused,
        "errors": errors,
        "lost": accepted - (orders_after - orders_before),
        "duplicates": duplicates,
        "stock_mismatch": (stock_before - stock_after) - accepted,
        "oversold": below_zero + max(0, contested_accepted - contested_stock),
        "statuses": sorted({str(status) for _edition, status in results}),
        "first_failure": str(_first_failure[:1]),
    }
    summary.update(write_the_emails(accepted, last_before))
    print(json.dumps(summary))


def write_the_emails(accepted, last_before=0):
    """The worker's half of each order: write its two emails (the task the order stored), timed.

    Run here, in one process, as one ``db_worker`` would run them: the web figure above no longer
    includes this work, so it is measured on its own. Every accepted order must get both emails.
    """
    from django_tasks_db.models import DBTaskResult

    from materials.emails import write_new_order_emails
    from rescue_restore.models import OutgoingEmail

    waiting = DBTaskResult.objects.filter(task_path="materials.emails.write_new_order_emails")
    # This run's orders only (an earlier part of the benchmark, the mixed traffic, leaves its own).
    order_ids = [row.args_kwargs["args"][0] for row in waiting if row.args_kwargs["args"][0] > last_before]
    emails_before = OutgoingEmail.objects.filter(purpose__startswith="materials/emails/order_").count()
    started = time.perf_counter()
    for order_id in order_ids:
        write_new_order_emails.call(order_id)
    elapsed = time.perf_counter() - started
    written = OutgoingEmail.objects.filter(purpose__startswith="materials/emails/order_").count() - emails_before
    return {
        "email_tasks": len(order_ids),
        "email_tasks_per_second": round(len(order_ids) / elapsed, 1) if elapsed else 0.0,
        "emails_missing": 2 * accepted - written,
    }


if __name__ == "__main__":
    main()
