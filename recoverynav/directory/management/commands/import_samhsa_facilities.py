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

    def parse(self, path: Path, options: dict) -> Parsed:
        if options["verified"]:
            return samhsa.parse_facility_list(path, verified=options["verified"])
        return samhsa.parse_facility_list(path)
