"""U.S. states, DC and territories, with their names, in one place (from django-localflavor).

Coalitions form in the 50 states, DC and the five inhabited territories
(``PLACE_CHOICES``). Orders also ship to the freely associated states and to
military mail (``ADDRESS_CHOICES``, grouped for the form's select).

Every name is in the language active when it is read, and every list is sorted
by the names in that language: Spanish readers find "Nueva York" among the N's.
The names and their translations are django-localflavor's (see ``place_name``).
"""

import functools
import gettext as gettext_module
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import localflavor
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from localflavor.us.us_states import ARMED_FORCES_STATES, COFA_STATES, US_STATES, US_TERRITORIES

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

TERRITORY_CODES = frozenset(code for code, _name in US_TERRITORIES)
MILITARY_CODES = frozenset(code for code, _name in ARMED_FORCES_STATES)

# localflavor marks its names for translation and ships their translations, but Django reads
# them only for an installed app; localflavor is a library here, so its catalogue is read directly.
_LOCALFLAVOR_LOCALE = Path(localflavor.__file__).parent / "locale"
# The one name localflavor translates with a context (Georgia the state, not the country).
_CONTEXTS = {"GA": "US state"}
# Names the site's catalogues spell differently from localflavor's (usa.gov/es writes "Hawái",
# "Pensilvania", "Islas Vírgenes de los EE. UU."): in English they read as localflavor's.
_SITE_SPELLINGS = {
    "HI": pgettext_lazy("U.S. state", "Hawaii"),
    "LA": pgettext_lazy("U.S. state", "Louisiana"),
    "MS": pgettext_lazy("U.S. state", "Mississippi"),
    "MO": pgettext_lazy("U.S. state", "Missouri"),
    "PA": pgettext_lazy("U.S. state", "Pennsylvania"),
    "VI": pgettext_lazy("U.S. territory", "Virgin Islands"),
}
_LAZY_NAMES = dict(US_STATES) | dict(US_TERRITORIES) | dict(COFA_STATES) | dict(ARMED_FORCES_STATES)


@functools.cache
def _english_names() -> dict[str, str]:
    """``{code: "New York"}``: localflavor's names before translation."""
    with translation.override(None):
        return {code: str(name) for code, name in _LAZY_NAMES.items()}


@functools.cache
def _localflavor_catalogue(language: str) -> gettext_module.NullTranslations:
    locale = translation.to_locale(language)
    return gettext_module.translation("django", localedir=_LOCALFLAVOR_LOCALE, languages=[locale], fallback=True)


def place_name(code: str) -> str:
    """ "New York" for "NY" in English, "Nueva York" in Spanish (the code itself if unknown).

    The site's own catalogues come first, so a name can be corrected there;
    a name they leave as it is comes from localflavor's catalogue.
    """
    english = _english_names().get(code)
    if english is None:
        return code
    name = str(_SITE_SPELLINGS.get(code, _LAZY_NAMES[code]))
    language = translation.get_language()
    if name != english or not language:
        return name
    catalogue = _localflavor_catalogue(language)
    context = _CONTEXTS.get(code)
    return catalogue.pgettext(context, english) if context else catalogue.gettext(english)


def name_sort_key(name: object) -> str:
    """Sort key for names in any language: case and accents ignored ("Nuevo México" before "Ohio")."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    return "".join(character for character in decomposed if not unicodedata.combining(character)).casefold()


def _named_and_sorted(codes: Iterable[str]) -> list[tuple[str, str]]:
    return list(_sorted_in_language(tuple(codes), translation.get_language()))


@functools.cache
def _sorted_in_language(codes: tuple[str, ...], language: str | None) -> tuple[tuple[str, str], ...]:
    """Named and sorted once per language: every order form and coalition form builds these lists."""
    return tuple(sorted(((code, place_name(code)) for code in codes), key=lambda choice: name_sort_key(choice[1])))


def _codes(choices: Iterable[tuple[str, object]]) -> list[str]:
    return [code for code, _name in choices]


_PLACE_CODES = (*_codes(US_STATES), *_codes(US_TERRITORIES))


def place_choices() -> list[tuple[str, str]]:
    """Places a local coalition forms (states, DC, territories) in the active language, sorted by name."""
    return _named_and_sorted(_PLACE_CODES)


def place_names() -> dict[str, str]:
    return dict(place_choices())


# Read at every use, so each request sees its own language (form choices keep them lazy).
PLACE_CHOICES = lazy(place_choices, list)()
PLACE_NAMES = lazy(place_names, dict)()
# For model fields: migrations record choices, so the order is fixed (the English one) and only
# the names follow the language (a lazy list would be written into a migration as one string).
# Sorted once, at import, in the default language: the order the migrations hold.
_PLACES_AT_IMPORT = sorted(((code, str(name)) for code, name in (*US_STATES, *US_TERRITORIES)), key=lambda c: c[1])
PLACE_FIELD_CHOICES = [(code, lazy(place_name, str)(code)) for code, _name in _PLACES_AT_IMPORT]


# A <select>'s choice, or a group of them under a heading.
type Choice = tuple[str | StrPromise, str | StrPromise | list[tuple[str, str]]]


def _address_choices() -> list[Choice]:
    return list(_address_choices_in(translation.get_language()))


@functools.cache
def _address_choices_in(language: str | None) -> tuple[Choice, ...]:
    """Built once per language (every order form reads it; it was ~1 ms a form). Never mutated."""
    return (
        ("", _("- Select -")),
        (_("States and the District of Columbia"), _named_and_sorted(_codes(US_STATES))),
        (_("U.S. territories"), _named_and_sorted(_codes(US_TERRITORIES))),
        (_("Freely associated states"), _named_and_sorted(_codes(COFA_STATES))),
        (
            _("Military mail (APO, FPO, DPO)"),
            [(code, f"{name} ({code})") for code, name in _named_and_sorted(_codes(ARMED_FORCES_STATES))],
        ),
    )


# Built at every use, in the language of the page.
ADDRESS_CHOICES = lazy(_address_choices, list)()


def state_name(code: str) -> str:
    """ "California" for "CA" (the code itself if unknown)."""
    return place_name(code)
