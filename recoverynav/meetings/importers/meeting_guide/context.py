"""What the operator configured for a feed, which every meeting of it is cleaned with."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Bump when normalization changes, so the next import refreshes every stored meeting.
NORMALISER_VERSION = "4"


@dataclass
class FeedContext:
    """What the operator configured for the feed, plus memoized gazetteer look-ups."""

    source: str
    fellowship: str = ""
    default_timezone: str = ""
    zone_from_place: bool = True
    postal_timezone: Callable[[str], str | None] = lambda code: None
    postal_place: Callable[[str], tuple[float, float] | None] = lambda code: None
    city_place: Callable[[str, str], tuple[float, float] | None] = lambda city, state: None
    _cache: dict = field(default_factory=dict)

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def signature(self) -> str:
        return (
            f"{NORMALISER_VERSION}|{self.fellowship}|{self.default_timezone}"
            f"|{int(self.zone_from_place)}"
        )
