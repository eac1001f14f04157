"""States, DC and territories a coalition can be in, and the tile-grid map of them.

The map is a tile grid: one square per state on a rough grid of the country,
territories on a row of their own. It needs no geometry, no third-party tiles
and no JavaScript, and small states are as easy to click as large ones.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import ngettext

from rescue_restore.text.us_states import PLACE_CHOICES as STATE_CHOICES
from rescue_restore.text.us_states import PLACE_FIELD_CHOICES as STATE_FIELD_CHOICES
from rescue_restore.text.us_states import PLACE_NAMES as STATE_NAMES
from rescue_restore.text.us_states import TERRITORY_CODES, name_sort_key, place_name

# The 50 states, DC, and the five inhabited territories (rescue_restore.text.us_states). Armed-forces
# "states" and the freely associated states are not places a local coalition forms.
# Names are in the active language; STATE_CHOICES is sorted by them, STATE_FIELD_CHOICES
# (for model fields) keeps the fixed order the migrations record.
__all__ = ["STATE_CHOICES", "STATE_FIELD_CHOICES", "STATE_NAMES", "TERRITORY_CODES", "map_tiles", "name_sort_key"]

# (column, row) of each tile. Rows 0 to 7 are the states and DC; row 9 holds the
# territories: the Pacific ones under Hawaii, the Caribbean ones under Florida.
TILE_POSITIONS = {
    "AK": (0, 0), "ME": (11, 0),
    "WI": (6, 1), "VT": (10, 1), "NH": (11, 1),
    "WA": (1, 2), "ID": (2, 2), "MT": (3, 2), "ND": (4, 2), "MN": (5, 2), "IL": (6, 2), "MI": (7, 2),
    "NY": (9, 2), "MA": (10, 2),
    "OR": (1, 3), "NV": (2, 3), "WY": (3, 3), "SD": (4, 3), "IA": (5, 3), "IN": (6, 3), "OH": (7, 3),
    "PA": (8, 3), "NJ": (9, 3), "CT": (10, 3), "RI": (11, 3),
    "CA": (1, 4), "UT": (2, 4), "CO": (3, 4), "NE": (4, 4), "MO": (5, 4), "KY": (6, 4), "WV": (7, 4),
    "VA": (8, 4), "MD": (9, 4), "DE": (10, 4),
    "AZ": (2, 5), "NM": (3, 5), "KS": (4, 5), "AR": (5, 5), "TN": (6, 5), "NC": (7, 5), "SC": (8, 5),
    "DC": (9, 5),
    "OK": (4, 6), "LA": (5, 6), "MS": (6, 6), "AL": (7, 6), "GA": (8, 6),
    "HI": (0, 7), "TX": (4, 7), "FL": (9, 7),
    "GU": (0, 9), "MP": (1, 9), "AS": (2, 9), "PR": (9, 9), "VI": (10, 9),
}  # fmt: skip

TILE_SIZE = 46
TILE_GAP = 4
MAP_COLUMNS = 1 + max(column for column, _row in TILE_POSITIONS.values())
MAP_ROWS = 1 + max(row for _column, row in TILE_POSITIONS.values())
MAP_WIDTH = MAP_COLUMNS * (TILE_SIZE + TILE_GAP)
MAP_HEIGHT = MAP_ROWS * (TILE_SIZE + TILE_GAP)

# Shades by number of coalitions; the stylesheet colours each class
# (light shades with dark text, dark shades with white text, both AA).
SHADE_LIMITS = [(0, "none"), (1, "one"), (3, "few"), (None, "many")]


def shade_for(count: int) -> str:
    for limit, shade in SHADE_LIMITS:
        if limit is None or count <= limit:
            return shade
    return "many"  # pragma: no cover - the last limit is open


@dataclass(frozen=True)
class MapTile:
    code: str
    name: str
    count: int
    x: int
    y: int
    shade: str

    @property
    def label(self) -> str:
        """What a screen reader hears for the tile: "Illinois: 2 coalitions"."""
        return ngettext("%(state)s: %(count)s coalition", "%(state)s: %(count)s coalitions", self.count) % {
            "state": self.name,
            "count": self.count,
        }

    @property
    def text_x(self) -> int:
        return self.x + TILE_SIZE // 2

    @property
    def code_y(self) -> int:
        return self.y + 20

    @property
    def count_y(self) -> int:
        return self.y + 38


def map_tiles(counts: Mapping[str, int]) -> list[MapTile]:
    """One ``MapTile`` per place, from ``{state_code: number_of_coalitions}``."""
    tiles: list[MapTile] = []
    for code, (column, row) in TILE_POSITIONS.items():
        count = counts.get(code, 0)
        tiles.append(
            MapTile(
                code=code,
                name=place_name(code),
                count=count,
                x=column * (TILE_SIZE + TILE_GAP),
                y=row * (TILE_SIZE + TILE_GAP),
                shade=shade_for(count),
            )
        )
    return tiles
