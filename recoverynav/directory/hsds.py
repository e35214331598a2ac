"""Open Referral HSDS 3.0 export: each facility as one `service` object, nested the way the
HSDS API's /services/{id} answers (organization, service_at_locations → location →
addresses and phones, languages, attributes). Validated against the bundled schemas."""

import json
import uuid
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from recoverynav.directory import vocabulary
from recoverynav.directory.models import Facility

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "hsds-schema"
# Attribute terms name our vocabulary: code "setting:outpatient" in taxonomy TAXONOMY.
TAXONOMY = "recoverynav"


def _id(facility: Facility, part: str) -> str:
    """Stable UUIDs for the nested objects, derived from the facility's own."""
    return str(uuid.uuid5(facility.uuid, part))


def _attribute(facility: Facility, code: str, name: str) -> dict:
    term_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{TAXONOMY}:{code}"))
    return {
        "id": _id(facility, f"attribute:{code}"),
        "link_id": str(facility.uuid),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": term_id,
        "taxonomy_term": {
            "id": term_id,
            "code": code,
            "name": name,
            "description": name,
            "taxonomy": TAXONOMY,
        },
    }


def _attributes(facility: Facility) -> list[dict]:
    found = []
    for group in vocabulary.GROUPS.values():
        for value in group.decode(getattr(facility, group.column)):
            code = f"{group.name}:{value}"
            found.append(_attribute(facility, code, str(group.values[value])))
    if facility.is_otp:
        found.append(_attribute(facility, vocabulary.OTP, "Certified opioid treatment program"))
    for category, value in facility.other_services:
        found.append(_attribute(facility, f"other:{category}:{value}"[:250], value))
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


def facility_to_hsds(facility: Facility) -> dict:
    """One facility as an HSDS 3.0 service (needs `organization` loaded)."""
    organization = facility.organization
    location = {
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
        "organization": {
            "id": str(organization.uuid),
            "name": organization.name,
            "description": organization.description or organization.name,
            "website": organization.website or None,
        },
        "service_at_locations": [
            {
                "id": _id(facility, "service_at_location"),
                "service_id": str(facility.uuid),
                "location_id": _id(facility, "location"),
                "location": location,
            }
        ],
    }


def without_nulls(document: dict) -> dict:
    """HSDS fields are optional, but a present one must have its type: drop the empty ones."""
    return json.loads(
        json.dumps(document), object_hook=lambda d: {k: v for k, v in d.items() if v is not None}
    )


def export_services(facilities) -> list[dict]:
    return [without_nulls(facility_to_hsds(f)) for f in facilities]


@cache
def service_validator() -> "Draft202012Validator":
    """A validator for `service.json` that resolves its `$ref`s to the bundled schemas
    (jsonschema is a development dependency, so it is imported only when validating)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT202012))
        for path in SCHEMA_DIR.glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMA_DIR / "service.json").read_text())
    return Draft202012Validator(schema, registry=registry)


def validation_errors(document: dict) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in service_validator().iter_errors(document)
    ]
