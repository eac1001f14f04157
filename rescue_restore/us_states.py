"""U.S. states, DC and territories, with their names, in one place (from django-localflavor).

Coalitions form in the 50 states, DC and the five inhabited territories
(``PLACE_CHOICES``). Orders also ship to the freely associated states and to
military mail (``ADDRESS_CHOICES``, grouped for the form's select).
"""

from django.utils.functional import lazy
from localflavor.us.us_states import ARMED_FORCES_STATES, COFA_STATES, US_STATES, US_TERRITORIES

TERRITORY_CODES = frozenset(code for code, _name in US_TERRITORIES)
MILITARY_CODES = frozenset(code for code, _name in ARMED_FORCES_STATES)

# Places a local coalition forms: states, DC and territories, sorted by name.
PLACE_CHOICES = sorted(((code, str(name)) for code, name in (*US_STATES, *US_TERRITORIES)), key=lambda c: c[1])
PLACE_NAMES = dict(PLACE_CHOICES)


def _address_choices():
    return [
        ("", "- Select -"),
        ("States and the District of Columbia", list(US_STATES)),
        ("U.S. territories", list(US_TERRITORIES)),
        ("Freely associated states", list(COFA_STATES)),
        ("Military mail (APO, FPO, DPO)", [(code, f"{name} ({code})") for code, name in ARMED_FORCES_STATES]),
    ]


# Built on first use: localflavor's names are translated lazily.
ADDRESS_CHOICES = lazy(_address_choices, list)()

_ALL_NAMES = dict(US_STATES) | dict(US_TERRITORIES) | dict(COFA_STATES) | dict(ARMED_FORCES_STATES)


def state_name(code):
    """ "California" for "CA" (the code itself if unknown)."""
    return str(_ALL_NAMES.get(code, code))
