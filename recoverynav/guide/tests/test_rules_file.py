"""The fit rules file format: each way the file can be wrong is refused with a message that
says where (the rule or the catalogue entry) and what is wrong."""

import pytest
import yaml

from recoverynav.guide.fit import RULES_PATH, RulesError, load_rules, shipped_rules

SHIPPED = RULES_PATH.read_text(encoding="utf-8")


def broken(change) -> str:
    data = yaml.safe_load(SHIPPED)
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def rule(data: dict, rule_id: str) -> dict:
    return next(r for r in data["rules"] if r["id"] == rule_id)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["rules"][0].pop("id"), "fit rules: every rule needs an id"),
        (
            lambda d: rule(d, "withdrawal-safety")["note"].pop("es"),
            "fit rule withdrawal-safety: the note needs both en and es",
        ),
        (
            lambda d: rule(d, "pregnancy")["then"].update(level="mansion"),
            "fit rule pregnancy: unknown level 'mansion'",
        ),
        (
            lambda d: rule(d, "withdrawal-safety")["then"].update(first_steps=["rest"]),
            "fit rule withdrawal-safety: unknown first_steps ['rest']",
        ),
        (
            lambda d: d.update(levels={}),
            "fit rules: 'levels' must be a non-empty mapping of keys to entries",
        ),
        (
            lambda d: d["groups"]["aa"].pop("title"),
            "fit rules: groups.aa needs a title in en and es",
        ),
        (lambda d: d.pop("rules"), "fit rules: the 'rules' list is empty"),
        (
            lambda d: d.update(reviewed="2026-12-05"),
            "fit rules: 'reviewed' must be a date like 2026-11-27",
        ),
        (
            lambda d: d.update(sources=[]),
            "fit rules: 'sources' must list entries with a name and an https:// url",
        ),
        (
            lambda d: rule(d, "pregnancy").update(wen={"pregnant": ["yes"]}),
            "fit rule pregnancy: missing or wrong field: wen: Extra inputs are not permitted",
        ),
        (
            lambda d: rule(d, "pregnancy").update(when={"pregnant": "yes"}),
            "fit rule pregnancy: missing or wrong field: when.pregnant: "
            "Input should be a valid list",
        ),
        (
            lambda d: d["groups"]["aa"].update(fellowshp="AA"),
            "fit rules: missing or wrong field: groups.aa.fellowshp: "
            "Extra inputs are not permitted",
        ),
    ],
)
def test_a_broken_rules_file_says_where_and_what(change, message: str) -> None:
    with pytest.raises(RulesError) as refused:
        load_rules(broken(change))

    assert str(refused.value) == message


def test_the_shipped_file_reads_the_same_after_a_round_trip_through_yaml() -> None:
    """The cases above rewrite the file through yaml.safe_dump: that alone breaks nothing."""
    assert load_rules(broken(lambda d: None)) == shipped_rules()
