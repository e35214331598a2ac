"""Phone numbers as people write and dial them.

Sources write the same number many ways ("614-224-4506 x197", "(614)224-4506x197",
"(614) 224.4506"). Imports store one way, "(614) 224-4506 ext. 197", and a call link dials
only the number ("tel:+16142244506"): an extension glued onto the digits would dial a
different number, so the person reads the extension on screen and keys it in when asked.
"""

import re
from functools import lru_cache

# Letters on a phone keypad, for numbers written as words ("1-800-662-HELP").
KEYPAD = {
    letter: digit
    for digit, letters in {
        "2": "ABC",
        "3": "DEF",
        "4": "GHI",
        "5": "JKL",
        "6": "MNO",
        "7": "PQRS",
        "8": "TUV",
        "9": "WXYZ",
    }.items()
    for letter in letters
}
EXTENSION = re.compile(r"\s*(?:,|;)?\s*(?:x|ext\.?|extension|ext\s*#|#)\s*(\d{1,7})\s*$", re.I)
SHORT_CODES = {"211", "311", "411", "511", "711", "811", "911", "988"}
# The shape imports store ("(614) 224-4506 ext. 197"): read back without the general rules.
CANONICAL = re.compile(r"\((\d{3})\) (\d{3})-(\d{4})(?: ext\. \d{1,7})?")


def split_extension(text: str) -> tuple[str, str]:
    """'(614)224-4506x197' -> ('(614)224-4506', '197'); an extension of 0 means none."""
    text = (text or "").strip()
    match = EXTENSION.search(text)
    if not match:
        return text, ""
    extension = match[1].lstrip("0")
    return text[: match.start()].strip(), extension


def _international(number: str) -> bool:
    """A number written with a country code other than the US's (+1)."""
    stripped = number.strip()
    return stripped.startswith("+") and not stripped.startswith("+1")


def _keys(number: str) -> str:
    """The digits and letters of a number, without punctuation or a leading US 1."""
    keys = re.sub(r"[^0-9A-Za-z]", "", number).upper()
    if len(keys) == 11 and keys.startswith("1") and not _international(number):
        keys = keys[1:]
    return keys


def _us_shaped(number: str, keys: str) -> bool:
    """Ten keys after a real three-digit area code: a US number, letters only where the
    vanity words stand ("800GETHELP")."""
    return len(keys) == 10 and keys[:3].isdigit() and not _international(number)


@lru_cache(maxsize=16384)
def display(text: str) -> str:
    """The number as people write it: '(614) 224-4506 ext. 197'. A US number (ten digits, or
    letters in their place) gets the usual shape; anything else stays as written."""
    if CANONICAL.fullmatch(text):
        return text
    number, extension = split_extension(text)
    keys = _keys(number)
    if _us_shaped(number, keys):
        shaped = f"({keys[:3]}) {keys[3:6]}-{keys[6:]}"
    else:
        shaped = re.sub(r"\s+", " ", number)
    return f"{shaped} ext. {extension}" if extension and shaped else shaped


@lru_cache(maxsize=16384)
def tel_uri(text: str) -> str:
    """A call link that dials the number alone ('tel:+16142244506'), or '' when the text
    holds nothing we can dial. Letters are keyed in only in a US vanity number, after its
    digit area code ("1-800-GET-HELP"); other words are never turned into digits."""
    if match := CANONICAL.fullmatch(text):
        return f"tel:+1{match[1]}{match[2]}{match[3]}"
    number, _extension = split_extension(text)
    if number.strip() in SHORT_CODES:
        return f"tel:{number.strip()}"
    keys = _keys(number)
    if not keys.isdigit() and not _us_shaped(number, keys):
        return ""  # words ("Call the front desk"), not a vanity number: shown, not dialled
    digits = "".join(KEYPAD.get(key, key) for key in keys)
    if not digits.isdigit():
        return ""
    if _international(number):
        return f"tel:+{digits}"
    if len(digits) == 10:
        return f"tel:+1{digits}"
    return f"tel:{digits}" if len(digits) >= 7 else ""


def extension(text: str) -> str:
    """The extension to key in after the call connects, or ''."""
    return split_extension(text)[1]
