"""U.S. shipping addresses: states, DC, territories, freely associated states and military mail.

The codes and names come from ``rescue_restore.text.us_states`` (django-localflavor). The ZIP check below is a
coarse one: it compares the first three digits with the prefixes the U.S.
Postal Service assigns to each state (the 3-digit ZIP prefix list USPS
publishes for mailers, Domestic Mail Manual exhibit L002), so a ZIP from
another state is caught while every real address passes. A few prefixes
serve one facility across a state line and are listed with the state they
serve: 005 (Holtsville, NY), 055 (Andover, MA), 063 (Fishers Island, NY
within Connecticut's range), 201 (Dulles, VA), 569 (Washington, DC parcel
return), 733 (Austin, TX), 885 (El Paso, TX). If USPS reassigns a prefix,
change this table.
"""

from rescue_restore.text.us_states import ADDRESS_CHOICES, MILITARY_CODES

MILITARY_STATES = MILITARY_CODES
MILITARY_CITIES = {"APO", "FPO", "DPO"}

ZIP_PREFIXES = {
    "AL": "350-369",
    "AK": "995-999",
    "AZ": "850-865",
    "AR": "716-729",
    "CA": "900-961",
    "CO": "800-816",
    "CT": "060-069",
    "DE": "197-199",
    "DC": "200,202-205,569",
    "FL": "320-339,341-349",
    "GA": "300-319,398-399",
    "HI": "967-968",
    "ID": "832-838",
    "IL": "600-629",
    "IN": "460-479",
    "IA": "500-528",
    "KS": "660-679",
    "KY": "400-427",
    "LA": "700-714",
    "ME": "039-049",
    "MD": "206-219",
    "MA": "010-027,055",
    "MI": "480-499",
    "MN": "550-567",
    "MS": "386-397",
    "MO": "630-658",
    "MT": "590-599",
    "NE": "680-693",
    "NV": "889-898",
    "NH": "030-038",
    "NJ": "070-089",
    "NM": "870-884",
    "NY": "005,063,100-149",
    "NC": "270-289",
    "ND": "580-588",
    "OH": "430-459",
    "OK": "730-731,734-749",
    "OR": "970-979",
    "PA": "150-196",
    "RI": "028-029",
    "SC": "290-299",
    "SD": "570-577",
    "TN": "370-385",
    "TX": "733,750-799,885",
    "UT": "840-847",
    "VT": "050-054,056-059",
    "VA": "201,220-246",
    "WA": "980-994",
    "WV": "247-268",
    "WI": "530-549",
    "WY": "820-831",
    # Territories and freely associated states (all Pacific ones share 969 but American Samoa).
    "AS": "967",
    "GU": "969",
    "MP": "969",
    "PR": "006-007,009",
    "VI": "008",
    "FM": "969",
    "MH": "969",
    "PW": "969",
    # Military mail: Armed Forces Americas, Europe (and Africa, Middle East, Canada), Pacific.
    "AA": "340",
    "AE": "090-098",
    "AP": "962-966",
}


def _expand(ranges: str) -> frozenset[str]:
    prefixes: set[str] = set()
    for part in ranges.split(","):
        first, _, last = part.partition("-")
        prefixes.update(f"{number:03d}" for number in range(int(first), int(last or first) + 1))
    return frozenset(prefixes)


_PREFIX_SETS = {state: _expand(ranges) for state, ranges in ZIP_PREFIXES.items()}


STATE_CHOICES = ADDRESS_CHOICES
STATE_CODES = frozenset(_PREFIX_SETS)


def zip_matches_state(zip_code: str, state: str) -> bool:
    """True when the ZIP's 3-digit prefix belongs to the state (or the state is not in the table)."""
    prefixes = _PREFIX_SETS.get(state)
    return prefixes is None or zip_code[:3] in prefixes
