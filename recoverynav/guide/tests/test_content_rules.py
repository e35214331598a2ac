"""Rules the guide's own words must keep (the December 2026 content audit, section 2): links
into the finders use values they accept, each claim the audit found unsourced cites its
source, and the Spanish pages say what the English pages say."""

import re
from pathlib import Path
from urllib.parse import parse_qsl

import polib
import pytest
import yaml

from recoverynav.directory.vocabulary import GROUPS
from recoverynav.guide.content import load_page_file

CONTENT = Path(__file__).resolve().parents[1] / "content"
PAGES = sorted(CONTENT.glob("*/*.md"))
# The meeting finder's fellowship values other pages link with (its contract).
FELLOWSHIPS = {"AA", "NA", "SMART", "AL-ANON", "Al-Anon", "Nar-Anon"}
# Treatment finder parameters that are not filter groups.
PLAIN_TREATMENT_PARAMETERS = {"place", "radius", "otp", "page"}
FINDER_LINK = re.compile(r"\(route:(directory|meetings):search\?([^)\s]*)\)")


def page_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def text(language: str, slug: str) -> str:
    return (CONTENT / language / f"{slug}.md").read_text(encoding="utf-8")


def source_urls(language: str, slug: str) -> set[str]:
    path = CONTENT / language / f"{slug}.md"
    return {source.url for source in load_page_file(path, language=language).sources}


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_finder_link_uses_values_the_finder_accepts(path: Path) -> None:
    for finder, query in FINDER_LINK.findall(path.read_text(encoding="utf-8")):
        for name, value in parse_qsl(query):
            if finder == "meetings":
                assert (name, value in FELLOWSHIPS) == ("fellowship", True), query
            elif name not in PLAIN_TREATMENT_PARAMETERS:
                assert name in GROUPS, query
                assert value in GROUPS[name].values, query


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_alcohol_medicines_link_finds_all_four_medicines(language: str) -> None:
    page = text(language, "medication-assisted-treatment")

    assert (
        "route:directory:search?medication=naltrexone&medication=naltrexone_er"
        "&medication=acamprosate&medication=disulfiram"
    ) in page
    assert "alcohol_medication" not in page


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_naltrexone_shot_link_finds_the_shot(language: str) -> None:
    assert "route:directory:search?medication=naltrexone_er)" in text(
        language, "medication-assisted-treatment"
    )


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_halving_the_risk_of_death_is_said_of_methadone_and_buprenorphine(path: Path) -> None:
    body = " ".join(path.read_text(encoding="utf-8").split())
    for sentence in re.findall(r"[^.]*(?:by about half|a la mitad)[^.]*\.", body):
        assert re.search(r"[Mm]etad?ona|[Mm]ethadone", sentence), sentence
        assert re.search(r"[Bb]uprenorf|[Bb]uprenorph", sentence), sentence
    if "by about half" in body or "a la mitad" in body:
        assert (
            "https://nap.nationalacademies.org/catalog/25310/medications-for-opioid-use-disorder-save-lives"
            in path.read_text(encoding="utf-8")
        )


# A claim the audit found without a source: where it appears, the page cites its source.
CLAIM_SOURCES = [
    ("1-800-799-7233", "https://www.thehotline.org/"),
    ("FMLA|Family and\nMedical Leave", "https://www.law.cornell.edu/cfr/text/29/825.119"),
    ("Marketplace|Mercado de Seguros", "https://www.healthcare.gov/coverage/mental-health-substance-abuse-coverage/"),
    ("AYUDA", "https://988lifeline.org/get-help/what-to-expect/"),
    ("442-AYUDAME", "https://www.crisistextline.org/blog/2021/10/15/hola-crisis-text-line-is-now-available-in-spanish/"),
    ("without their full knowledge|sin su pleno conocimiento", "https://www.ncbi.nlm.nih.gov/books/NBK64036/"),
]  # fmt: skip


@pytest.mark.parametrize("path", PAGES, ids=page_id)
@pytest.mark.parametrize(("claim", "source"), CLAIM_SOURCES)
def test_a_page_making_a_claim_cites_its_source(path: Path, claim: str, source: str) -> None:
    language, slug = path.parent.name, path.stem
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    if claim == "AYUDA" and "442-AYUDAME" in body and "988" not in body:
        return
    if re.search(claim, body):
        assert source in source_urls(language, slug)


def test_the_spanish_overdose_page_says_to_rub_the_breastbone_with_your_knuckles() -> None:
    page = " ".join(text("es", "overdose").split())

    assert (
        "frótele con fuerza el centro del pecho (el esternón) con los nudillos de su mano" in page
    )
    assert "frótele con fuerza los nudillos" not in page


def test_the_spanish_overdose_page_never_allows_sleeping_it_off() -> None:
    page = " ".join(text("es", "overdose").split())

    assert "sin vigilancia" not in page
    assert 'No deje que "duerma la borrachera": quédese con ella' in page


def test_spanish_pages_give_the_spanish_ways_into_988_and_crisis_text_line() -> None:
    page = " ".join(text("es", "hotlines-and-online-help").split())

    assert "llame al 988 y marque 2, o envíe AYUDA al 988" in page
    assert "envíe AYUDA al 741741" in page
    assert "442-AYUDAME" in page
    assert "envíe HOME" not in page


# --- Spanish words across the whole site (audit G7, G8) -------------------------------------
PACKAGE = Path(__file__).resolve().parents[2]
# Data files with English and Spanish side by side ({en: …, es: …}).
BILINGUAL_DATA = [
    PACKAGE / "guide" / "data" / "fit_rules.yaml",
    *sorted((PACKAGE / "screening" / "data").glob("*.yaml")),
    *sorted((PACKAGE / "screening" / "instruments").glob("*.yaml")),
]


def _pairs_in(data: object, where: str) -> list[tuple[str, str, str]]:
    if isinstance(data, dict):
        found = []
        if isinstance(data.get("es"), str):
            found.append((where, str(data.get("en", "")), data["es"]))
        for key, value in data.items():
            found += _pairs_in(value, f"{where}:{key}")
        return found
    if isinstance(data, list):
        return [pair for item in data for pair in _pairs_in(item, where)]
    return []


def translation_pairs() -> list[tuple[str, str, str]]:
    """Every Spanish text the site shows, with its English and where it is: the guide's
    pages, the guide's and the self-check's data files, and every app's translations."""
    pairs = []
    for spanish in sorted((CONTENT / "es").glob("*.md")):
        english = CONTENT / "en" / spanish.name
        english_text = english.read_text(encoding="utf-8") if english.exists() else ""
        pairs.append((page_id(spanish), english_text, spanish.read_text(encoding="utf-8")))
    for path in BILINGUAL_DATA:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        pairs += _pairs_in(data, path.relative_to(PACKAGE).as_posix())
    for path in sorted(PACKAGE.glob("*/locale/es/LC_MESSAGES/django.po")):
        where = path.relative_to(PACKAGE).as_posix()
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                pairs.append((f"{where}: {entry.msgid[:40]}", entry.msgid, entry.msgstr))
    return pairs


def test_it_reads_the_spanish_of_every_part_of_the_site() -> None:
    places = {where.split(":")[0].split("/")[0] for where, _en, _es in translation_pairs()}

    assert {"es", "guide", "screening", "directory", "meetings", "hotlines"} <= places


# "síntomas de abstinencia" (withdrawal symptoms) is as clear as "síndrome de abstinencia".
WITHDRAWAL_PHRASES = ("síndrome de abstinencia", "síntomas de abstinencia")


def test_spanish_text_says_sindrome_de_abstinencia_never_a_bare_abstinencia() -> None:
    """Standing alone, "abstinencia" reads as abstinence (audit G7): in the guide's pages,
    the guide's and the self-check's data, and every app's translations."""
    for where, _english, spanish in translation_pairs():
        flat = " ".join(spanish.split()).lower()
        named = sum(flat.count(phrase) for phrase in WITHDRAWAL_PHRASES)
        assert flat.count("abstinencia") == named, where


# Driving is "conducir" everywhere (audit G8): understood in every Spanish-speaking country,
# the word of the legal term ("conducir bajo los efectos"), and never confused with
# "manejar", which the guide also uses for "to manage" (cravings, daily life).
ENGLISH_DRIVING = re.compile(r"\b(driv(e|es|en|ing)|drove)\b", re.IGNORECASE)
SPANISH_DRIVING = re.compile(
    r"\b(conducir|conducid[oa]s?|conduzca\w*|conduj\w+|conduc[eií]\w*|conductor\w*)\b",
    re.IGNORECASE,
)
MANEJAR_FOR_DRIVING = re.compile(
    r"\b(al|antes de|después de|sin) manejar\b|\bmanejad[oa]s? por\b|\bmanejaste\b"
    r"|\bni maneje\b|\bAUTO manej",
    re.IGNORECASE,
)


def test_spanish_text_says_conducir_for_driving_everywhere() -> None:
    """One word for driving across the guide, the self-check (the CRAFFT's CAR question, the
    signs checks) and every translation; the CRAFFT's official Spanish would govern its own
    items, but we do not have it (docs/screening.md, S8)."""
    for where, english, spanish in translation_pairs():
        flat = " ".join(spanish.split())
        assert not MANEJAR_FOR_DRIVING.search(flat), where
        if ENGLISH_DRIVING.search(english):
            assert SPANISH_DRIVING.search(flat), where


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_a_law_read_at_cornell_lii_is_labeled_as_read_there(path: Path) -> None:
    """The FMLA rule's source was labeled "U.S. Department of Labor" but linked to Cornell LII:
    a label must not name a publisher the link does not go to."""
    language = path.parent.name
    for source in load_page_file(path, language=language).sources:
        if "law.cornell.edu" in source.url:
            assert source.name.endswith("(Cornell LII)"), source.name
            assert "Department of Labor" not in source.name
            assert "Departamento de Trabajo" not in source.name


def test_spanish_pages_use_one_word_for_referral() -> None:
    for path in (CONTENT / "es").glob("*.md"):
        body = path.read_text(encoding="utf-8")
        assert not re.search(r"remisi[oó]n", body), path.name


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_family_page_links_to_the_treatment_finder_and_the_samhsa_helpline(
    language: str,
) -> None:
    page = text(language, "family-and-friends")

    assert "](route:directory:search)" in page
    assert "(tel:18006624357)" in page
    assert "https://www.samhsa.gov/find-help/national-helpline" in source_urls(
        language, "family-and-friends"
    )
    assert "route:meetings:search?fellowship=Nar-Anon" in page
