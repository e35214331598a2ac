"""`load_demo_data` calls this on every `make run`: the bundled real feeds are imported once,
when there are no meetings yet."""

from pathlib import Path
from typing import TextIO

from recoverynav.meetings.models import FeedSource, Fellowship, Meeting
from recoverynav.meetings.services import FeedError, import_meetings

FEEDS_DIR = Path(__file__).resolve().parent / "data" / "feeds"
# (source name, file, fellowship, default zone for meetings whose ZIP code is not known)
BUNDLED_FEEDS = [
    ("sepia", "aasepia.json", Fellowship.AA, "America/New_York"),
    ("san-jose", "aasanjose.test.json", Fellowship.AA, "America/Los_Angeles"),
    ("sf-marin", "aasfmarin.test.json", Fellowship.AA, "America/Los_Angeles"),
    ("dry-dock-sf", "airtable-json.test.json", Fellowship.AA, "America/Los_Angeles"),
    ("al-anon-ma", "al-anon.json", Fellowship.AL_ANON, "America/New_York"),
    ("atlanta", "atlanta.json", Fellowship.AA, "America/New_York"),
    ("ben-lomond", "benlomond.test.json", Fellowship.AA, "America/Los_Angeles"),
    ("eda", "eda.json", Fellowship.OTHER, "America/New_York"),
    ("edmonton", "edmonton.json", Fellowship.AA, "America/Edmonton"),
    ("kansas-city", "kc.test.json", Fellowship.AA, "America/Chicago"),
    ("nw-texas", "nwta.test.json", Fellowship.AA, "America/Chicago"),
]


def load_demo_data(*, stdout: TextIO) -> None:
    if Meeting.objects.exists():
        return
    for name, filename, fellowship, zone in BUNDLED_FEEDS:
        source = FeedSource.objects.filter(name=name).first() or FeedSource(
            name=name, fellowship=fellowship, default_timezone=zone, enabled=False
        )
        try:
            report = import_meetings(source=source, data=(FEEDS_DIR / filename).read_bytes())
        except FeedError as error:
            stdout.write(f"Meetings: {name} not loaded: {error}\n")
            continue
        stdout.write(f"Meetings: {report.summary()}\n")
