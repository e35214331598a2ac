"""The instrument file format: every way a file can be wrong is refused with a message that
names the file (and the question) and says what is wrong, before any page uses it."""

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from recoverynav.screening.definitions import INSTRUMENTS_DIR, InstrumentFileError, load_instruments


def shipped(name: str) -> dict:
    return yaml.safe_load((INSTRUMENTS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def write(directory: Path, name: str, data: object) -> None:
    (directory / f"{name}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8"
    )


def refusal(directory: Path) -> str:
    with pytest.raises(InstrumentFileError) as refused:
        load_instruments(directory)
    return str(refused.value)


def item(data: dict, item_id: str) -> dict:
    return next(i for i in data["items"] if i["id"] == item_id)


def band(data: dict, band_id: str) -> dict:
    return next(b for b in data["scoring"]["bands"] if b["id"] == band_id)


def duplicate_option(data: dict) -> None:
    options = item(data, "audit-1")["options"]
    options.append(copy.deepcopy(options[0]))


def duplicate_item(data: dict) -> None:
    item(data, "dast-2")["id"] = "dast-1"


# (instrument file, what breaks it, the message)
BROKEN: list[tuple[str, Callable[[dict], object], str]] = [
    ("dast-10", lambda d: d.update(title={"en": "x"}), "dast-10.yaml: needs wording in en and es"),
    (
        "dast-10",
        lambda d: d.update(title={"en": "x", "es": "y", "fr": "z"}),
        "dast-10.yaml: wording has unknown keys ['fr']",
    ),
    (
        "dast-10",
        lambda d: item(d, "dast-3")["text"].pop("es"),
        "dast-10.yaml item dast-3: needs wording in en and es",
    ),
    (
        "audit",
        lambda d: d.update(heavy_daily_use=["audit-3"]),
        "audit.yaml: heavy_daily_use lists maps of item: [codes]",
    ),
    (
        "audit",
        lambda d: d.update(heavy_daily_use=[{"audit-33": ["daily"]}]),
        "audit.yaml: heavy_daily_use names an unknown item or answer: audit-33",
    ),
    (
        "dast-10",
        lambda d: band(d, "none").update(min={"male": 0}),
        "dast-10.yaml: a bound is a number or a map of male, female, default",
    ),
    ("dast-10", lambda d: item(d, "dast-1").pop("id"), "dast-10.yaml: every item needs an id"),
    (
        "dast-10",
        lambda d: item(d, "dast-1").pop("options"),
        "dast-10.yaml item dast-1: a choice item needs options",
    ),
    (
        "dast-10",
        lambda d: item(d, "dast-1").update(options="no_such_set"),
        "dast-10.yaml item dast-1: a choice item needs options",
    ),
    ("audit", duplicate_option, "audit.yaml item audit-1: option codes must be unique"),
    (
        "dast-10",
        lambda d: item(d, "dast-1").update(kind="text"),
        "dast-10.yaml item dast-1: kind must be 'choice' or 'number'",
    ),
    (
        "crafft",
        lambda d: item(d, "crafft-a1").update(scored=True),
        "crafft.yaml item crafft-a1: number items are not scored",
    ),
    ("dast-10", duplicate_item, "dast-10.yaml: needs items with unique ids"),
    ("dast-10", lambda d: d.update(items=[]), "dast-10.yaml: needs items with unique ids"),
    (
        "crafft",
        lambda d: item(d, "crafft-r").update(ask_if={"any_above_zero": ["crafft-t"]}),
        "crafft.yaml item crafft-r: ask_if names a later item",
    ),
    (
        "crafft",
        lambda d: d["scoring"]["items"].append("crafft-a1"),
        "crafft.yaml: scoring.items must name scored items",
    ),
    (
        "crafft",
        lambda d: d["scoring"].pop("use_items"),
        "crafft.yaml: bands that depend on use need scoring.use_items",
    ),
    (
        "audit",
        lambda d: d.update(dependence_items=["audit-99"]),
        "audit.yaml: dependence_items must name items",
    ),
    (
        "dast-10",
        lambda d: band(d, "none").update(level="extreme"),
        "dast-10.yaml: band levels are low, moderate, high, severe",
    ),
    (
        "dast-10",
        lambda d: d.update(audience="family"),
        "dast-10.yaml: audience is 'self' or 'other'",
    ),
    (
        "dast-10",
        lambda d: d["spanish"].update(source="machine"),
        "dast-10.yaml: spanish.source is 'published' or 'ours'",
    ),
    (
        "signs",
        lambda d: d.pop("not_validated_note"),
        "signs.yaml: an unvalidated check must say so",
    ),
    ("dast-10", lambda d: d["scoring"].update(rule="max"), "dast-10.yaml: scoring.rule is 'sum'"),
    (
        "dast-10",
        lambda d: d.pop("title"),
        "dast-10.yaml: missing or wrong field: title: Field required",
    ),
    (
        "dast-10",
        lambda d: d["ages"].update(min="twelve"),
        "dast-10.yaml: missing or wrong field: ages.min: Input should be a valid integer, "
        "unable to parse string as an integer",
    ),
    (
        "dast-10",
        lambda d: item(d, "dast-2").update(ask_iff={"any_above_zero": ["dast-1"]}),
        "dast-10.yaml item dast-2: missing or wrong field: ask_iff: Extra inputs are not permitted",
    ),
]


@pytest.mark.parametrize(("name", "breaks", "message"), BROKEN, ids=[m for _n, _b, m in BROKEN])
def test_a_broken_file_is_refused_with_a_message_that_says_what_is_wrong(
    tmp_path: Path, name: str, breaks: Callable[[dict], object], message: str
) -> None:
    data = shipped(name)
    breaks(data)
    write(tmp_path, name, data)

    assert refusal(tmp_path) == message


def test_every_shipped_file_reads_back_the_same_after_a_round_trip_through_yaml(
    tmp_path: Path,
) -> None:
    """The cases above rewrite files through yaml.safe_dump: that alone must break nothing."""
    for path in INSTRUMENTS_DIR.glob("*.yaml"):
        write(tmp_path, path.stem, shipped(path.stem))

    assert load_instruments(tmp_path) == load_instruments()


def test_a_derived_instrument_needs_its_parent(tmp_path: Path) -> None:
    write(tmp_path, "audit-c", shipped("audit-c"))

    assert refusal(tmp_path).startswith("audit-c.yaml: derived_from 'audit' is not")


def test_a_derived_instrument_names_its_parents_items_and_does_not_redefine_them(
    tmp_path: Path,
) -> None:
    write(tmp_path, "audit", shipped("audit"))
    derived = shipped("audit-c")
    derived["items"] = [item(shipped("audit"), "audit-1")]
    write(tmp_path, "audit-c", derived)

    assert refusal(tmp_path).startswith("audit-c.yaml: a derived_from instrument lists")


def test_two_files_with_one_id_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "signs", shipped("signs"))
    write(tmp_path, "signs-copy", shipped("signs"))

    assert refusal(tmp_path).startswith("signs.yaml: duplicate instrument id 'signs'")


def test_a_file_that_is_not_yaml_or_not_an_instrument_is_refused(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")

    assert refusal(tmp_path).startswith("broken.yaml: cannot read")

    (tmp_path / "broken.yaml").write_text("- a list\n", encoding="utf-8")
    assert refusal(tmp_path).startswith("broken.yaml: not an instrument file")
