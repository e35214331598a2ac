"""Open Referral HSDS 3.0: JSON (a list of services, or an API page with `contents`) and the
tabular form (a folder of CSV files described by datapackage.json). Each service delivered at
a location becomes one record, keyed "<service id>/<location id>"."""

import datetime as dt
from collections import defaultdict
from pathlib import Path

from recoverynav.directory import vocabulary
from recoverynav.directory.hsds import TAXONOMY
from recoverynav.directory.importers.base import (
    ImportFileError,
    Parsed,
    Record,
    check_record,
    clean,
    coordinate,
    website,
)
from recoverynav.directory.importers.files import read_csv, read_json

LANGUAGE_CODES = {"es": "spanish", "spa": "spanish", "ase": "asl", "sgn": "asl"}
LANGUAGE_NAMES = {"spanish": "spanish", "american sign language": "asl", "asl": "asl"}


def _date(service: dict, default: dt.date) -> dt.date:
    for name in ("assured_date", "last_modified"):
        text = clean(service.get(name))[:10]
        if text:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"{name} {text!r} is not a date") from None
    return default


def _attributes(service: dict, record: Record) -> None:
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        code, name = (
            clean(term.get("code")),
            clean(term.get("name")) or clean(attribute.get("value")),
        )
        group, _, value = code.partition(":")
        if term.get("taxonomy") == TAXONOMY and code == vocabulary.OTP:
            record.attributes.add(vocabulary.OTP)
        elif term.get("taxonomy") == TAXONOMY and value in getattr(
            vocabulary.GROUPS.get(group), "values", {}
        ):
            record.attributes.add(code)
        elif name:
            category = (
                code.split(":")[1] if code.startswith("other:") else clean(term.get("taxonomy"))
            )
            record.other_services.append([category or "HSDS attribute", name])
    for language in service.get("languages") or []:
        known = LANGUAGE_CODES.get(clean(language.get("code")).lower()) or LANGUAGE_NAMES.get(
            clean(language.get("name")).lower()
        )
        if known:
            record.attributes.add(f"language:{known}")
        elif clean(language.get("name")):
            record.attributes.add("language:other")
            record.other_languages.append(clean(language["name"]))


def _location_key(service: dict, link: dict) -> str:
    location_id = (link.get("location") or {}).get("id") or link.get("location_id")
    return f"{clean(service['id'])}/{clean(location_id)}"


def _records(service: dict, default_date: dt.date) -> list[Record]:
    if not isinstance(service, dict) or not clean(service.get("id")):
        raise ValueError("a service needs an id")
    organization = service.get("organization") or {}
    phones = [clean(p.get("number")) for p in service.get("phones") or [] if p.get("number")]
    records = []
    for link in service.get("service_at_locations") or []:
        location = link.get("location") or {}
        address = (location.get("addresses") or [{}])[0]
        location_phones = [clean(p.get("number")) for p in location.get("phones") or []]
        numbers = [n for n in location_phones + phones if n]
        record = Record(
            source_id=_location_key(service, link),
            organization=clean(organization.get("name")),
            name=clean(service.get("name")),
            alternate_name=clean(service.get("alternate_name")) or clean(location.get("name")),
            description=clean(service.get("description")),
            address_1=clean(address.get("address_1")),
            address_2=clean(address.get("address_2")),
            city=clean(address.get("city")),
            state=clean(address.get("state_province")).upper()[:2],
            postal_code=clean(address.get("postal_code"))[:10],
            phone=numbers[0] if numbers else "",
            intake_phone=numbers[1] if len(numbers) > 1 else "",
            website=website(service.get("url") or organization.get("website")),
            latitude=coordinate(location.get("latitude"), low=-90, high=90, label="latitude"),
            longitude=coordinate(location.get("longitude"), low=-180, high=180, label="longitude"),
            last_verified=_date(service, default_date),
        )
        _attributes(service, record)
        records.append(record)
    if not records:
        raise ValueError("the service has no location with coordinates")
    return records


def _collect(services: list, default_date: dt.date) -> Parsed:
    parsed = Parsed()
    for number, service in enumerate(services, start=1):
        label = f"service {number}" + (
            f" ({clean(service.get('id'))})" if isinstance(service, dict) else ""
        )
        try:
            records = _records(service, default_date)
            for record in records:
                check_record(record)
        except (ValueError, TypeError, AttributeError) as error:
            parsed.errors.append(f"{label}: {error}")
            if isinstance(service, dict) and service.get("id"):
                parsed.rejected_ids.update(
                    _location_key(service, link)
                    for link in service.get("service_at_locations") or []
                    if isinstance(link, dict)
                )
            continue
        parsed.records.extend(records)
    return parsed


def parse_hsds_json(path: Path, *, verified: dt.date) -> Parsed:
    document = read_json(path)
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        services = document["contents"]
    elif isinstance(document, dict) and "service_at_locations" in document:
        services = [document]
    elif isinstance(document, list):
        services = document
    else:
        raise ImportFileError(
            f"{path.name} is not HSDS service JSON (a list of services or a page with 'contents')."
        )
    return _collect(services, verified)


def _table(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / name
    return [row for _line, row in read_csv(path)] if path.exists() else []


def parse_hsds_tabular(path: Path, *, verified: dt.date) -> Parsed:
    """A folder (or its datapackage.json) of HSDS CSV tables, rebuilt into nested services."""
    folder = path.parent if path.is_file() else path
    if not (folder / "services.csv").exists():
        raise ImportFileError(f"{folder.name} has no services.csv: is it an HSDS data package?")
    organizations = {r["id"]: r for r in _table(folder, "organizations.csv")}
    locations = {
        r["id"]: {**r, "addresses": [], "phones": []} for r in _table(folder, "locations.csv")
    }
    for address in _table(folder, "addresses.csv"):
        if address.get("location_id") in locations:
            locations[address["location_id"]]["addresses"].append(address)
    by_service: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for phone in _table(folder, "phones.csv"):
        if phone.get("service_id"):
            by_service[phone["service_id"]]["phones"].append(phone)
        elif phone.get("location_id") in locations:
            locations[phone["location_id"]]["phones"].append(phone)
    for link in _table(folder, "service_at_location.csv"):
        location = locations.get(link.get("location_id"), {"id": link.get("location_id")})
        by_service[link["service_id"]]["service_at_locations"].append({"location": location})
    for language in _table(folder, "languages.csv"):
        by_service[language.get("service_id", "")]["languages"].append(language)
    terms = {r["id"]: r for r in _table(folder, "taxonomy_terms.csv")}
    for attribute in _table(folder, "attributes.csv"):
        term = terms.get(attribute.get("taxonomy_term_id"))
        if term:
            by_service[attribute.get("link_id", "")]["attributes"].append(
                {**attribute, "taxonomy_term": term}
            )
    services = [
        {
            **row,
            **by_service.get(row["id"], {}),
            "organization": organizations.get(row.get("organization_id"), {}),
        }
        for row in _table(folder, "services.csv")
    ]
    return _collect(services, verified)
