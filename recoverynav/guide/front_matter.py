"""The front matter of a guide page file, declared: the `field: value` lines between the two
`---` lines at the top of `content/<language>/<slug>.md`.

Example:
    title: "Medications for opioid use disorder"
    summary: "What buprenorphine, methadone and naltrexone do, and how to ask for them."
    section: treatment          # the home page's group
    order: 3                    # place within the section
    reviewed: 2026-11-27        # when a person last checked the page against its sources
    sources:                    # public sources, https:// only, listed under the page
      - name: "SAMHSA: TIP 63"
        url: "https://store.samhsa.gov/…"
    related: [detox, support-groups]   # optional: other pages' slugs

Other keys are ignored, so an operator's own notes in the front matter do no harm.
"""

import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    field_validator,
    model_validator,
)

REQUIRED_FIELDS = ("title", "summary", "section", "order", "reviewed", "sources")

# YAML reads `title: 2026` as a number and `related: [12-steps]` as text; all are text here.
AsText = Annotated[str, BeforeValidator(str)]


class Source(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: AsText
    url: AsText


class FrontMatter(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    title: AsText
    summary: AsText
    section: AsText
    order: int
    reviewed: datetime.date
    sources: list[Source]
    related: list[AsText] = []

    @model_validator(mode="before")
    @classmethod
    def _every_field_filled_in(cls, meta: Any) -> Any:
        missing = [name for name in REQUIRED_FIELDS if not meta.get(name)]
        if missing:
            raise ValueError(f"missing front matter field(s): {', '.join(missing)}")
        return {**meta, "related": meta.get("related") or []}

    @field_validator("order", mode="before")
    @classmethod
    def _whole_number(cls, order: Any) -> Any:
        if not isinstance(order, int):
            raise ValueError("'order' must be a whole number")
        return order

    @field_validator("reviewed", mode="before")
    @classmethod
    def _a_date(cls, reviewed: Any) -> Any:
        if not isinstance(reviewed, datetime.date):  # a YAML date, not text like one
            raise ValueError("'reviewed' must be a date like 2026-11-27")
        return reviewed

    @field_validator("sources", mode="before")
    @classmethod
    def _public_sources(cls, sources: Any) -> Any:
        if not isinstance(sources, list):
            raise ValueError("'sources' must be a list of entries with name and url")
        for entry in sources:
            if not (isinstance(entry, dict) and entry.get("name") and entry.get("url")):
                raise ValueError("every source needs a name and a url")
            if not str(entry["url"]).startswith("https://"):
                raise ValueError(f"source url {entry['url']!r} must start with https://")
        return sources


def read_front_matter(meta: dict) -> FrontMatter:
    """The front matter checked against the format; ValueError names the first problem."""
    try:
        return FrontMatter.model_validate(meta)
    except ValidationError as error:
        problem = error.errors()[0]
        if problem["type"] == "value_error":
            raise ValueError(str(problem["ctx"]["error"])) from None
        key = ".".join(str(part) for part in problem["loc"])
        raise ValueError(f"missing or wrong field: {key}: {problem['msg']}") from None
