"""The facility sources we know by name: what a person reads instead of a source's slug, and
what the data-sources page cites (with its date and license)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from recoverynav.directory.models import ImportRun, SourceRecord

PUBLIC_DOMAIN = _("US Government work, public domain")


@dataclass(frozen=True)
class KnownSource:
    name: Promise
    citation: str  # as the publisher asks to be cited, in its own words (not translated)
    licence: Promise
    url: str = ""
    # The source's date is a survey year: shown as "2023".
    year_only: bool = False


KNOWN: dict[str, KnownSource] = {
    "samhsa-directory-2024": KnownSource(
        name=_("SAMHSA's national directory of treatment facilities, 2024 edition"),
        citation=(
            "Substance Abuse and Mental Health Services Administration, National Directory of "
            "Drug and Alcohol Use Treatment Facilities 2024"
        ),
        licence=PUBLIC_DOMAIN,
        url="https://www.samhsa.gov/data/data-we-collect/n-sumhss-national-substance-use-and-mental-health-services-survey",
        year_only=True,
    ),
    "samhsa-otp": KnownSource(
        name=_("SAMHSA's directory of opioid treatment programs"),
        citation="Substance Abuse and Mental Health Services Administration, Opioid Treatment "
        "Program Directory",
        licence=PUBLIC_DOMAIN,
        url="https://dpt2.samhsa.gov/treatment/",
    ),
    "samhsa-locator-live": KnownSource(
        name=_("FindTreatment.gov, SAMHSA's treatment locator"),
        citation="Substance Abuse and Mental Health Services Administration, FindTreatment.gov",
        licence=PUBLIC_DOMAIN,
        url="https://findtreatment.gov/",
    ),
    "samhsa-facilities": KnownSource(
        name=_("SAMHSA's national list of treatment facilities (older)"),
        citation="SAMHSA Behavioral Health Treatment Services Locator, via GeoDa Center "
        "opioid-policy-scan",
        licence=PUBLIC_DOMAIN,
    ),
    "samhsa-moud": KnownSource(
        name=_("SAMHSA's list of providers of medications for opioid use disorder (older)"),
        citation="SAMHSA Treatment Locator, via GeoDa Center opioid-policy-scan",
        licence=PUBLIC_DOMAIN,
    ),
    "samhsa-directory": KnownSource(
        name=_("SAMHSA's national directory of treatment facilities, 2017 edition"),
        citation="Substance Abuse and Mental Health Services Administration, National Directory "
        "of Drug and Alcohol Abuse Treatment Facilities 2017, via GeoDa Center",
        licence=PUBLIC_DOMAIN,
        year_only=False,
    ),
    "samhsa-locator": KnownSource(
        name=_("A page of SAMHSA's treatment locator (older)"),
        citation="SAMHSA, FindTreatment.gov (CBHSQ/findtreatment)",
        licence=_("CC0 / US Government work"),
    ),
}


def source_name(slug: str) -> str:
    """What a person reads for a source: its name, or a plain word for an operator's own."""
    known = KNOWN.get(slug)
    return str(known.name) if known else str(_("A list this site's team added"))


@dataclass(frozen=True)
class SourceSummary:
    slug: str
    name: str
    citation: str
    licence: str
    url: str
    as_of: dt.date | None
    year_only: bool
    records: int
    last_success: dt.datetime | None


def source_summaries() -> list[SourceSummary]:
    """Every source that holds records: its name, citation, license, the date of its newest
    information, how many records it holds and when its last import succeeded."""
    held = {
        row["source"]: row
        for row in SourceRecord.objects.values("source").annotate(
            records=Count("pk"), as_of=Max("last_verified")
        )
    }
    succeeded = dict(
        ImportRun.objects.filter(succeeded=True, dry_run=False)
        .values("source")
        .annotate(last=Max("finished"))
        .values_list("source", "last")
    )
    order = list(KNOWN)
    summaries = []
    for slug in sorted(held, key=lambda s: (order.index(s) if s in order else len(order), s)):
        known = KNOWN.get(slug)
        summaries.append(
            SourceSummary(
                slug=slug,
                name=source_name(slug),
                citation=known.citation if known else "",
                licence=str(known.licence) if known else "",
                url=known.url if known else "",
                as_of=held[slug]["as_of"],
                year_only=bool(known and known.year_only),
                records=held[slug]["records"],
                last_success=succeeded.get(slug),
            )
        )
    return summaries
