"""Strict readers for environment variables.

Every setting that comes from the environment goes through one of these
helpers, so a typo such as ``DJANGO_DEBUG=ture`` stops start-up with a clear
message instead of silently meaning something else.
"""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name):
    value = os.environ.get(name)
    return None if value is None else value.strip()


def read_str(name, default=None, *, required=False):
    """Return the variable as text; refuse start-up when required and missing."""
    value = _raw(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def read_bool(name, default=False):
    """Accept 1/0, true/false, yes/no, on/off (any case); refuse anything else."""
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value. Use one of: true, false, 1, 0, yes, no, on, off."
    )


def read_int(name, default, *, minimum=None, maximum=None):
    """Return a whole number within the given bounds, or refuse start-up."""
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum of {minimum}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name}={number} is above the maximum of {maximum}.")
    return number


def read_list(name, default=()):
    """Comma-separated values, blanks dropped."""
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def read_choice(name, choices, default):
    """One of a fixed set of words, or refuse start-up."""
    value = _raw(name)
    if value is None or value == "":
        return default
    if value not in choices:
        allowed = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {allowed}.")
    return value


def read_networks(name, default=()):
    """Comma-separated IP addresses or CIDR networks, as ``ip_network`` objects."""
    networks = []
    for item in read_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or network (e.g. 10.0.0.0/8).") from None
    return networks
