"""`load_demo_data` calls this on every `make run`: the bundled real sources are registered in
the registry of meeting sources like any other (kind, `bundled:` file, fellowship, zone, the
date the snapshot was current) and synced like any other; an unchanged file changes nothing."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from recoverynav.meetings.models import FeedSource, Fellowship
from recoverynav.meetings.services import sync_meetings

FEEDS_DIR = Path(__file__).resolve().parent / "data" / "feeds"
BMLT_SAMPLE = "bundled:bmlt/gnyr-2018-GetSearchResults.json"


@dataclass(frozen=True)
class DemoSource:
    name: str
    title: str
    location: str
    fellowship: str
    timezone: str  # for meetings whose ZIP code is not known
    as_of_year: int  # the snapshot's listings were current about then
    kind: str = FeedSource.Kind.MEETING_GUIDE
    zone_from_place: bool = True

    @property
    def filename(self) -> str:
        return self.location.rsplit("/", 1)[-1]


def _feed(
    name: str, title: str, filename: str, fellowship: str, zone: str, year: int, **more
) -> DemoSource:
    return DemoSource(name, title, f"bundled:feeds/{filename}", fellowship, zone, year, **more)


AA, AL_ANON = Fellowship.AA, Fellowship.AL_ANON
EASTERN, CENTRAL, PACIFIC = "America/New_York", "America/Chicago", "America/Los_Angeles"
BUNDLED_SOURCES = [
    _feed("sepia", "AA, Southeastern Pennsylvania", "aasepia.json", AA, EASTERN, 2022),
    _feed("san-jose", "AA, San José", "aasanjose.test.json", AA, PACIFIC, 2021),
    _feed("sf-marin", "AA, San Francisco and Marin", "aasfmarin.test.json", AA, PACIFIC, 2021),
    _feed("dry-dock-sf", "AA, an online list", "airtable-json.test.json", AA, PACIFIC, 2020),
    _feed("al-anon-ma", "Al-Anon, Massachusetts", "al-anon.json", AL_ANON, EASTERN, 2023),
    _feed("atlanta", "AA, Atlanta (a few meetings)", "atlanta.json", AA, EASTERN, 2024),
    _feed("ben-lomond", "AA, Ben Lomond, California", "benlomond.test.json", AA, PACIFIC, 2021),
    # A national list written in its site's zone ("8pm Eastern"), wherever a meeting is.
    _feed(
        "eda",
        "Eating Disorders Anonymous",
        "eda.json",
        Fellowship.OTHER,
        EASTERN,
        2023,
        zone_from_place=False,
    ),
    _feed("edmonton", "AA, Edmonton (Canada)", "edmonton.json", AA, "America/Edmonton", 2020),
    _feed("kansas-city", "AA, Kansas City", "kc.test.json", AA, CENTRAL, 2021),
    _feed("nw-texas", "AA, Northwest Texas", "nwta.test.json", AA, CENTRAL, 2021),
    DemoSource(
        "na-greater-new-york",
        "NA, Greater New York Region",
        BMLT_SAMPLE,
        Fellowship.NA,
        EASTERN,
        2018,
        kind=FeedSource.Kind.BMLT,
    ),
]
# Kept for the benchmark and tests that read the Meeting Guide files directly.
BUNDLED_FEEDS = [
    (s.name, s.filename, s.fellowship, s.timezone)
    for s in BUNDLED_SOURCES
    if s.kind == FeedSource.Kind.MEETING_GUIDE
]


def register_demo_sources() -> list[FeedSource]:
    """The bundled sources in the registry. An entry the operator has set up stays as it is;
    one without a location (how earlier versions kept the demo feeds) is completed."""
    registered = []
    for demo in BUNDLED_SOURCES:
        settings = {
            "title": demo.title,
            "kind": demo.kind,
            "url": demo.location,
            "fellowship": demo.fellowship,
            "default_timezone": demo.timezone,
            "zone_from_place": demo.zone_from_place,
            "data_as_of": dt.date(demo.as_of_year, 1, 1),
            "enabled": True,
        }
        source, created = FeedSource.objects.get_or_create(name=demo.name, defaults=settings)
        if not created and not source.url:
            for name, value in settings.items():
                setattr(source, name, value)
            source.save()
        elif not created and not source.title:
            source.title = demo.title
            source.save(update_fields=["title"])
        registered.append(source)
    return registered


def load_demo_data(*, stdout: TextIO) -> None:
    demo = [source for source in register_demo_sources() if source.enabled and source.url]
    for line in sync_meetings(sources=demo).lines:
        stdout.write(f"Meetings: {line}\n")
