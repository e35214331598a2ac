"""The searchable service attributes, one bit each inside a group's integer column.

A facility's `care_settings` column holds a bit for every setting it offers, and so on. Filtering is
"any of the chosen values within a group, every chosen group": `column & mask != 0`, which both
SQLite and PostgreSQL evaluate on the rows the bounding-box index already narrowed.
The bit positions are stored data: never renumber, only append.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Group:
    """One filterable group of values, stored as a bitmask in `column`."""

    name: str
    column: str
    label: Promise
    values: dict[str, Promise]

    def bit(self, value: str) -> int:
        return 1 << list(self.values).index(value)

    def mask(self, values: list[str] | set[str]) -> int:
        return sum(self.bit(v) for v in set(values) if v in self.values)

    def decode(self, mask: int) -> list[str]:
        return [v for i, v in enumerate(self.values) if mask & (1 << i)]

    def labels(self, mask: int) -> list[str]:
        """The chosen values' labels in the active language (worded once per mask)."""
        return list(_labels(self.name, get_language(), mask))

    def choices(self) -> list[tuple[str, Promise]]:
        return list(self.values.items())


@lru_cache(maxsize=8192)
def _labels(group_name: str, language: str | None, mask: int) -> tuple[str, ...]:
    group = GROUPS[group_name]
    return tuple(str(group.values[v]) for v in group.decode(mask))


CARE = Group(
    "care",
    "care_types",
    _("Type of care"),
    {
        "substance_use": _("Substance use treatment"),
        "mental_health": _("Mental health treatment"),
        "co_occurring": _("Care for substance use and mental health together"),
        "sober_housing": _("Transitional or sober housing"),
    },
)
SETTING = Group(
    "setting",
    "care_settings",
    _("Setting"),
    {
        "outpatient": _("Outpatient"),
        "intensive_outpatient": _("Intensive outpatient"),
        "partial_hospital": _("Partial hospitalization or day treatment"),
        "residential": _("Residential (live-in)"),
        "residential_short": _("Residential, short-term"),
        "residential_long": _("Residential, long-term"),
        "hospital_inpatient": _("Hospital inpatient"),
        "detox": _("Detox (medically supervised withdrawal)"),
        "telehealth": _("Telehealth (by phone or video)"),
    },
)
MEDICATION = Group(
    "medication",
    "medications",
    _("Medications"),
    {
        "methadone": _("Methadone"),
        "buprenorphine": _("Buprenorphine"),
        "naltrexone": _("Naltrexone (pills)"),
        "naltrexone_er": _("Naltrexone, extended-release shot"),
        "acamprosate": _("Acamprosate (for alcohol)"),
        "disulfiram": _("Disulfiram (for alcohol)"),
    },
)
PAYMENT = Group(
    "payment",
    "payments",
    _("Payment accepted"),
    {
        "medicaid": _("Medicaid"),
        "medicare": _("Medicare"),
        "private_insurance": _("Private insurance"),
        "self_pay": _("Cash or self-pay"),
        "sliding_fee": _("Sliding fee (based on income)"),
        "free": _("Free of charge"),
        "military": _("Military insurance (TRICARE)"),
        "state_financed": _("State-financed insurance"),
        "ihs_tribal": _("Indian Health Service or tribal funds"),
    },
)
LANGUAGE = Group(
    "language",
    "languages",
    _("Languages"),
    {
        "spanish": _("Spanish"),
        "asl": _("American Sign Language or help for deaf people"),
        "other": _("Other languages"),
    },
)
AGE = Group(
    "age",
    "ages",
    _("Ages"),
    {
        "children": _("Children and teens"),
        "young_adults": _("Young adults"),
        "adults": _("Adults"),
        "seniors": _("Older adults (65+)"),
    },
)
PROGRAM = Group(
    "program",
    "programs",
    _("Special programs"),
    {
        "veterans": _("Veterans"),
        "military": _("Active-duty military and families"),
        "pregnant": _("Pregnant or postpartum women"),
        "women": _("Women"),
        "men": _("Men"),
        "teens": _("Teens"),
        "young_adults": _("Young adults"),
        "seniors": _("Older adults"),
        "lgbtq": _("LGBTQ+ people"),
        "criminal_justice": _("People involved with the courts"),
        "co_occurring": _("People with mental health conditions too"),
        "trauma": _("People who have lived through trauma"),
        "dui": _("People with a DUI/DWI"),
    },
)

GROUPS: dict[str, Group] = {
    g.name: g for g in (CARE, SETTING, MEDICATION, PAYMENT, LANGUAGE, AGE, PROGRAM)
}

# "otp" is a plain boolean column (a certification, not a menu of options).
OTP = "otp"


def language_names(mask: int, other_languages: Iterable[str]) -> list[str]:
    """The languages a facility offers care in: our named ones (not the word "Other"),
    then the ones the listing spells out."""
    other = str(LANGUAGE.values["other"])
    return [name for name in LANGUAGE.labels(mask) if name and name != other] + list(
        other_languages
    )
