import datetime as dt
from pathlib import Path

from recoverynav.directory.importers import samhsa
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.importers.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import SAMHSA's Opioid Treatment Program directory export (CSV: Program Name, "
        "Street, City, State, Zip Code, Phone, Certification). Give the export's date with "
        "--verified (default 2026-05-25, the bundled file's)."
    )
    source = "samhsa-otp"

    def stamped_date(self) -> tuple[dt.date, str]:
        return samhsa.OTP_DIRECTORY_DATE, "the date of the bundled May 2026 OTP export"

    def parse(self, path: Path, options: dict) -> Parsed:
        return samhsa.parse_otp_directory(path, verified=options["verified"])
