"""The finders' results-first summary: each chosen filter is a chip that removes only itself."""

from urllib.parse import parse_qs

from django import forms
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation

from recoverynav.core.search_summary import Chip, filter_chips, summary_html, without_filters


class FinderForm(forms.Form):
    place = forms.CharField(required=False)
    medication = forms.MultipleChoiceField(
        choices=[("methadone", "Methadone"), ("buprenorphine", "Buprenorphine")], required=False
    )
    setting = forms.MultipleChoiceField(
        choices=[("Care", [("outpatient", "Outpatient"), ("detox", "Detox")])], required=False
    )
    when = forms.ChoiceField(choices=[("", "Any time"), ("now", "In progress now")], required=False)
    otp = forms.BooleanField(label="Opioid treatment program", required=False)
    day = forms.TypedMultipleChoiceField(
        choices=[("0", "Sunday"), ("6", "Saturday")], coerce=int, required=False
    )


def chips_for(query: str, names: list[str]) -> list[Chip]:
    params = QueryDict(query)
    form = FinderForm(params)
    assert form.is_valid(), form.errors
    return filter_chips(form, params, names)


def query_of(url: str) -> dict[str, list[str]]:
    assert url.startswith("?")
    return parse_qs(url[1:])


def test_it_makes_a_chip_per_chosen_value_in_the_order_of_the_choices() -> None:
    chips = chips_for(
        "place=Columbus&medication=buprenorphine&medication=methadone", ["medication"]
    )
    assert [chip.label for chip in chips] == ["Methadone", "Buprenorphine"]


def test_removing_a_chip_keeps_every_other_choice_and_goes_back_to_the_first_page() -> None:
    chips = chips_for(
        "place=Columbus&medication=methadone&medication=buprenorphine&setting=detox&page=3",
        ["medication", "setting"],
    )
    methadone = next(chip for chip in chips if chip.label == "Methadone")
    assert query_of(methadone.remove_url) == {
        "place": ["Columbus"],
        "medication": ["buprenorphine"],
        "setting": ["detox"],
    }


def test_removing_the_last_value_of_a_field_drops_the_field() -> None:
    (chip,) = chips_for("place=Columbus&setting=detox", ["setting"])
    assert chip.label == "Detox"  # found inside an option group
    assert query_of(chip.remove_url) == {"place": ["Columbus"]}


def test_single_choices_flags_and_typed_values_become_chips_too() -> None:
    chips = chips_for("when=now&otp=on&day=6", ["when", "otp", "day"])
    assert [chip.label for chip in chips] == [
        "In progress now",
        "Opioid treatment program",
        "Saturday",
    ]
    assert query_of(chips[1].remove_url) == {"when": ["now"], "day": ["6"]}


def test_an_unchosen_or_default_field_has_no_chip() -> None:
    assert chips_for("place=Columbus&when=", ["medication", "when", "otp", "day"]) == []


def test_clear_all_drops_only_the_filters() -> None:
    params = QueryDict("place=Columbus&radius=25&medication=methadone&setting=detox&page=2")
    assert query_of(without_filters(params, ["medication", "setting"])) == {
        "place": ["Columbus"],
        "radius": ["25"],
    }


def test_the_summary_shows_the_heading_and_chips_that_say_they_remove_a_choice() -> None:
    chips = [Chip("Methadone", "?place=a&medication=b"), Chip("Buprenorphine", "?place=a")]
    with translation.override("es"):
        html = summary_html("19 lugares", chips, "?place=a")
    assert '<h2 id="results-heading">19 lugares</h2>' in html
    assert 'href="?place=a&amp;medication=b"' in html
    assert "quitar esta opción" in html
    assert "Quitar todas las opciones" in html


def test_one_chip_needs_no_clear_all_link() -> None:
    html = summary_html("3 places", [Chip("Detox", "?place=a")], "?place=a")
    assert "Clear all choices" not in html
    assert "chips" in html


def test_every_value_in_the_summary_is_escaped() -> None:
    html = summary_html(
        "<b>3</b> places", [Chip("<i>Detox</i>", '?a="1"&b=2'), Chip("x", "?")], "?c=<3>"
    )

    assert "<b>" not in html
    assert "<i>" not in html
    assert 'href="?a=&quot;1&quot;&amp;b=2"' in html
    assert 'href="?c=&lt;3&gt;"' in html


def test_the_template_tag_names_its_heading_for_the_page() -> None:
    template = Template(
        '{% load search_tags %}{% search_summary heading chips "" "choices-heading" %}'
    )
    html = template.render(Context({"heading": "Your choices", "chips": []}))

    assert '<h2 id="choices-heading">Your choices</h2>' in html
    assert "<ul" not in html
