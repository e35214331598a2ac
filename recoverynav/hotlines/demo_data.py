"""`load_demo_data` calls this on every `make run`; it only adds what is missing."""

from typing import TextIO

from recoverynav.hotlines.models import Country
from recoverynav.hotlines.services import load_hotlines


def load_demo_data(*, stdout: TextIO) -> None:
    if Country.objects.exists():
        return
    report = load_hotlines()
    stdout.write(f"Hotlines: {report.created} records loaded.\n")
