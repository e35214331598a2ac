"""SAMHSA's service codes: their official meanings and what each means in our vocabulary.

The meanings come from SAMHSA's own "Service Code Reference" (`data/samhsa_service_code_
reference.csv`, the 224 codes of the 2023 and 2024 National Directories). Codes of earlier
editions that the reference no longer lists are in `data/samhsa_service_codes_earlier.csv`,
named from the 2017 directory's key; the few whose wording we could not confirm are marked
`unconfirmed` and are never shown. Every importer of a SAMHSA format reads codes through
`service_code()`, so a code means the same thing whichever file it came from.

`ATTRIBUTES` is our part: which codes become searchable attributes (`group:value` tokens of
`vocabulary.py`, or `otp`). A code with no attribute is kept as an "other service" under its
official category and name, never as the bare code.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REFERENCE_FILE = DATA_DIR / "samhsa_service_code_reference.csv"
EARLIER_FILE = DATA_DIR / "samhsa_service_codes_earlier.csv"

# Category codes whose service codes name languages: the name goes to "other languages".
LANGUAGE_CATEGORIES = {"OL"}
# The 2017 directory numbered some languages without naming them (F10, N18, …).
UNNAMED_LANGUAGE = "Another language"

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    # Type of care
    "SA": ("care:substance_use",),
    "DT": ("setting:detox",),
    "HH": ("care:sober_housing",),
    "SUMH": ("care:co_occurring",),
    "MHS": ("care:mental_health",),
    # Service setting
    "HI": ("setting:hospital_inpatient",),
    "HID": ("setting:hospital_inpatient", "setting:detox"),
    "HIT": ("setting:hospital_inpatient",),
    "OP": ("setting:outpatient",),
    "OD": ("setting:outpatient", "setting:detox"),
    "ODT": ("setting:partial_hospital",),
    "OIT": ("setting:intensive_outpatient",),
    "OMB": ("setting:outpatient",),
    "ORT": ("setting:outpatient",),
    "RES": ("setting:residential",),
    "RD": ("setting:residential", "setting:detox"),
    "RL": ("setting:residential", "setting:residential_long"),
    "RS": ("setting:residential", "setting:residential_short"),
    "TELE": ("setting:telehealth",),
    # Opioid medications, types of opioid treatment and pharmacotherapies
    "MU": ("medication:methadone",),
    "METH": ("medication:methadone",),
    "MM": ("medication:methadone",),
    "DM": ("medication:methadone",),
    "BU": ("medication:buprenorphine",),
    "BUM": ("medication:buprenorphine",),
    "DB": ("medication:buprenorphine",),
    "UB": ("medication:buprenorphine",),
    "BSDM": ("medication:buprenorphine",),
    "BWN": ("medication:buprenorphine",),
    "BWON": ("medication:buprenorphine",),
    "BERI": ("medication:buprenorphine",),
    "NXN": ("medication:naltrexone",),
    "VTRL": ("medication:naltrexone_er",),
    "ACM": ("medication:acamprosate",),
    "DSF": ("medication:disulfiram",),
    "OTP": ("otp",),
    "SOTP": ("otp",),
    # Payment
    "MD": ("payment:medicaid",),
    "MC": ("payment:medicare",),
    "PI": ("payment:private_insurance",),
    "SF": ("payment:self_pay",),
    "SS": ("payment:sliding_fee",),
    "NP": ("payment:free",),
    "MI": ("payment:military",),
    "SI": ("payment:state_financed",),
    "ITU": ("payment:ihs_tribal",),
    # Ages accepted
    "CHLD": ("age:children",),
    "YAD": ("age:young_adults",),
    "ADLT": ("age:adults",),
    "SNR": ("age:seniors",),
    # Special programs
    "VET": ("program:veterans",),
    "ADM": ("program:military",),
    "MF": ("program:military",),
    "PW": ("program:pregnant",),
    "WN": ("program:women",),
    "MN": ("program:men",),
    "AD": ("program:teens",),
    "TAY": ("program:young_adults",),
    "SE": ("program:seniors",),
    "GL": ("program:lgbtq",),
    "CJ": ("program:criminal_justice",),
    "CO": ("program:co_occurring", "care:co_occurring"),
    "TRMA": ("program:trauma",),
    "XA": ("program:trauma",),
    "DV": ("program:trauma",),
    "DU": ("program:dui",),
    "DUO": ("program:dui",),
    # Languages
    "SP": ("language:spanish",),
    "AH": ("language:asl",),
    "NX": ("language:other",),
    "FX": ("language:other",),
    # Codes only earlier editions used
    "SAF": ("care:substance_use",),
    "MHSAF": ("care:substance_use", "care:co_occurring"),
    "MHF": ("care:mental_health",),
    "MMW": ("medication:methadone",),
    "BMW": ("medication:buprenorphine",),
    "CT": ("setting:telehealth",),
}
# Naltrexone with no form given ("used in treatment", "prescribes"): the pills are meant
# unless the facility names the form (oral NXN, injectable VTRL), which then says it all.
NALTREXONE_UNSPECIFIED = {"NU", "UN", "RPN"}
NALTREXONE_FORMS = {"NXN", "VTRL"}


@dataclass(frozen=True)
class ServiceCode:
    code: str
    name: str
    category_code: str
    category: str
    attributes: tuple[str, ...]
    shown: bool = True  # False for an earlier edition's code whose wording is unconfirmed

    @property
    def is_language(self) -> bool:
        return self.category_code in LANGUAGE_CATEGORIES


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def codes() -> dict[str, ServiceCode]:
    """Every known code: the official reference, then earlier editions' codes it lacks."""
    table = {}
    for row in _read(REFERENCE_FILE):
        code = row["service_code"].strip()
        table[code] = ServiceCode(
            code=code,
            name=row["service_name"].strip(),
            category_code=row["category_code"].strip(),
            category=row["category_name"].strip(),
            attributes=ATTRIBUTES.get(code, ()),
        )
    for row in _read(EARLIER_FILE):
        code = row["service_code"].strip()
        table.setdefault(
            code,
            ServiceCode(
                code=code,
                name=row["service_name"].strip() or UNNAMED_LANGUAGE,
                category_code=row["category_code"].strip(),
                category=row["category_name"].strip(),
                attributes=ATTRIBUTES.get(code, ()),
                shown=row["status"].strip() != "unconfirmed",
            ),
        )
    return table


def service_code(code: str) -> ServiceCode | None:
    return codes().get(code.strip())


@cache
def codes_by_name() -> dict[str, ServiceCode]:
    """Official (lower-case) names to codes, for formats that send names, not codes (the
    locator API). Where two categories share a name the first in the reference wins; both
    mean the same to a reader."""
    table: dict[str, ServiceCode] = {}
    for entry in codes().values():
        table.setdefault(entry.name.lower(), entry)
    return table
