"""Issue 13 item 9: a repeat of a submission that placed its order shows that order, never the 429 page."""

import pytest

from materials.models import Order

pytestmark = pytest.mark.django_db


def test_a_repeat_over_the_limit_shows_the_order_it_placed(client, order_post, brochure):
    _material, english, _spanish = brochure
    last = None
    for _ in range(10):  # the tenth order uses the last place the limit allows
        last = order_post({english: 1})
        assert client.post("/materials/order/", last).status_code == 302
    repeat = client.post("/materials/order/", last)
    order = Order.objects.get(submission_token=last["submission_token"])
    assert repeat.status_code == 302
    assert repeat["Location"] == f"/materials/orders/{order.status_token}/received/"
    assert Order.objects.count() == 10
    assert client.post("/materials/order/", order_post({english: 1})).status_code == 429


def test_with_redis_down_an_order_is_still_placed_and_answered(client, order_post, brochure):
    """Issue 13 item 12: the rate limiter's cache at a closed port must not cost the order."""
    from django.test import override_settings

    from rescue_restore.web.antiabuse import reset_fallback

    _material, english, _spanish = brochure
    dead_redis = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    try:
        with override_settings(CACHES=dead_redis):
            response = client.post("/materials/order/", order_post({english: 2}))
    finally:
        reset_fallback()
    assert response.status_code == 302
    order = Order.objects.get()
    assert response["Location"] == f"/materials/orders/{order.status_token}/received/"
    assert order.items.get().quantity == 2
