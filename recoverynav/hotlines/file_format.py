"""The hotline data file (`data/hotlines.csv`, or an operator's own), declared: one row per
country's emergency number (`kind: emergency`) or hotline (`kind: hotline`).

Every column is text, as CSV has it. The model checks each row's values; `services` reads the
file, renames old column names and refuses a missing required column before rows are checked.
Every problem of a row is reported, with its line, so one pass fixes the file.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from recoverynav.hotlines.models import Purpose, VerificationStatus


class HotlineRow(BaseModel):
    """The columns, in the order a row's problems are reported."""

    # Other columns are the operator's own notes: left alone.
    model_config = ConfigDict(extra="ignore", frozen=True)

    # ISO 3166 code of a country in countries.csv.
    country: str
    # "emergency" (the country's emergency number) or "hotline".
    kind: str
    # How sure we are of the row: confirmed, unconfirmed…
    status: str
    # How sure we are of the text keyword; empty means confirmed.
    text_keyword_status: str = ""
    # What it helps with, ";"-separated: see hotlines.models.Purpose.
    purposes: str
    phone: str
    text_number: str
    chat_url: str = ""
    email: str = ""
    # The day a person last checked the row against `source_url`: 2026-11-01.
    last_verified: str
    service: str
    source_url: str
    text_keyword: str = ""
    text_keyword_es: str = ""
    tty: str = ""
    hours_en: str = ""
    hours_es: str = ""
    languages_en: str = ""
    languages_es: str = ""
    who_for_en: str = ""
    who_for_es: str = ""
    notes_en: str = ""
    notes_es: str = ""
    spanish_help_es: str = ""

    @field_validator("country")
    @classmethod
    def _known_country(cls, country: str, info: ValidationInfo) -> str:
        if country not in (info.context or {}).get("countries", ()):
            raise ValueError(f"unknown country {country!r} (add it to countries.csv)")
        return country

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in {"emergency", "hotline"}:
            raise ValueError("kind must be 'emergency' or 'hotline'")
        return kind

    @field_validator("status")
    @classmethod
    def _known_status(cls, status: str) -> str:
        if status not in VerificationStatus.values:
            raise ValueError(f"unknown status {status!r}")
        return status

    @field_validator("text_keyword_status")
    @classmethod
    def _known_keyword_status(cls, status: str) -> str:
        if status not in {"", *VerificationStatus.values}:
            raise ValueError(f"unknown text_keyword_status {status!r}")
        return status

    @field_validator("purposes")
    @classmethod
    def _known_purposes(cls, purposes: str) -> str:
        unknown = {p for p in purposes.split(";") if p} - set(Purpose.values) - {"emergency"}
        if unknown:
            raise ValueError(f"unknown purposes {sorted(unknown)}")
        return purposes

    @field_validator("chat_url")
    @classmethod
    def _reachable(cls, chat_url: str, info: ValidationInfo) -> str:
        if not (info.data.get("phone") or info.data.get("text_number") or chat_url):
            raise ValueError("needs a phone, text number or website")
        return chat_url

    @field_validator("email")
    @classmethod
    def _an_address(cls, email: str) -> str:
        if email:
            try:
                validate_email(email)
            except DjangoValidationError:
                raise ValueError(f"{email!r} is not an email address") from None
        return email

    @field_validator("last_verified")
    @classmethod
    def _a_date(cls, last_verified: str) -> str:
        try:
            dt.date.fromisoformat(last_verified)
        except ValueError:
            raise ValueError("last_verified must be a date like 2026-11-01") from None
        return last_verified


def row_problems(row: dict[str, Any], countries: dict[str, Any]) -> list[str]:
    """Everything wrong with one row, in column order; empty when it can be loaded."""
    try:
        HotlineRow.model_validate(row, context={"countries": countries})
    except ValidationError as error:
        return [_problem(e) for e in error.errors()]
    return []


def _problem(error: Any) -> str:
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    return f"{'.'.join(map(str, error['loc']))}: {error['msg']}"
