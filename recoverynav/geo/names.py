"""Normalizing place names so that 'St. Louis', 'saint louis' and 'ST LOUIS' are one key."""

import re
import unicodedata

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}  # fmt: skip
STATE_BY_NAME = {name.lower(): code for code, name in STATES.items()}
STATE_BY_NAME.update({"washington dc": "DC", "d c": "DC", "puerto rico": "PR"})

# Common abbreviations, expanded so both the stored key and the typed text agree.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
# What the census calls a county in each state, longest first so that "juneau city and
# borough" loses all three words. Alaska's and Puerto Rico's are part of the stored name.
COUNTY_WORDS = (
    "city and borough",
    "census area",
    "municipality",
    "municipio",
    "borough",
    "county",
    "parish",
)
# The same words written first: "City and Borough of Juneau", "Municipality of Anchorage".
COUNTY_PREFIXES = tuple(f"{word} of " for word in COUNTY_WORDS)


def name_key(text: str) -> str:
    """Lower-case ASCII words separated by single spaces, abbreviations expanded."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split()
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def split_state(key: str) -> tuple[str, str]:
    """('austin texas') -> ('austin', 'TX'); the state may be a code or a full name."""
    words = key.split()
    for size in (4, 3, 2, 1):
        if len(words) <= size:
            continue
        tail = " ".join(words[-size:])
        if size == 1 and tail.upper() in STATES:
            return " ".join(words[:-1]), tail.upper()
        if tail in STATE_BY_NAME:
            return " ".join(words[:-size]), STATE_BY_NAME[tail]
    return key, ""


def strip_county_word(key: str) -> tuple[str, bool]:
    """('travis county') -> ('travis', True); ('city and borough of juneau') -> ('juneau',
    True): the name without the word that says it is a county or its equivalent."""
    for word in COUNTY_WORDS:
        if key.endswith(" " + word):
            return key[: -len(word) - 1], True
    for prefix in COUNTY_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :], True
    return key, False
