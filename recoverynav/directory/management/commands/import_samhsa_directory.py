import datetime as dt
from pathlib import Path

from recoverynav.directory.importers import samhsa
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.importers.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import SAMHSA's National Directory of Drug and Alcohol Use Treatment Facilities "
        "(2024 edition's CSV: name1, name2, street1, …, zip, phone, intake1, service_code_info, "
        "latitude, longitude, geo_source). Its date is the survey year (default 2023)."
    )
    source = "samhsa-directory-2024"

    def stamped_date(self) -> tuple[dt.date, str]:
        return samhsa.DIRECTORY_2024_DATE, "the 2024 directory's survey year (2023)"

    def parse(self, path: Path, options: dict) -> Parsed:
        return samhsa.parse_directory_2024(path, verified=options["verified"])
