"""The benchmark's steps that run inside Django, on the scratch database (called by bench/run.py).

python bench/django_side.py seed --materials 1000
python bench/django_side.py samples            # JSON: slugs for bench/pages.py
python bench/django_side.py queries            # JSON: SQL queries per page, page cache bypassed
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rescue_restore.settings")
    import django

    django.setup()


def queries(spanish):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import pages

    counts = {}
    client = Client()
    for name, address, _form in pages.resolved(pages.sample_values(), spanish):
        cache.clear()  # uncached: what a page costs when it must be rendered
        client.get(address)  # warm per-process state (template loader, lazy settings)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            status = client.get(address).status_code
        counts[name] = {"queries": len(captured), "status": status}
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["seed", "samples", "queries"])
    parser.add_argument("--materials", type=int, default=1000)
    parser.add_argument("--spanish", action="store_true")
    args = parser.parse_args()
    _setup()
    if args.step == "seed":
        from bench.seed import seed_materials

        print(json.dumps({"materials": seed_materials(args.materials)}))
    elif args.step == "samples":
        from bench import pages

        print(json.dumps(pages.sample_values()))
    else:
        print(json.dumps(queries(args.spanish)))


if __name__ == "__main__":
    main()
