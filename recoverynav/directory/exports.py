"""Open Referral HSDS 3.0 export: each facility as one `service` object, nested the way the
HSDS API's /services/{id} answers (organization, service_at_locations → location →
addresses and phones, languages, attributes); each organization with its locations and
services; and our searchable attributes (vocabulary.py) as one taxonomy whose terms the
services' attributes name. Validated against the bundled schemas."""

import json
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from recoverynav.core import export_files
from recoverynav.directory import vocabulary
from recoverynav.directory.models import Facility, Organization
from recoverynav.directory.selectors import export_page, hsds_data_version, listed_facilities

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "hsds-schema"
# Attribute terms name our vocabulary: code "setting:outpatient" in taxonomy TAXONOMY.
TAXONOMY = "recoverynav"
TAXONOMY_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, TAXONOMY))
TAXONOMY_VERSION = "1"
OTP_NAME = _("Certified opioid treatment program")


def _id(facility: Facility, part: str) -> str:
    """Stable UUIDs for the nested objects, derived from the facility's own."""
    return str(uuid.uuid5(facility.uuid, part))


def term_id(code: str) -> str:
    """A term's id, derived from its code so that it never changes between exports."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{TAXONOMY}:{code}"))


def taxonomy() -> dict:
    return {
        "id": TAXONOMY_ID,
        "name": TAXONOMY,
        "description": "Recovery Navigator's searchable treatment attributes: type of care, "
        "setting, medications, payment, languages, ages and special programs.",
        "version": TAXONOMY_VERSION,
    }


def _term(code: str, name: str, parent: str | None = None) -> dict:
    return {
        "id": term_id(code),
        "code": code,
        "name": name,
        "description": name,
        "parent_id": term_id(parent) if parent else None,
        "taxonomy": TAXONOMY,
        "taxonomy_id": TAXONOMY_ID,
        "language": get_language(),
    }


def taxonomy_terms() -> list[dict]:
    """Every term: each group (e.g. "setting"), then its values ("setting:outpatient") as
    its children, then the certified opioid treatment program flag ("otp"), in the active
    language."""
    terms = []
    for group in vocabulary.GROUPS.values():
        terms.append(_term(group.name, str(group.label)))
        terms += [
            _term(f"{group.name}:{value}", str(label), parent=group.name)
            for value, label in group.values.items()
        ]
    terms.append(_term(vocabulary.OTP, str(OTP_NAME)))
    return [without_nulls(term) for term in terms]


def find_taxonomy_terms(
    *, taxonomy_id: uuid.UUID | None = None, parent_id: uuid.UUID | None = None
) -> list[dict]:
    """The terms in one taxonomy and/or under one parent (HSDS's list filters)."""
    return [
        term
        for term in taxonomy_terms()
        if (taxonomy_id is None or term["taxonomy_id"] == str(taxonomy_id))
        and (parent_id is None or term.get("parent_id") == str(parent_id))
    ]


def find_taxonomy_term(term: uuid.UUID) -> dict | None:
    return next((found for found in taxonomy_terms() if found["id"] == str(term)), None)


def _attribute(facility: Facility, term: dict) -> dict:
    return {
        "id": _id(facility, f"attribute:{term['code']}"),
        "link_id": str(facility.uuid),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


def _attributes(facility: Facility) -> list[dict]:
    found = []
    for group in vocabulary.GROUPS.values():
        for value in group.decode(getattr(facility, group.column)):
            term = _term(f"{group.name}:{value}", str(group.values[value]), parent=group.name)
            found.append(_attribute(facility, term))
    if facility.is_otp:
        found.append(_attribute(facility, _term(vocabulary.OTP, str(OTP_NAME))))
    # Free text from the sources: each its own term, carried inline (not in /taxonomy_terms).
    for category, value in facility.other_services:
        term = {**_term(f"other:{category}:{value}"[:250], value), "taxonomy_id": None}
        found.append(_attribute(facility, term))
    return found


def _phones(facility: Facility) -> list[dict]:
    phones = []
    for kind, number in (("main", facility.phone), ("intake", facility.intake_phone)):
        if number:
            phones.append(
                {
                    "id": _id(facility, f"phone:{kind}"),
                    "number": number,
                    "type": "voice",
                    "description": "Intake" if kind == "intake" else "Main number",
                }
            )
    return phones


def _languages(facility: Facility) -> list[dict]:
    named = {"spanish": ("Spanish", "es"), "asl": ("American Sign Language", "ase")}
    languages = [
        {"id": _id(facility, f"language:{value}"), "name": name, "code": code}
        for value, (name, code) in named.items()
        if facility.languages & vocabulary.LANGUAGE.bit(value)
    ]
    languages += [
        {"id": _id(facility, f"language:{name}"), "name": name} for name in facility.other_languages
    ]
    return languages


def _location(facility: Facility) -> dict:
    return {
        "id": _id(facility, "location"),
        "location_type": "physical",
        "name": facility.alternate_name or facility.name,
        "latitude": facility.latitude,
        "longitude": facility.longitude,
        "external_identifier": facility.source_id[:250],
        "external_identifier_type": facility.source,
        "addresses": [
            {
                "id": _id(facility, "address"),
                "location_id": _id(facility, "location"),
                "address_1": facility.address_1 or facility.name,
                "address_2": facility.address_2,
                "city": facility.city,
                "state_province": facility.state,
                "postal_code": facility.postal_code,
                "country": "US",
                "address_type": "physical",
            }
        ],
        "phones": _phones(facility),
    }


def _organization(organization: Organization) -> dict:
    """The organization's own fields (HSDS's organization_list shape)."""
    return {
        "id": str(organization.uuid),
        "name": organization.name,
        "description": organization.description or organization.name,
        "website": organization.website or None,
    }


def facility_to_hsds(facility: Facility) -> dict:
    """One facility as an HSDS 3.0 service (needs `organization` loaded)."""
    organization = facility.organization
    return {
        "id": str(facility.uuid),
        "organization_id": str(organization.uuid),
        "name": facility.name,
        "alternate_name": facility.alternate_name,
        "url": facility.website or None,
        "status": "active" if facility.is_active else "inactive",
        "assured_date": facility.last_verified.isoformat(),
        "phones": _phones(facility),
        "languages": _languages(facility),
        "attributes": _attributes(facility),
        "organization": _organization(organization),
        "service_at_locations": [
            {
                "id": _id(facility, "service_at_location"),
                "service_id": str(facility.uuid),
                "location_id": _id(facility, "location"),
                "location": _location(facility),
            }
        ],
    }


def export_organizations(organizations) -> list[dict]:
    """Organizations as the HSDS organizations list gives them: their own fields only."""
    return [without_nulls(_organization(o)) for o in organizations]


def organization_to_hsds(organization: Organization, facilities: list[Facility]) -> dict:
    """One organization, fully nested as HSDS's /organizations/{id} answers: its shown
    facilities as `locations` (with addresses and phones) and as `services` (id, name,
    status; the whole service is at /services/{id})."""
    document = _organization(organization)
    document["locations"] = [
        {**_location(f), "organization_id": str(organization.uuid)} for f in facilities
    ]
    document["services"] = [
        {
            "id": str(f.uuid),
            "organization_id": str(organization.uuid),
            "name": f.name,
            "status": "active" if f.is_active else "inactive",
        }
        for f in facilities
    ]
    return without_nulls(document)


def without_nulls(document: dict) -> dict:
    """HSDS fields are optional, but a present one must have its type: drop the empty ones."""
    return json.loads(
        json.dumps(document), object_hook=lambda d: {k: v for k, v in d.items() if v is not None}
    )


def export_services(facilities) -> list[dict]:
    return [without_nulls(facility_to_hsds(f)) for f in facilities]


@cache
def validator(schema_name: str = "service.json") -> "Draft202012Validator":
    """A validator for one bundled schema (`service.json`, `organization.json`, …) that
    resolves its `$ref`s to the other bundled schemas (jsonschema is a development
    dependency, so it is imported only when validating)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT202012))
        for path in SCHEMA_DIR.glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMA_DIR / schema_name).read_text())
    return Draft202012Validator(schema, registry=registry)


def validation_errors(document: dict, schema_name: str = "service.json") -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator(schema_name).iter_errors(document)
    ]


# --- the HSDS page envelope, one for the page and the API -----------------------------------
HSDS_PAGE_SIZE = 100


def hsds_page(
    contents: list[dict], *, total: int, page: int, per_page: int, paged: bool = True
) -> dict:
    """HSDS's Page shape. `contents` is the asked page already, unless `paged` is False:
    then it is every item, and the page is cut from it here."""
    if not paged:
        contents = contents[(page - 1) * per_page : page * per_page]
    pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def services_page(*, page: int, per_page: int = HSDS_PAGE_SIZE) -> dict:
    """One page of shown facilities as HSDS services, in the HSDS API's page shape."""
    facilities, total = export_page(page=page, per_page=per_page)
    return hsds_page(export_services(facilities), total=total, page=page, per_page=per_page)


# --- /treatment/hsds.json pages, built once per data change (core/export_files) --------------
# Cached per page at the one page size the address has: a client reads it page by page (the
# HSDS API's shape), each page is bounded work, and the pages that exist are few (shown
# facilities / 100, per language); a page past the last is not kept, so odd page numbers
# cannot fill the disk.
SERVICES_PAGE_EXPORT = "hsds-services-page"


def _services_page_version(params: dict) -> str:
    return hsds_data_version()[0]


def _services_page_chunks(params: dict) -> Iterator[str]:
    with translation.override(params["language"]):
        document = services_page(page=int(params["page"]))
        yield json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False)


export_files.register(
    export_files.ExportKind(
        name=SERVICES_PAGE_EXPORT,
        content_type="application/json",
        version=_services_page_version,
        chunks=_services_page_chunks,
        streamed=False,
    )
)


def shown_total() -> int:
    """How many facilities the HSDS pages list, all pages together."""
    return listed_facilities().count()


def directory_edited(**kwargs: object) -> None:
    """A facility or organization changed outside an import (the admin): now, and again
    once committed, so a page built meanwhile from the old rows is not kept."""
    export_files.mark_stale(SERVICES_PAGE_EXPORT)
    transaction.on_commit(lambda: export_files.mark_stale(SERVICES_PAGE_EXPORT))


def connect_signals() -> None:
    for model in (Facility, Organization):
        for signal in (post_save, post_delete):
            signal.connect(directory_edited, sender=model, dispatch_uid=f"hsds-{model.__name__}")
