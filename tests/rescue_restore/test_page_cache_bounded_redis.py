"""A flood of made-up addresses against Redis bounded as docs/deploy.md sets it: nothing fails, nothing stale.

A real ``redis-server`` of this test's own (``maxmemory`` small, ``volatile-lru``), so that eviction
happens while pages are served: every answer is still a 200, Redis stays within its limit, the tag
versions survive (they have no expiry), and a change made after the flood shows at once.
"""

import shutil
import socket
import subprocess
import time

import pytest
import redis

from rescue_restore.web import pagecache
from tests.factories.materials import EditionFactory, MaterialFactory
from tests.rescue_restore.test_page_cache_invalidation import _hit

pytestmark = pytest.mark.django_db

MAX_MEMORY = 2 * 1024 * 1024


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def bounded_redis(tmp_path, settings):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("needs redis-server (installed on the development and CI machines)")
    port = _free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--dir", str(tmp_path), "--maxmemory", str(MAX_MEMORY), "--maxmemory-policy", "volatile-lru"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    original = settings.CACHES
    try:
        for _attempt in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail("the test's own redis-server did not answer within 5 s")
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5},
            }
        }
        settings.PAGE_CACHE_ENABLED = True
        pagecache.forget_local_copies()
        yield client
    finally:
        # Back before the suite's own teardown empties "the" cache, which would be this server.
        settings.CACHES = original
        pagecache.forget_local_copies()
        server.terminate()
        server.wait(timeout=10)


def test_a_flood_of_addresses_asked_for_twice_stays_within_redis_memory_and_serves_no_stale_page(client, bounded_redis):
    for number in range(12):
        material = MaterialFactory(title=f"Brochure {number}", slug=f"brochure-{number}")
        EditionFactory(material=material, item_code=f"RR-FLOOD-{number}", stock_on_hand=50)
    watched = "/materials/brochure-0/"
    assert [client.get(watched).status_code, _hit(client.get(watched))] == [200, True]

    statuses = set()
    for number in range(60):  # a determined stranger asks for each made-up address twice
        for _ask in range(2):
            statuses.add(client.get(f"/materials/?utm_x={number}").status_code)

    assert statuses == {200}
    memory, stats = bounded_redis.info("memory"), bounded_redis.info("stats")
    assert stats["evicted_keys"] > 0  # the limit was reached: pages were evicted, not refused
    assert memory["used_memory"] <= MAX_MEMORY
    assert bounded_redis.keys("*pagecache:generation")  # versions have no expiry: never evicted

    from materials.models import Material

    material = Material.objects.get(slug="brochure-0")
    material.title = "Brochure zero, revised"
    material.save()
    assert "Brochure zero, revised" in client.get(watched).content.decode()
