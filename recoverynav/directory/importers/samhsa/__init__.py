"""SAMHSA's formats: the National Directory (2024 edition, and the 2017 one's `/`-separated
keys), the Opioid Treatment Program directory, locator API pages, the national facility list
and the MOUD provider list.

One module per kind of file: `directory` (the National Directory, 2024 and 2017), `locator`,
`lists` (OTP directory, facility list, MOUD); `common` holds what they share. The names below
are the ones the import commands, the demo data and the benchmark use.

Every service code is read through `samhsa_codes` (SAMHSA's official code reference), so a
code means the same whichever file it came from, and no raw code reaches a page.
"""

from recoverynav.directory.importers.samhsa.common import (
    DATA_DIR,
    DIRECTORY_2017_DATE,
    DIRECTORY_2024_DATE,
    FACILITY_LIST_DATE,
    LOCATOR_DATE,
    MOUD_DATE,
    OTP_DIRECTORY_DATE,
)
from recoverynav.directory.importers.samhsa.directory import (
    parse_directory_2024,
    parse_service_keys,
    split_contact,
)
from recoverynav.directory.importers.samhsa.lists import (
    parse_facility_list,
    parse_moud,
    parse_otp_directory,
)
from recoverynav.directory.importers.samhsa.locator import parse_locator, parse_locator_rows

__all__ = [
    "DATA_DIR",
    "DIRECTORY_2017_DATE",
    "DIRECTORY_2024_DATE",
    "FACILITY_LIST_DATE",
    "LOCATOR_DATE",
    "MOUD_DATE",
    "OTP_DIRECTORY_DATE",
    "parse_directory_2024",
    "parse_facility_list",
    "parse_locator",
    "parse_locator_rows",
    "parse_moud",
    "parse_otp_directory",
    "parse_service_keys",
    "split_contact",
]
