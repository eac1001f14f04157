"""`make bench`: the site as production runs it, measured from outside, every figure as a ratio.

1. Creates a scratch PostgreSQL database (dropped at the end, whatever happens), migrates it,
   loads the demo content and counts each page's SQL queries (uncached), then seeds the large
   data set (1,000 materials x 3 editions in bulk, 1,000 coalitions, 100,000 subscribers) and
   counts again: the two counts must match.
2. Starts gunicorn with production settings (2 workers, this machine's PostgreSQL and Redis,
   whitenoise), on loopback.
3. For the static CSS file and every page in bench/pages.py: a 1-second warm-up, then wrk for
   ``--duration`` seconds; prints requests/s, p50, p99, non-2xx answers and the ratio to the
   static file, measured again just before each page (and before the orders): on a shared
   machine the load changes within minutes, so each ratio compares two runs seconds apart.
4. Order submissions per second (bench/orders.py), the first-visit page weight of the home
   page and the catalog in headless Chromium (bench/weight.py) and Lighthouse's mobile scores of
   the five key pages (bench/lighthouse.py), all against that gunicorn.
5. With the site stopped, bulletin sending to 10,000 and 100,000 subscribers through the fake
   provider (bench/listserv_send.py; each size in its own process on its own SQLite file).

3b. Every page again as a returning visitor (the session and CSRF cookies "Add to my order" leaves),
   and mixed traffic for ``--mixed-seconds`` (bench/mixed.py: 70 % pages, 20 % catalog filters and
   search, 10 % orders and sign-ups; requests/s, p50/p99 per class, the ratio to the static file
   fetched by the same client, and the pages rendered afresh because a write invalidated them).

Options: ``--port`` (8110), ``--duration`` (5 s), ``--connections`` (8), ``--redis``
(redis://127.0.0.1:6379/15; the benchmark empties that database number first), ``--pg``
(postgres://postgres@127.0.0.1:5432), ``--database`` (rr_bench_<pid>), ``--quick`` (small data only,
bulletins to 1,000 and 10,000), ``--bulletin-sizes SMALL LARGE``, ``--skip orders weight lighthouse
bulletins`` (leave parts out when iterating; ``make bench`` runs everything).
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
SERVER_LOG = ROOT / "var" / "bench-gunicorn.log"
sys.path.insert(0, str(ROOT))

from bench import pages  # noqa: E402

# Issue 21's targets: every public page, with a form or without, at 0.8 of the static file (issue 14
# had asked 0.6 and 0.35); orders at 0.05.
TARGET_PAGE, TARGET_FORM, TARGET_ORDERS = 0.8, 0.8, 0.05
# A returning visitor (the session and CSRF cookies "Add to my order" leaves) on every page; the mixed
# run (70 % pages, 20 % catalog filters and search, 10 % orders and sign-ups) against the static file
# fetched by the same client, and its slowest answers; first-visit weight at both viewports.
TARGET_RETURNING, TARGET_MIXED, TARGET_MIXED_P99_MS, TARGET_WEIGHT_KB = 0.5, 0.5, 50, 120
TARGET_LIGHTHOUSE = 98
TARGET_ASSET_KB = 25  # the stylesheet, and the scripts together, compressed as sent
# Bulletins: the code before batching sent one provider call per message and reached 6 messages/s
# against the same fake provider at 50 ms a call (docs/performance.md, "Bulletins"); the target is 5x.
BULLETIN_RATE_BEFORE, BULLETIN_SPEED_UP, BULLETIN_MEMORY_MB, BULLETIN_LINEAR_WITHIN = 6.0, 5, 50, 1.25
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


# Every target's verdict, gathered while printing, repeated at the end (print_summary).
VERDICTS = []


def verdict(figure, value, target, met):
    """Record one target's result; returns "ok" or "MISSED" for the line being printed."""
    VERDICTS.append((figure, value, target, met))
    return "ok" if met else "MISSED"


def print_summary():
    print("\n== Every target (the sections above give each figure in full)")
    for figure, value, target, met in VERDICTS:
        print(f"  {figure:50} {value:>28}  target {target:12} {'ok' if met else 'MISSED'}")


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _psql(pg, sql):
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _environments(args, database_url):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    development = {**base, "DATABASE_URL": database_url, "EMAIL_PROVIDER": "console", "LOG_LEVEL": "WARNING"}
    production = {
        **base,
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "benchmark-only-placeholder-key-that-is-long-enough-0123456789abcdef",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "https://rescue-restore.example.gov",
        "DATABASE_URL": database_url,
        "REDIS_URL": args.redis,
        "CACHE_KEY_PREFIX": "rrbench",
        "EMAIL_PROVIDER": "postmark",
        "POSTMARK_SERVER_TOKEN": "benchmark-placeholder",
        "ANYMAIL_WEBHOOK_SECRET": "bench:placeholder",
        "STAFF_NOTIFY_EMAILS": "division@rescue-restore.example.gov",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; production's proxy terminates TLS
        "LOG_LEVEL": "WARNING",
    }
    return development, production


def _run(command, env, capture=False):
    result = subprocess.run(command, cwd=ROOT, env=env, check=False, capture_output=capture, text=True)  # noqa: S603
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr or ''}")
    return result.stdout


def _manage(env, *arguments):
    _run([PYTHON, "manage.py", *arguments], env)


def _django_side(env, *arguments):
    return json.loads(_run([PYTHON, "bench/django_side.py", *arguments], env, capture=True).strip().splitlines()[-1])


def _wait_until_up(base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:  # noqa: S310 (loopback)
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz in time")


def _latency_ms(text):
    number, unit = re.fullmatch(r"([0-9.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url, duration, connections, cookie=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    command += ["-H", "Accept-Encoding: gzip, deflate, br", url]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 30).stdout  # noqa: S603
    percentiles = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", output, re.MULTILINE))
    if set(percentiles) != {"50", "99"}:
        raise SystemExit(f"wrk printed no latency distribution for {url}:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([0-9.]+)", output)[1]),
        "p50": _latency_ms(percentiles["50"]),
        "p99": _latency_ms(percentiles["99"]),
        "errors": (int(non_2xx[1]) if non_2xx else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (loopback)
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def _stylesheet(base):
    with urllib.request.urlopen(f"{base}/", timeout=10) as answer:  # noqa: S310 (loopback)
        html = answer.read().decode()
    return re.search(r'<link rel="stylesheet" href="([^"]+)"', html)[1]


def measure_pages(args, base, page_list, cookie=None):
    """Each page right after the static file: the machine is shared, so each ratio compares two runs
    seconds apart, not a page with a static figure taken minutes earlier under another load.

    ``cookie``: sent with every page request (a returning visitor), not with the static file's."""
    rows = []
    static = _stylesheet(base)
    wrk(f"{base}{static}", 1, args.connections)
    for name, address, has_form in [(pages.STATIC_NAME, static, False), *page_list]:
        url = f"{base}{address}"
        status = _status(url)
        if status != 200:
            rows.append({"name": name, "address": address, "status": status})
            log(f"{name} {address} answered {status}; skipped")
            continue
        log_offset = _server_log_size()
        static_rps = wrk(f"{base}{static}", args.duration, args.connections)["rps"] if rows else None
        wrk(url, 1, args.connections, cookie)  # warm-up: fill the page cache and the workers' caches
        figures = wrk(url, args.duration, args.connections, cookie)
        rows.append({"name": name, "address": address, "form": has_form, **figures})
        rows[-1]["static_rps"] = static_rps or figures["rps"]
        rows[-1]["restarts"] = _worker_restarts_since(log_offset)
        log(f"{name}: {figures['rps']:.0f} req/s (static file just before: {rows[-1]['static_rps']:.0f})")
    return rows


def _server_log_size():
    return SERVER_LOG.stat().st_size if SERVER_LOG.exists() else 0


def _worker_restarts_since(offset):
    """gunicorn workers recycled (``max_requests``) since ``offset`` in its log: each costs a second or so
    of one worker's time (a new process loads the app), enough to lower the page measured then."""
    if not SERVER_LOG.exists():
        return 0
    with SERVER_LOG.open("rb") as server_log:
        server_log.seek(offset)
        return sum(chunk.count(b"Autorestarting worker") for chunk in iter(lambda: server_log.read(1 << 20), b""))


def print_restarts(rows, section):
    """Name the pages whose run (the static file's, then the page's) saw a worker recycled."""
    hit = [f"{row['name']} ({row['restarts']})" for row in rows if row.get("restarts")]
    if hit:
        print(
            f"(a gunicorn worker was recycled during the {section} run of: {', '.join(hit)}; "
            "max_requests in gunicorn.conf.py, docs/performance.md)"
        )


def static_now(args, base):
    return wrk(f"{base}{_stylesheet(base)}", args.duration, args.connections)["rps"]


def print_returning(rows, args):
    print(
        f'\n== Returning visitor (session and CSRF cookies from "Add to my order", sent with every page): '
        f"wrk -t2 -c{args.connections} -d{args.duration}s"
    )
    header = f"{'page':26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'static':>7}"
    print(f"{header} {'ratio':>6} {'target':>6}")
    measured = [row for row in rows[1:] if "rps" in row]
    for row in rows[1:]:
        if "rps" not in row:
            print(f"{row['name']:26} answered {row['status']}")
            continue
        ratio = row["rps"] / row["static_rps"]
        met = "ok" if ratio >= TARGET_RETURNING and row["errors"] == 0 else "MISSED"
        print(
            f"{row['name']:26} {row['rps']:8.0f} {row['p50']:8.2f} {row['p99']:8.2f} {row['errors']:7d} "
            f"{row['static_rps']:7.0f} {ratio:6.3f} {TARGET_RETURNING:>6}  {met}"
        )
    print_restarts(rows, "returning visitor")
    if measured:
        worst = min(measured, key=lambda row: row["rps"] / row["static_rps"])
        ratio = worst["rps"] / worst["static_rps"]
        errors = sum(row["errors"] for row in measured)
        value = f"worst {ratio:.3f} ({worst['name']})"
        verdict("returning visitor, every page / static", value, f">= {TARGET_RETURNING}", ratio >= TARGET_RETURNING)
        shared = [row for row in measured if not row["address"].rstrip("/").endswith("/materials/order")]
        if shared and len(shared) < len(measured):  # their own order form is rendered for them: the rest apart
            other = min(shared, key=lambda row: row["rps"] / row["static_rps"])
            ratio = other["rps"] / other["static_rps"]
            value = f"worst {ratio:.3f} ({other['name']})"
            met = ratio >= TARGET_RETURNING
            verdict("returning visitor, every page but the order form", value, f">= {TARGET_RETURNING}", met)
        verdict("returning visitor, errors", str(errors), "0", errors == 0)


def print_mixed(mixed, seconds):
    ratio = mixed["per_second"] / mixed["static_rps"]
    met = ratio >= TARGET_MIXED and mixed["p99"] <= TARGET_MIXED_P99_MS
    errors = sum(mixed[kind]["errors"] for kind in ("pages", "filters", "writes"))
    print(f"\n== Mixed traffic for {seconds} s (bench/mixed.py: 2 processes x 4 threads, new connection per request)")
    print(
        f"{mixed['per_second']:.0f} requests/s in all ({mixed['requests']} in {mixed['seconds']} s); the static file "
        f"with the same client {mixed['static_rps']:.0f}/s: ratio {ratio:.3f} (target {TARGET_MIXED}), "
        f"p99 {mixed['p99']:.1f} ms (target {TARGET_MIXED_P99_MS}) {'ok' if met and not errors else 'MISSED'}"
    )
    verdict("mixed traffic / static (same client)", f"{ratio:.3f}", f">= {TARGET_MIXED}", ratio >= TARGET_MIXED)
    p99_met = mixed["p99"] <= TARGET_MIXED_P99_MS
    verdict("mixed traffic p99", f"{mixed['p99']:.1f} ms", f"<= {TARGET_MIXED_P99_MS} ms", p99_met)
    verdict("mixed traffic errors", str(errors), "0", errors == 0)
    for kind, label in (("pages", "pages"), ("filters", "catalog filters and search"), ("writes", "orders, sign-ups")):
        row = mixed[kind]
        extra = (
            f", rendered afresh {row['rendered']} (invalidated or not stored)"
            if kind != "writes"
            else f", {row['orders']} orders and {row['signups']} sign-ups, answers {row['statuses']}"
        )
        print(
            f"  {label:27} {row['share'] * 100:5.1f} %  p50 {row['p50']:7.2f} ms  p99 {row['p99']:8.2f} ms  "
            f"errors {row['errors']}{extra}"
        )
    if mixed["write_pool_ran_out"]:
        print("  (the prepared write forms ran out before the end: raise --mixed-writes)")


def print_report(rows, queries_small, queries_large, orders, weights, args):
    static = rows[0]
    print(f"\n== Pages: wrk -t2 -c{args.connections} -d{args.duration}s, gzip and brotli accepted, after a 1 s warm-up")
    header = f"{'page':26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'static':>7}"
    print(f"{header} {'ratio':>6} {'target':>6}  queries")
    for row in rows:
        if "rps" not in row:
            print(f"{row['name']:26} answered {row['status']}")
            continue
        ratio = row["rps"] / row["static_rps"]
        target = "" if row is static else (TARGET_FORM if row["form"] else TARGET_PAGE)
        met = "" if row is static else ("ok" if ratio >= target and row["errors"] == 0 else "MISSED")
        small = queries_small.get(row["name"], {}).get("queries", "")
        large = queries_large.get(row["name"], {}).get("queries", "")
        query_text = f"{small}/{large}" if small != "" else ""
        print(
            f"{row['name']:26} {row['rps']:8.0f} {row['p50']:8.2f} {row['p99']:8.2f} {row['errors']:7d} "
            f"{row['static_rps']:7.0f} {ratio:6.3f} {target!s:>6}  {query_text} {met}"
        )
    print("(static: the static file's req/s measured just before that page; ratio = req/s / static)")
    print("(queries: SQL queries uncached at the demo size / at the large size; target ≤ 8 and equal)")
    print_restarts(rows, "pages")
    for form, target, label in ((False, TARGET_PAGE, "page without a form"), (True, TARGET_FORM, "page with a form")):
        measured = [row for row in rows[1:] if "rps" in row and row["form"] is form]
        if measured:
            worst = min(measured, key=lambda row: row["rps"] / row["static_rps"])
            ratio = worst["rps"] / worst["static_rps"]
            met = ratio >= target and not any(row["errors"] for row in measured)
            verdict(f"{label}, cached / static, 0 errors", f"worst {ratio:.3f} ({worst['name']})", f">= {target}", met)
    counts = [(q.get("queries"), queries_large.get(name, {}).get("queries")) for name, q in queries_small.items()]
    if counts:
        most = max(max(small or 0, large or 0) for small, large in counts)
        equal = all(small == large for small, large in counts)
        met = most <= 8 and equal
        verdict("SQL queries a page uncached, demo = large", f"at most {most}, equal: {equal}", "<= 8, equal", met)
    if orders:
        ratio = orders["per_second"] / orders["static_rps"]
        faults = ("errors", "lost", "duplicates", "stock_mismatch", "oversold", "emails_missing")
        met = ratio >= TARGET_ORDERS and not any(orders[fault] for fault in faults)
        print(
            f"\n== Order submissions on PostgreSQL: {orders['per_second']:.1f}/s ({orders['orders']} in "
            f"{orders['seconds']} s, {args.order_threads} threads), static file just before "
            f"{orders['static_rps']:.0f} req/s, ratio {ratio:.3f} (target {TARGET_ORDERS}); "
            f"accepted {orders['accepted']}, refused for stock {orders['refused_out_of_stock']}, "
            f"errors {orders['errors']}, "
            f"lost {orders['lost']}, duplicates {orders['duplicates']}, stock mismatch {orders['stock_mismatch']}, "
            f"oversold {orders['oversold']} {'ok' if met else 'MISSED'}"
        )
        verdict("order submissions / static, no faults", f"{ratio:.3f}", f">= {TARGET_ORDERS}", met)
        print(
            f"   the worker's half, writing each order's two emails (one process, in bench/orders.py): "
            f"{orders['email_tasks_per_second']:.1f} orders/s, {orders['email_tasks']} tasks, "
            f"emails missing {orders['emails_missing']}"
        )
        if orders["errors"]:
            print(f"   answers: {orders['statuses']}; first failure: {orders['first_failure']}")
    if weights:
        print("\n== First visit, bytes transferred (compressed, headers included), headless Chromium")
        for weight in weights:
            parts = ", ".join(f"{kind} {size / 1000:.1f}" for kind, size in sorted(weight["by_type"].items()))
            path = weight["url"].split("/", 3)[3]
            met = verdict(
                f"first visit, {weight['viewport']}, /{path}",
                f"{weight['total'] / 1000:.1f} kB",
                f"<= {TARGET_WEIGHT_KB} kB",
                weight["total"] / 1000 <= TARGET_WEIGHT_KB,
            )
            place = f"{weight['viewport']:8} {weight['url']}"
            print(f"{place:48} {weight['total'] / 1000:7.1f} kB in {weight['requests']} requests ({parts}) {met}")
        for kind in ("stylesheet", "script"):
            largest = max(weight["by_type"].get(kind, 0) for weight in weights) / 1000
            met = largest <= TARGET_ASSET_KB
            verdict(f"{kind} as sent, largest", f"{largest:.1f} kB", f"<= {TARGET_ASSET_KB} kB", met)
        print(f"(targets: ≤ {TARGET_WEIGHT_KB} kB a page at every width; stylesheet ≤ 25 kB and script ≤ 25 kB)")


def print_lighthouse(audits):
    print("\n== Lighthouse (mobile, simulated throttling), production settings, the large data set")
    for audit in audits:
        scores = audit["scores"]
        met = verdict(
            f"Lighthouse performance (mobile) {audit['path']}",
            str(scores["performance"]),
            f">= {TARGET_LIGHTHOUSE}",
            (scores["performance"] or 0) >= TARGET_LIGHTHOUSE,
        )
        others = "  ".join(f"{key} {scores[key]}" for key in ("accessibility", "best-practices", "seo"))
        performance = f"performance {scores['performance']!s:>3} (target {TARGET_LIGHTHOUSE})"
        print(f"{audit['path']:26} {performance} {met}  {others}")


def print_bulletins(results):
    print(f"\n== Bulletin sending through the fake provider ({results[0]['delay_ms']} ms a call), real task code")
    for result in results:
        print(
            f"{result['recipients']:>7} recipients: {result['seconds']:8.1f} s, "
            f"{result['per_second']:6.0f} messages/s, {result['api_calls']} API calls, "
            f"peak RSS {result['peak_rss_mb']:.0f} MB"
        )
    small, large = results[0], results[-1]
    memory = large["peak_rss_mb"] - small["peak_rss_mb"]
    growth = (large["seconds"] / large["recipients"]) / (small["seconds"] / small["recipients"])
    slowest = min(result["per_second"] for result in results)
    target_rate = BULLETIN_RATE_BEFORE * BULLETIN_SPEED_UP
    sizes = f"from {small['recipients']:,} to {large['recipients']:,}"
    speed_up = f"{slowest / BULLETIN_RATE_BEFORE:.0f}x the {BULLETIN_RATE_BEFORE:.0f}/s before batching"
    checks = [
        ("memory", f"{memory:+.0f} MB {sizes}", memory <= BULLETIN_MEMORY_MB, f"≤ {BULLETIN_MEMORY_MB} MB"),
        ("per message", f"x{growth:.2f} {sizes}", growth <= BULLETIN_LINEAR_WITHIN, f"≤ x{BULLETIN_LINEAR_WITHIN}"),
        ("slowest rate", f"{slowest:.0f}/s = {speed_up}", slowest >= target_rate, f"≥ {BULLETIN_SPEED_UP}x"),
    ]
    for name, text, met, target in checks:
        verdict(f"bulletins, {name}", text.split(" ")[0], target, met)
        print(f"{name} {text} (target {target}) {'ok' if met else 'MISSED'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8110)))
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"))
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE", f"rr_bench_{os.getpid()}"))
    # 2,000 orders post for about 9 s: 300 posted in about 2 s, and the rate moved by a fifth from run to run.
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--order-threads", type=int, default=4)
    parser.add_argument("--only", nargs="*", help="measure only the pages with these names")
    parser.add_argument("--quick", action="store_true", help="demo data only (no large seed), smaller bulletins")
    parser.add_argument("--bulletin-sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"), help="default 10000 100000")
    parser.add_argument("--mixed-seconds", type=int, default=30)
    # 10 % of about 1,000 requests/s for 30 s on a quiet machine: 3,000 ran out before the end.
    parser.add_argument("--mixed-writes", type=int, default=6000, help="order and sign-up forms fetched ahead")
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["returning", "sessions", "mixed", "accesslog", "orders", "weight", "lighthouse", "bulletins"],
    )
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        raise SystemExit("--database: lower-case letters, digits and underscores only")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    database_url = f"{args.pg}/{args.database}"
    development, production = _environments(args, database_url)
    base = f"http://127.0.0.1:{args.port}"
    server = None
    log(f"creating the scratch database {args.database}")
    _psql(args.pg, f'CREATE DATABASE "{args.database}"')
    try:
        import redis

        redis.Redis.from_url(args.redis).flushdb()
        _manage(development, "migrate", "--noinput", "--verbosity", "0")
        _manage(development, "seed_demo")
        queries_small = _django_side(development, "queries")
        if not args.quick:
            log("seeding the large data set")
            _manage(development, "seed_demo", "--coalitions", "1000", "--subscribers", "100000")
            _django_side(development, "seed", "--materials", "1000")
            queries_large = _django_side(development, "queries")
        else:
            _django_side(development, "seed", "--materials", "100")
            queries_large = queries_small
        _manage(production, "collectstatic", "--noinput", "--verbosity", "0")
        samples = _django_side(development, "samples")
        SERVER_LOG.parent.mkdir(exist_ok=True)
        log(f"starting gunicorn on {base} (its access log: {SERVER_LOG.relative_to(ROOT)})")
        server = subprocess.Popen(  # noqa: S603
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "rescue_restore.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{args.port}",
            ],
            cwd=ROOT,
            env=production,
            start_new_session=True,
            stdout=SERVER_LOG.open("w"),
            stderr=subprocess.STDOUT,
        )
        _wait_until_up(base)
        spanish = _status(f"{base}/es/") == 200
        page_list = pages.resolved(samples, spanish)
        if args.only:
            page_list = [page for page in page_list if page[0] in args.only]
        rows = measure_pages(args, base, page_list)
        returning, returning_cookie = None, None
        if not {"returning", "sessions"} <= set(args.skip):
            returning_cookie = returning_visitor(base, development)
        if "returning" not in args.skip:
            log("every page again as a returning visitor with an order list")
            returning = measure_pages(args, base, page_list, cookie=returning_cookie)
        mixed = None if "mixed" in args.skip else measure_mixed(args, base, development, spanish)
        orders = None if "orders" in args.skip else measure_orders(args, base, development)
        access_log = None if "accesslog" in args.skip else measure_access_log(args, base, production)
        sessions = None
        if "sessions" not in args.skip and returning_cookie:
            sessions = measure_session_store(args, base, production, returning_cookie)
        weights = [] if "weight" in args.skip else measure_weight(base, development)
        audits = [] if "lighthouse" in args.skip else measure_lighthouse(base, development)
        _stop(server)
        server = None
        print_report(rows, queries_small, queries_large, orders, weights, args)
        if access_log:
            print_access_log(access_log, args)
        if returning:
            print_returning(returning, args)
        if sessions:
            print_session_store(sessions, args)
        if mixed:
            print_mixed(mixed, args.mixed_seconds)
        if audits:
            print_lighthouse(audits)
        if "bulletins" not in args.skip:
            print_bulletins(measure_bulletins(args, development))
        print_summary()
    finally:
        if server is not None:
            _stop(server)
        log(f"dropping the scratch database {args.database}")
        _psql(args.pg, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


def _stop(server):
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def measure_orders(args, base, env):
    log("order submissions")
    static_before_orders = static_now(args, base)
    command = [PYTHON, "bench/orders.py", "--base", base, "--orders", str(args.orders)]
    command += ["--threads", str(args.order_threads)]
    orders = json.loads(_run(command, env, capture=True).strip().splitlines()[-1])
    orders["static_rps"] = static_before_orders
    return orders


def returning_visitor(base, env):
    """The cookies a visitor holds after "Add to my order" (their session with the order list, CSRF)."""
    code = _run([PYTHON, "-c", RETURNING_ITEM], env, capture=True).strip().splitlines()[-1]
    from bench.orders import fetch_form

    return fetch_form(base, 0xFFFF, code)["cookie"]


RETURNING_ITEM = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rescue_restore.settings")
django.setup()
from materials.models import Edition
print(Edition.objects.orderable().in_stock().order_by("pk").values_list("item_code", flat=True).first())
"""


def measure_mixed(args, base, env, spanish):
    log(f"mixed traffic for {args.mixed_seconds} s (fetching {args.mixed_writes} write forms first)")
    command = [PYTHON, "bench/mixed.py", "--base", base, "--seconds", str(args.mixed_seconds)]
    command += ["--writes", str(args.mixed_writes)] + (["--spanish"] if spanish else [])
    return json.loads(_run(command, env, capture=True).strip().splitlines()[-1])


NO_ACCESS_LOG = """# gunicorn.conf.py as it is, less the access log (bench/run.py, measure_access_log).
import runpy
globals().update({k: v for k, v in runpy.run_path(CONF).items() if not k.startswith("__")})
accesslog = None
"""


def measure_access_log(args, base, env):
    """The same cached page from the running gunicorn and from a second one without its access log.

    gunicorn.conf.py is not changed: the second server reads it and drops ``accesslog`` in a config
    file of its own. Alternated twice, 5 s each, the same wrk; the idle server costs nothing.
    """
    log("gunicorn's access log: the home page with and without it")
    config = ROOT / "var" / "bench-no-access-log.conf.py"
    config.write_text(NO_ACCESS_LOG.replace("CONF", repr(str(ROOT / "gunicorn.conf.py"))))
    port = args.port + 1
    quiet = subprocess.Popen(  # noqa: S603
        [GUNICORN, "rescue_restore.wsgi", "--config", str(config), "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        other = f"http://127.0.0.1:{port}"
        _wait_until_up(other)
        figures = {"with": [], "without": []}
        for name, address in [("with", base), ("without", other)] * 2:
            wrk(f"{address}/", 1, args.connections)
            figures[name].append(wrk(f"{address}/", args.duration, args.connections)["rps"])
        return figures
    finally:
        _stop(quiet)


def measure_session_store(args, base, env, cookie):
    """A returning visitor's pages from the running gunicorn (sessions read from Redis, the default with
    Redis) and from a second one reading every session from PostgreSQL (``SESSION_STORE=database``).

    Same data, same Redis, same cookie (the session's row is the record either way); alternated twice.
    """
    log("sessions: a returning visitor's pages with the session read from Redis and from PostgreSQL")
    port = args.port + 2
    other = subprocess.Popen(  # noqa: S603
        [GUNICORN, "rescue_restore.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**env, "SESSION_STORE": "database"},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        database = f"http://127.0.0.1:{port}"
        _wait_until_up(database)
        figures = {}
        for page in SESSION_PAGES:
            for address in (base, database):  # stored by a visitor without a session (a write may have made it stale)
                _status(f"{address}{page}")
            figures[page] = {"cache": [], "database": []}
            for name, address in [("cache", base), ("database", database)] * 2:
                wrk(f"{address}{page}", 1, args.connections, cookie)
                figures[page][name].append(wrk(f"{address}{page}", args.duration, args.connections, cookie)["rps"])
        return figures
    finally:
        _stop(other)


SESSION_PAGES = ("/", "/materials/")


def print_session_store(figures, args):
    print(
        f"\n== Sessions: a returning visitor's cached pages (wrk -c{args.connections} -d{args.duration}s, alternated), "
        "the session read from Redis (SESSION_STORE=cache, now) against PostgreSQL (database, before)"
    )
    for page, runs in figures.items():
        cached, database = sum(runs["cache"]), sum(runs["database"])
        pairs = ", ".join(f"{a:.0f}/{b:.0f}" for a, b in zip(runs["cache"], runs["database"], strict=True))
        print(f"  {page:14} {cached / database:.2f} x the rate reading PostgreSQL (req/s Redis/PostgreSQL: {pairs})")


def print_access_log(figures, args):
    with_log, without = sum(figures["with"]), sum(figures["without"])
    runs = ", ".join(f"{a:.0f}/{b:.0f}" for a, b in zip(figures["with"], figures["without"], strict=True))
    print(
        f"\n== gunicorn's access log, the cached home page (wrk -c{args.connections} -d{args.duration}s, alternated): "
        f"{with_log / without:.3f} of the rate without it (req/s with/without: {runs}); "
        f"it costs {100 * (1 - with_log / without):.0f} % of a cached answer here"
    )


def _json_lines(command, env):
    """Run a bench script that prints one JSON object per line; return them."""
    return [json.loads(line) for line in _run(command, env, capture=True).strip().splitlines()]


def measure_weight(base, env):
    log("page weight")
    return _json_lines([PYTHON, "bench/weight.py", f"{base}/", f"{base}/materials/"], env)


def measure_lighthouse(base, env):
    log("Lighthouse (mobile) on the five key pages, about 20 s each")
    return _json_lines([PYTHON, "bench/lighthouse.py", base], env)


def measure_bulletins(args, env):
    sizes = args.bulletin_sizes or ([1_000, 10_000] if args.quick else [10_000, 100_000])
    log(f"bulletin sending to {sizes[0]:,} and {sizes[1]:,} subscribers (the larger takes minutes), site stopped")
    command = [PYTHON, "bench/listserv_send.py", "--json", "--sizes", *map(str, sizes)]
    result = subprocess.run(command, cwd=ROOT, env=env, check=False, stdout=subprocess.PIPE, text=True)  # noqa: S603
    if result.returncode:
        raise SystemExit("bench/listserv_send.py failed (its output is above)")
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
