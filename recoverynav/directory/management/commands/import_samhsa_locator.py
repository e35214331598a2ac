from pathlib import Path

from recoverynav.directory.importers import samhsa
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.importers.command import ImportCommand


class Command(ImportCommand):
    help = "Import SAMHSA locator API pages (JSON, as findtreatment.samhsa.gov answers)."
    source = "samhsa-locator"

    def parse(self, path: Path, options: dict) -> Parsed:
        if options["verified"]:
            return samhsa.parse_locator(path, verified=options["verified"])
        return samhsa.parse_locator(path)
