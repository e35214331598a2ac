import datetime as dt
from pathlib import Path

from recoverynav.directory.importers import samhsa
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.importers.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the SAMHSA national treatment facility list (CSV: name1, street1, city, "
        "state, zip, latitude, longitude)."
    )
    source = "samhsa-facilities"

    def stamped_date(self) -> tuple[dt.date, str]:
        return samhsa.FACILITY_LIST_DATE, "the date of the bundled 2021 facility list"

    def parse(self, path: Path, options: dict) -> Parsed:
        return samhsa.parse_facility_list(path, verified=options["verified"])
