"""One package per source format; each turns what a source sends into Meeting Guide-shaped
records that the common import (services.import_records) validates and stores."""


class FeedError(Exception):
    """The source's answer as a whole cannot be imported; nothing was changed."""


class MeetingRejected(Exception):
    """This meeting cannot be imported; the message says why, in words an operator can fix."""
