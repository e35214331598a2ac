"""`load_demo_data` calls this on every `make run`; the gazetteer is loaded once."""

from typing import TextIO

from recoverynav.geo.models import PostalCode
from recoverynav.geo.services import load_gazetteer


def load_demo_data(*, stdout: TextIO) -> None:
    if PostalCode.objects.exists():
        return
    report = load_gazetteer()
    stdout.write(
        f"Places: {report.postal_codes} ZIP codes, {report.places} towns and cities, "
        f"{report.counties} counties.\n"
    )
