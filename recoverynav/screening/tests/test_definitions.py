"""The instrument files: complete, bilingual, honest about codes, licences and translations."""

import json
from pathlib import Path

import pytest

from recoverynav.screening.definitions import LOINC, InstrumentFileError, load_instruments
from recoverynav.screening.selectors import (
    UnknownInstrument,
    get_instrument,
    instruments_for,
    list_instruments,
)

# The only LOINC codes we could verify (see the WHO AUDIT Questionnaire in docs/screening.md).
VERIFIED_LOINC = {"audit": "75624-7", "audit-c": "75626-2"}


def test_it_ships_the_seven_instruments() -> None:
    ids = [i.id for i in list_instruments()]

    assert ids == ["audit", "usaudit", "audit-c", "dast-10", "crafft", "signs", "signs-other"]


def test_it_uses_loinc_codes_only_where_verified() -> None:
    found = {
        i.id: code["code"]
        for i in list_instruments()
        for code in i.total_codes
        if code["system"] == LOINC
    }

    assert found == VERIFIED_LOINC


def test_every_instrument_has_attribution_licence_and_references() -> None:
    for instrument in list_instruments():
        assert instrument.attribution.en
        assert instrument.attribution.es
        assert instrument.licence.en
        assert instrument.licence.es
        assert instrument.references, instrument.id


def test_copyrighted_instruments_name_their_owners() -> None:
    assert "Skinner" in get_instrument("dast-10").attribution.en
    assert "CAMH" in get_instrument("dast-10").licence.en
    assert "Boston Children's Hospital" in get_instrument("crafft").attribution.en


def test_the_dast_10_can_be_switched_off(settings) -> None:
    settings.SCREENING_DAST10_ENABLED = False

    assert "dast-10" not in [i.id for i in list_instruments()]
    assert "dast-10" in [i.id for i in list_instruments(enabled_only=False)]
    with pytest.raises(UnknownInstrument):
        get_instrument("dast-10")
    assert instruments_for(audience="self", substances=["opioids"], age_band="21-64") == ["signs"]


def test_the_crafft_can_be_switched_off_and_young_people_then_get_the_signs_check(
    settings,
) -> None:
    settings.SCREENING_CRAFFT_ENABLED = False

    assert "crafft" not in [i.id for i in list_instruments()]
    with pytest.raises(UnknownInstrument):
        get_instrument("crafft")
    assert instruments_for(audience="self", substances=["alcohol"], age_band="12-17") == ["signs"]


@pytest.mark.parametrize(
    ("audience", "substances", "age_band", "expected"),
    [
        ("self", ["alcohol"], "21-64", ["usaudit"]),
        ("self", ["alcohol"], "65+", ["usaudit"]),
        ("self", ["opioids", "cannabis"], "21-64", ["dast-10"]),
        ("self", ["alcohol", "stimulants"], "21-64", ["usaudit", "dast-10"]),
        ("self", ["alcohol"], "12-17", ["crafft"]),
        ("self", ["sedatives"], "18-20", ["crafft"]),
        ("other", ["alcohol", "opioids"], "21-64", ["signs-other"]),
        ("other", ["cannabis"], "12-17", ["signs-other"]),
    ],
)
def test_it_picks_checks_by_person_age_and_substance(audience, substances, age_band, expected):
    assert instruments_for(audience=audience, substances=substances, age_band=age_band) == expected


@pytest.mark.parametrize(
    ("country", "expected"), [("US", ["usaudit"]), ("GB", ["audit"]), ("CA", ["audit"])]
)
def test_the_us_standard_drink_gets_the_usaudit_and_a_10_g_drink_the_who_audit(
    country: str, expected: list[str]
) -> None:
    picked = instruments_for(
        audience="self", substances=["alcohol"], age_band="21-64", country=country
    )

    assert picked == expected
    assert "14 g" in get_instrument("usaudit").drink.en
    assert "10 g" in get_instrument("audit").drink.en
    assert "10 g of alcohol" in get_instrument("audit").intro.en


def test_it_says_when_the_spanish_is_our_translation() -> None:
    assert get_instrument("audit").spanish_source == "published"
    for ours in ["usaudit", "dast-10", "crafft"]:
        assert get_instrument(ours).spanish_source == "ours"
        assert "not validated" in get_instrument(ours).spanish_note.en


def test_a_file_whose_bands_leave_a_gap_is_refused(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "instruments" / "signs.yaml"
    (tmp_path / "signs.yaml").write_text(
        source.read_text(encoding="utf-8").replace("min: 4\n", "min: 5\n"), encoding="utf-8"
    )

    with pytest.raises(InstrumentFileError, match="total 4"):
        load_instruments(tmp_path)


def test_a_heavy_daily_use_pattern_with_an_unknown_answer_is_refused(tmp_path: Path) -> None:
    """A typo there would silently switch the withdrawal warning off for heavy daily drinkers."""
    source = Path(__file__).resolve().parents[1] / "instruments" / "audit.yaml"
    text = source.read_text(encoding="utf-8").replace("{audit-3: [daily]}", "{audit-3: [dayly]}")
    (tmp_path / "audit.yaml").write_text(text, encoding="utf-8")

    with pytest.raises(InstrumentFileError, match="heavy_daily_use names an unknown"):
        load_instruments(tmp_path)


def test_a_file_without_spanish_wording_is_refused(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "instruments" / "dast-10.yaml"
    text = source.read_text(encoding="utf-8").replace('es: "¿Ha hecho algo ilegal', 'fr: "x')
    (tmp_path / "dast-10.yaml").write_text(text, encoding="utf-8")

    with pytest.raises(InstrumentFileError, match="en and es"):
        load_instruments(tmp_path)


def test_our_loinc_codes_are_the_ones_in_the_published_who_audit_questionnaire() -> None:
    published = json.loads(
        (Path(__file__).parent / "data" / "Questionnaire-WHOAUDIT-trimmed.json").read_text()
    )
    codes = {c["code"] for item in published["item"] for c in item.get("code", [])}

    assert set(VERIFIED_LOINC.values()) == codes


def test_the_audit_questions_keep_the_who_wording() -> None:
    published = json.loads(
        (Path(__file__).parent / "data" / "Questionnaire-WHOAUDIT-trimmed.json").read_text()
    )
    texts = {i["linkId"]: i["text"] for i in published["item"]}
    audit = get_instrument("audit")

    # The MITRE file is the US adaptation: question 3 and 10 differ; the others are the WHO's.
    for number, word in [(1, "one"), (4, "four"), (5, "five"), (6, "six"), (7, "seven"),
                         (8, "eight"), (9, "nine")]:  # fmt: skip
        assert audit.items_by_id[f"audit-{number}"].text.en == texts[f"audit-question-{word}"]


def test_wording_with_an_unquoted_comma_is_refused(tmp_path: Path) -> None:
    """`{en: Some use, lower risk, es: …}` would silently show "Some use"."""
    source = Path(__file__).resolve().parents[1] / "instruments" / "crafft.yaml"
    text = source.read_text(encoding="utf-8").replace(
        '{en: "Some use, lower risk", es:', "{en: Some use, lower risk, es:"
    )
    (tmp_path / "crafft.yaml").write_text(text, encoding="utf-8")

    with pytest.raises(InstrumentFileError, match="unknown keys"):
        load_instruments(tmp_path)
