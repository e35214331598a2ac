"""Dial-in numbers of online meetings, as feeds write them and as a phone can use them.

The spec asks for digits, `+`, and `,` `*` `#` for one-tap links ("+19292056099,,537186093#").
Real feeds also write words ("+1 646 558 8656 Meeting ID: 123 456 789 Passcode: peace"):
taking every digit of that dials a wrong meeting ID and passcode. So the importer keeps what
can be dialed and moves the words to the phone notes, and pages show the number itself as
the label, never the raw string."""

import re
from dataclasses import dataclass

DIALABLE = re.compile(r"^[\d\s+().,*#/-]*")
NOT_DIGIT = re.compile(r"\D+")
MIN_DIGITS = 7


@dataclass(frozen=True)
class Dial:
    number: str  # the number, written for people: "+1 929-205-6099"
    uri: str  # tel: link, with the one-tap pauses and codes when the feed gave them
    codes: list[str]  # what the one-tap link enters after the call connects


def split_dial_in(text: str) -> tuple[str, str]:
    """(what can be dialed, the words that came with it). A string without letters is
    kept whole; with letters, the dialable start is kept and the rest becomes notes."""
    text = text.strip()
    if not text:
        return "", ""
    start = DIALABLE.match(text)[0].rstrip(" ,;/-")
    second = start.find("+", 1)  # another number written straight after the first
    if second > 0:
        start = start[:second].rstrip(" ,;/-")
    if _digits(start) < MIN_DIGITS:
        return "", text
    return start, text[len(start) :].strip(" ,;/-")


def parse_dial(text: str) -> Dial | None:
    """The number to show, the tel: link and the codes it enters, from a dialable string."""
    compact = "".join(ch for ch in text if ch.isdigit() or ch in "+,*#;")
    compact = compact.replace(";", ",")
    if _digits(compact.split(",")[0]) < MIN_DIGITS:
        return None
    number, *rest = compact.split(",")
    codes = [part for part in rest if part]
    uri = "tel:" + compact.rstrip(",").replace("#", "%23")
    return Dial(number=_written(number), uri=uri, codes=codes)


def _digits(text: str) -> int:
    return len(NOT_DIGIT.sub("", text))


def _written(number: str) -> str:
    """North American numbers in the usual groups; others as digits with their +."""
    digits = number.lstrip("+")
    if len(digits) == 11 and digits.startswith("1"):
        return f"+1 {digits[1:4]}-{digits[4:7]}-{digits[7:]}"
    if len(digits) == 10 and not number.startswith("+"):
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return number
