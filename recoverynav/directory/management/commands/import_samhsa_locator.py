import datetime as dt
from pathlib import Path

from recoverynav.directory.importers import samhsa
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.importers.command import ImportCommand


class Command(ImportCommand):
    help = "Import SAMHSA locator API pages (JSON, as findtreatment.samhsa.gov answers)."
    source = "samhsa-locator"

    def stamped_date(self) -> tuple[dt.date, str]:
        return samhsa.LOCATOR_DATE, "the date of the bundled 2019 locator sample"

    def parse(self, path: Path, options: dict) -> Parsed:
        return samhsa.parse_locator(path, verified=options["verified"])
