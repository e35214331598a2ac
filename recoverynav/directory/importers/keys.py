"""How two rows are known to describe one place: names, streets and phone numbers written
one way, so that "1631-A East Second Street, Suite B" meets "1631 E 2nd St" and "Premier Care
of Ohio LLC" meets "Premier Care of Ohio Inc". Used to combine a source's repeated rows and to
merge the sources (`recoverynav.directory.merging`)."""

import re

from recoverynav.directory import phones

ABBREVIATIONS = {
    "street": "st",
    "avenue": "ave",
    "road": "rd",
    "drive": "dr",
    "boulevard": "blvd",
    "highway": "hwy",
    "suite": "ste",
    "building": "bldg",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "lane": "ln",
    "court": "ct",
    "place": "pl",
    "parkway": "pkwy",
    "and": "&",
    "incorporated": "inc",
    "center": "ctr",
    "centre": "ctr",
}
NON_WORD = re.compile(r"[^\w&]+")


def normalise(text: str) -> str:
    words = NON_WORD.sub(" ", (text or "").lower()).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


def match_key(*, name: str, address: str, postal_code: str) -> str:
    """Two rows describe the same place when name, street address and ZIP code agree."""
    return f"{normalise(name)}|{normalise(address)}|{(postal_code or '')[:5]}"


# Where in a building, not which building: "Suite B", "Ste. C & D", "# 4", "Bldg 2",
# "Lower Level", "4th Floor". Everything from such a word on is the unit.
UNIT = re.compile(
    r"(?:\b(?:suites?|ste|unit|apt|rm|room|fl|floor|bldg|building|basement|"
    r"(?:lower|upper|ground|main)\s+(?:level|floor)|\d+(?:st|nd|rd|th)\s+(?:fl|floor))\b|#).*$",
    re.I,
)
# "1631-A", "908A": the house number with a letter for one door of the building.
HOUSE_LETTER = re.compile(r"^(\d+)-?[a-z]\b", re.I)
HOUSE_NUMBER = re.compile(r"^(\d+)(?:-(\d+))?\b")
# "N.E." and "U.S." as their letters, so they meet "NE" and "US".
INITIALS = re.compile(r"\b([a-z])\.(?=[a-z]\b)", re.I)
STREET_WORDS = {
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
    "eleventh": "11th",
    "twelfth": "12th",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}
# SAMHSA's mark for an address it does not publish: "- - -", "---".
UNDISCLOSED = re.compile(r"^[\s-]*$")


def _building_part(address: str) -> str:
    """The part of an address that names the building: the first comma-separated part
    starting with a house number ("11301 Wilshire Blvd." of "…, Building 257, Basement"),
    without its unit ("Ste. C & D") or the letter of its door ("1631-A")."""
    parts = [part.strip() for part in (address or "").split(",")]
    text = next((part for part in parts if part[:1].isdigit()), parts[0])
    cut = UNIT.sub("", text).strip()
    # A unit word right after the number is no street name: keep the text then.
    text = cut if len(cut.split()) >= 2 else text
    return HOUSE_LETTER.sub(r"\1", text)


def street_key(address: str) -> str:
    """The building's street address, written one way: without its suite, unit or door
    letter, with street words spelled one way ("1631 e 2nd st" for "1631-A East Second
    Street, Building A")."""
    if UNDISCLOSED.match(address or ""):
        return ""
    words = normalise(INITIALS.sub(r"\1", _building_part(address))).split()
    return " ".join(STREET_WORDS.get(word, word) for word in words)


def house_number(address: str) -> str:
    """The building's number on its street ("1631" of "1631-A East Second Street"), or ''."""
    found = HOUSE_NUMBER.match(_building_part(address))
    if not found:
        return ""
    first, second = found.groups()
    # "91-5007" (Hawaii) and "37-06" (Queens) are one number; "24-26" and "23-27" are a
    # range of doors, "8730-1" one door of 8730: the first number names the building.
    if second and (len(second) > len(first) or second.startswith("0")):
        return f"{first}-{second}"
    return first


# Words that say what kind of company, not which: "Premier Care of Ohio LLC" and "… Inc".
LEGAL_WORDS = {"inc", "llc", "corp", "corporation", "company", "co", "pc", "pllc", "ltd", "lp"}


def name_words(name: str) -> list[str]:
    return [w for w in normalise(name).split() if w not in LEGAL_WORDS and w != "the"]


def names_agree(first: str, second: str) -> bool:
    """Two names of one place: equal but for "LLC"/"Inc"; one cut short ("Recovery and Prev
    Resources of" for "Recovery and Prevention Resources of Ohio"); or one inside the other
    ("Integral Care" in "Austin Travis County Integral Care"). Callers also require the same
    street and ZIP code."""
    a, b = name_words(first), name_words(second)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    if short == long:
        return True
    if len(short) < 2:
        return False
    if all(whole.startswith(part) for part, whole in zip(short, long, strict=False)):
        return True
    width = len(short)
    return any(long[i : i + width] == short for i in range(len(long) - width + 1))


def phone_key(phone: str) -> str:
    """The ten digits of a US number (no extension), or '' — two listings with one number."""
    uri = phones.tel_uri(phone)
    return uri[len("tel:+1") :] if uri.startswith("tel:+1") else ""
