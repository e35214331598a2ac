"""FHIR R4 Questionnaire and QuestionnaireResponse, built from an instrument's data on request.

Only what we can state truthfully is emitted: LOINC codes appear only where the instrument file
carries them (AUDIT 75624-7, AUDIT-C 75626-2); answer codes use our own code system URN.

Written so that every reader takes them the same way: each language is its own Questionnaire
(its own canonical URL and version), a response item's `text` is the Questionnaire item's
`text`, and skip rules use only `=` (and `>` for day counts) with `enableBehavior: any`: a
condition on an unanswered question is false for every reader, unlike `!=`.
"""

import datetime as dt
import re

from recoverynav.screening.definitions import Instrument, Item
from recoverynav.screening.engine import Result, is_asked, item_points

ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
TOTAL_LINK_ID = "total-score"
CONTENT_TYPE = "application/fhir+json"


def answer_system(instrument: Instrument) -> str:
    return f"urn:recoverynav:screening:{instrument.id}:answers"


def _name(instrument: Instrument) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", instrument.id.upper())


def _enable_when(instrument: Instrument, item: Item) -> list[dict]:
    """One condition per answer that counts as "above zero" in the skip rule (any of them
    enables the item). A trigger that is itself skipped has no answer, so its conditions are
    false: AUDIT items 4-8 stay off when item 1 is "Never"."""
    conditions = []
    for other_id in item.ask_if.any_above_zero if item.ask_if else ():
        other = instrument.items_by_id[other_id]
        if other.kind == "number":
            conditions.append({"question": other_id, "operator": ">", "answerInteger": 0})
            continue
        for option in other.options:
            if option.score > 0:
                conditions.append(
                    {
                        "question": other_id,
                        "operator": "=",
                        "answerCoding": {"system": answer_system(instrument), "code": option.code},
                    }
                )
    return conditions


def version(instrument: Instrument, language: str) -> str:
    """Each language's wording is its own version of the Questionnaire ("WHO-2001-2nd-edition-es"):
    no spaces, as it also ends the response's canonical reference (`url|version`)."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", instrument.version).strip("-") + f"-{language}"


def _item(instrument: Instrument, item: Item, language: str) -> dict:
    entry: dict = {"linkId": item.id, "text": item.full_text(language), "required": True}
    if item.kind == "number":
        entry["type"] = "integer"
        entry["extension"] = [
            {
                "url": "http://hl7.org/fhir/StructureDefinition/minValue",
                "valueInteger": item.minimum,
            },
            {
                "url": "http://hl7.org/fhir/StructureDefinition/maxValue",
                "valueInteger": item.maximum,
            },
        ]
    else:
        entry["type"] = "choice"
        entry["answerOption"] = [
            {
                "valueCoding": {
                    "system": answer_system(instrument),
                    "code": option.code,
                    "display": option.text.get(language),
                },
                "extension": [
                    {"url": ORDINAL_VALUE, "valueDecimal": item_points(item, option.code)}
                ],
            }
            for option in item.options
        ]
    conditions = _enable_when(instrument, item)
    if conditions:
        entry["enableWhen"] = conditions
        entry["enableBehavior"] = "any"
    return entry


def _total_item(instrument: Instrument, language: str) -> dict:
    entry: dict = {
        "linkId": TOTAL_LINK_ID,
        "text": "Total score" if language == "en" else "Puntuación total",
        "type": "integer",
        "readOnly": True,
        "required": False,
    }
    if instrument.total_codes:
        entry["code"] = [dict(code) for code in instrument.total_codes]
    return entry


def questionnaire(instrument: Instrument, *, url: str, language: str) -> dict:
    """The instrument as a FHIR R4 Questionnaire in `language`, whose canonical URL is `url`."""
    return {
        "resourceType": "Questionnaire",
        "id": instrument.id if language == "en" else f"{instrument.id}-{language}",
        "url": url,
        "version": version(instrument, language),
        "name": _name(instrument),
        "title": instrument.title.get(language),
        "status": "active",
        "language": language,
        "subjectType": ["Patient"],
        "description": instrument.summary.get(language),
        "copyright": f"{instrument.attribution.get(language)} {instrument.licence.get(language)}",
        "item": [_item(instrument, item, language) for item in instrument.items]
        + [_total_item(instrument, language)],
    }


def _answer(instrument: Instrument, item: Item, value: int | str, language: str) -> dict:
    if item.kind == "number":
        return {"valueInteger": int(value)}
    option = item.option(str(value))
    return {
        "valueCoding": {
            "system": answer_system(instrument),
            "code": option.code,
            "display": option.text.get(language),
        }
    }


def questionnaire_response(
    result: Result, *, answers: dict, questionnaire_url: str, language: str, now: dt.datetime
) -> dict:
    """A completed QuestionnaireResponse for `result`; only the items that were asked.
    `questionnaire_url` is the canonical URL of the Questionnaire in `language`."""
    instrument = result.instrument
    items = [
        {
            "linkId": item.id,
            "text": item.full_text(language),
            "answer": [_answer(instrument, item, answers[item.id], language)],
        }
        for item in instrument.items
        if item.id in answers and is_asked(instrument, item, answers)
    ]
    items.append(
        {
            "linkId": TOTAL_LINK_ID,
            "text": "Total score" if language == "en" else "Puntuación total",
            "answer": [{"valueInteger": result.total}],
        }
    )
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{questionnaire_url}|{version(instrument, language)}",
        "status": "completed",
        "language": language,
        "authored": now.isoformat(timespec="seconds"),
        "item": items,
    }
