"""Mixed traffic against a running site: pages, catalog filters and search, orders and sign-ups.

Run by bench/run.py in a process configured for the benchmark database:
``python bench/mixed.py --base http://127.0.0.1:8110 --seconds 30``. Prints one JSON object.

1. Picks the addresses from the database: the pages of bench/pages.py and 40 material pages
   (English and Spanish); catalog filters (language, kind, audience, later pages) and searches;
   editions to order (the seeded RR-BENCH-* ones) and the sign-up form's topics.
2. Fetches the write forms ahead (each order form with its item chosen, so its own session; each
   sign-up form with its own CSRF cookie), as a person's browser would, and waits out the
   minimum fill time. Each write comes from its own address (X-Forwarded-For in 2001:db8::/32).
3. Warms the page cache with one request to every address, then measures the static file with
   this same client (``static_rps``: the ratio's denominator, so the client's own cost is on
   both sides), then runs the mix for ``--seconds``: every request picks its class at random with
   the weights (70/20/10), then an address (or the next prepared write) in it.
4. Reports requests/s, p50/p99 per class, and how many page and filter answers were rendered
   afresh (no ``X-Page-Cache: hit``) although warmed: pages invalidated by the writes, or left
   unstored because a write landed while they were rendered.

Python clients in two processes (threads inside each): they share the machine's cores with the
site, as wrk does.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.orders import DETAILS, fetch_form  # noqa: E402

CLASSES = ("pages", "filters", "writes")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="form_started" value="([^"]+)"')


def _connection(base):
    parts = urlsplit(base)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


def _address(number):
    # One /64 each (rate limits group IPv6 by /64), apart from bench/orders.py's 2001:db8:<n>::/48.
    return f"2001:db8:{0x8000 + (number >> 16):x}:{number & 0xFFFF:x}::1"


def _request(base, method, path, body=None, headers=None):
    connection = _connection(base)
    try:
        started = time.perf_counter()
        connection.request(method, path, body=body, headers={"Accept-Encoding": "gzip, br", **(headers or {})})
        response = connection.getresponse()
        content = response.read()
        elapsed = time.perf_counter() - started
        return response.status, response.getheader("X-Page-Cache") == "hit", elapsed, response, content
    finally:
        connection.close()


def addresses(samples, spanish):
    from django.db.models import Q

    from bench import pages
    from materials.models import Audience, Edition, Material
    from materials.models.catalog import Kind

    page_list = [address for _name, address, _form in pages.resolved(samples)]
    page_list = [address for address in page_list if "?" not in address]
    slugs = Material.objects.published().order_by("pk").values_list("slug", flat=True)[:40]
    page_list += [f"/materials/{slug}/" for slug in slugs]
    filters = ["/materials/?language=es", "/materials/?language=en", "/search/?q=trafficking"]
    filters += [f"/materials/?kind={kind}" for kind in Kind.values[:4]]
    filters += [f"/materials/?audience={slug}" for slug in Audience.objects.values_list("slug", flat=True)[:4]]
    filters += [f"/materials/?page={number}" for number in range(2, 8)]
    filters += [f"/materials/?q={word}" for word in ("brochure", "poster", "guide", "wallet", "card")]
    filters += [f"/coalitions/?state={state}" for state in ("CA", "TX", "NY", "IL", "FL")]
    if spanish:
        page_list += [f"/es{address}" for address in page_list]
        filters += [f"/es{address}" for address in filters]
    editions = list(
        Edition.objects.filter(Q(item_code__startswith="RR-BENCH-"), stock_on_hand__gt=100)
        .order_by("pk")
        .values_list("item_code", "pk")[:200]
    )
    return page_list, filters, editions


def fetch_signup_form(base, number):
    _status, _hit, _elapsed, response, content = _request(base, "GET", "/listserv/")
    body = content
    if response.getheader("Content-Encoding") == "gzip":
        import gzip

        body = gzip.decompress(content)
    text = body.decode()
    cookies = "; ".join(header.split(";", 1)[0] for header in response.msg.get_all("Set-Cookie") or [])
    return {"kind": "signup", "csrf": CSRF.search(text)[1], "form_started": STARTED.search(text)[1], "cookie": cookies}


def prepare_writes(base, editions, topic_ids, count, threads=6):
    """``count`` ready writes, half orders and half sign-ups, fetched from ``threads`` threads."""
    prepared, lock = [None] * count, threading.Lock()
    numbers = list(range(count))

    def worker():
        while True:
            with lock:
                if not numbers:
                    return
                number = numbers.pop()
            if number % 2:
                item_code, edition_id = editions[number % len(editions)]
                form = fetch_form(base, number, item_code)
                prepared[number] = {"kind": "order", "edition_id": edition_id, **form}
            else:
                prepared[number] = fetch_signup_form(base, number)
            prepared[number].update(number=number, topics=topic_ids[:1])

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return prepared


def _write(base, form):
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": form["cookie"],
        "X-Forwarded-For": _address(form["number"]),
    }
    if form["kind"] == "order":
        data = {**DETAILS, "submission_token": form["submission_token"], "form_started": form["form_started"]}
        data[f"qty_{form['edition_id']}"] = "1"
        path = "/materials/order/"
    else:
        data = {"email": f"mixed-{form['number']}@example.invalid", "name": "", "website": "", "language": "en"}
        data.update(form_started=form["form_started"], topics=form["topics"][0])
        path = "/listserv/"
    data["csrfmiddlewaretoken"] = form["csrf"]
    status, _hit, elapsed, _response, _content = _request(base, "POST", path, urlencode(data), headers)
    return status, elapsed, form["kind"]


def _run_process(base, seconds, threads, weights, page_list, filters, writes, seed, queue):
    random.seed(seed)
    deadline = time.perf_counter() + seconds
    records, lock = [], threading.Lock()
    pool = list(writes)

    def worker():
        own = []
        while time.perf_counter() < deadline:
            kind = random.choices(CLASSES, weights)[0]
            if kind == "writes":
                with lock:
                    form = pool.pop() if pool else None
                if form is None:
                    own.append(("exhausted", 0, 0.0, False))
                    break
                try:
                    status, elapsed, what = _write(base, form)
                except OSError:
                    status, elapsed, what = 599, 0.0, form["kind"]
                own.append(("writes", status, elapsed, what))
                continue
            address = random.choice(page_list if kind == "pages" else filters)
            try:
                status, hit, elapsed, _response, _content = _request(base, "GET", address)
            except OSError:
                status, hit, elapsed = 599, False, 0.0
            own.append((kind, status, elapsed, hit))
        with lock:
            records.extend(own)

    started = time.perf_counter()
    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    queue.put({"records": records, "elapsed": time.perf_counter() - started})


def run(base, seconds, weights, page_list, filters, writes, processes=2, threads=4):
    queue = multiprocessing.Queue()
    shares = [writes[index::processes] for index in range(processes)]
    children = [
        multiprocessing.Process(
            target=_run_process, args=(base, seconds, threads, weights, page_list, filters, shares[index], index, queue)
        )
        for index in range(processes)
    ]
    for child in children:
        child.start()
    results = [queue.get(timeout=seconds + 120) for _ in children]
    for child in children:
        child.join()
    records = [record for result in results for record in result["records"]]
    return records, max(result["elapsed"] for result in results)


def _percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def summarize(records, elapsed):
    exhausted = any(record[0] == "exhausted" for record in records)
    records = [record for record in records if record[0] != "exhausted"]
    summary = {"requests": len(records), "seconds": round(elapsed, 1), "per_second": round(len(records) / elapsed, 1)}
    summary["write_pool_ran_out"] = exhausted
    for kind in CLASSES:
        rows = [record for record in records if record[0] == kind]
        latencies = [record[2] for record in rows]
        errors = sum(1 for record in rows if record[1] >= 500 or record[1] == 403)
        summary[kind] = {
            "count": len(rows),
            "share": round(len(rows) / max(1, len(records)), 3),
            "p50": round(_percentile(latencies, 0.5), 2),
            "p99": round(_percentile(latencies, 0.99), 2),
            "errors": errors,
        }
        if kind != "writes":
            summary[kind]["rendered"] = sum(1 for record in rows if not record[3] and record[1] == 200)
        else:
            summary[kind]["orders"] = sum(1 for record in rows if record[3] == "order")
            summary[kind]["signups"] = sum(1 for record in rows if record[3] == "signup")
            summary[kind]["statuses"] = sorted({record[1] for record in rows})
    summary["p99"] = round(_percentile([record[2] for record in records], 0.99), 2)
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--weights", type=int, nargs=3, default=[70, 20, 10], metavar=("PAGES", "FILTERS", "WRITES"))
    parser.add_argument("--writes", type=int, default=3000, help="write forms fetched ahead (half orders)")
    parser.add_argument("--min-fill-seconds", type=float, default=2.0)
    parser.add_argument("--spanish", action="store_true")
    args = parser.parse_args()
    if not args.base.startswith(("http://127.", "http://localhost")):
        raise SystemExit("The mixed benchmark only targets this machine (loopback).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rescue_restore.settings")
    import django

    django.setup()
    from django.db import connections

    from bench import pages
    from listserv.models import Topic

    page_list, filters, editions = addresses(pages.sample_values(), args.spanish)
    topic_ids = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
    connections.close_all()
    writes = prepare_writes(args.base, editions, topic_ids, args.writes)
    time.sleep(args.min_fill_seconds)
    for address in [*page_list, *filters]:  # every address cached, as a site in use has them
        # (an address with a query string is stored the second time it is asked for)
        for _ask in range(2 if "?" in address else 1):
            _request(args.base, "GET", address)
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', _home_html(args.base))[1]
    static_records, static_elapsed = run(args.base, 10, (1, 0, 0), [stylesheet], [stylesheet], [])
    records, elapsed = run(args.base, args.seconds, args.weights, page_list, filters, writes)
    summary = summarize(records, elapsed)
    summary["static_rps"] = round(len(static_records) / static_elapsed, 1)
    summary["addresses"] = {"pages": len(page_list), "filters": len(filters)}
    print(json.dumps(summary))


def _home_html(base):
    import gzip

    _status, _hit, _elapsed, response, content = _request(base, "GET", "/")
    return (gzip.decompress(content) if response.getheader("Content-Encoding") == "gzip" else content).decode()


if __name__ == "__main__":
    main()
