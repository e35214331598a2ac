"""SAMHSA's service names on a facility page: headings in sentence case, names in Spanish on
Spanish pages where we have a translation, and marked as English where we do not."""

from django.utils import translation

from recoverynav.directory import service_names

TRANSLATED = "Substance use treatment"
UNTRANSLATED = "A service nobody has translated"


def test_every_translation_in_the_file_is_filled_in() -> None:
    table = service_names.spanish()

    assert table[TRANSLATED] == "Tratamiento por uso de sustancias"
    assert all(official.strip() and spanish.strip() for official, spanish in table.items())


def test_on_english_pages_names_are_as_written_and_count_as_translated() -> None:
    with translation.override("en"):
        assert service_names.translated(TRANSLATED) == TRANSLATED
        assert service_names.is_translated(UNTRANSLATED)


def test_on_spanish_pages_a_known_name_is_in_spanish_and_an_unknown_one_stays() -> None:
    with translation.override("es"):
        assert service_names.translated(TRANSLATED) == "Tratamiento por uso de sustancias"
        assert service_names.translated(UNTRANSLATED) == UNTRANSLATED
        assert not service_names.is_translated(UNTRANSLATED)


def test_a_spanish_page_groups_untranslated_names_apart_so_they_can_be_marked_english() -> None:
    with translation.override("es"):
        [group] = service_names.grouped(
            [["Type of Care", TRANSLATED], ["Type of Care", UNTRANSLATED]]
        )

    assert group.heading == "Tipo de atención"
    assert group.names == ["Tratamiento por uso de sustancias"]
    assert group.untranslated == [UNTRANSLATED]


def test_headings_keep_acronyms_in_capitals() -> None:
    with translation.override("en"):
        assert service_names.heading("Testing for HIV (Human Immunodeficiency Virus)") == (
            "Testing for HIV (human immunodeficiency virus)"
        )


def test_a_regional_spanish_language_code_is_spanish_too() -> None:
    with translation.override("es-mx"):
        assert service_names.translated(TRANSLATED) == "Tratamiento por uso de sustancias"
