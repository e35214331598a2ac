"""The plan's and tracker's fixed wording, shared by the server-rendered checklist and the JS.

The same item ids appear in the page (``data-item``) and in exported files, so changing an id
would orphan what people have already ticked: add new ids, do not rename old ones.
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    id: str
    text: str | Promise


@dataclass(frozen=True)
class SourcedFact:
    text: str | Promise
    source_url: str
    source_name: str | Promise
    last_verified: datetime.date


# What to say when reaching out: short, kind, no need to explain everything.
REACH_OUT_SCRIPTS = [
    Item(
        "listen",
        _(
            "I have been having a hard time with drinking or drugs. Can we talk? "
            "You don't have to fix anything. I just need someone to listen."
        ),
    ),
    Item(
        "check-in",
        _("I have decided to get some help. Would you check in on me this week?"),
    ),
    Item(
        "hard-times",
        _("I'm trying to make a change. Can I call you when things get hard?"),
    ),
    Item(
        "professional",
        _(
            "I would like to talk about my drinking or drug use. "
            "What kinds of help could work for me?"
        ),
    ),
]

ENVIRONMENT_CHECKLIST = [
    Item("remove-substances", _("Remove alcohol, drugs and the things I use them with from home.")),
    Item("tell-someone", _("Tell someone I trust about my plan.")),
    Item("triggers", _("Write down my triggers (people, places, feelings) and what I will do.")),
    Item(
        "high-risk-times",
        _("Plan for high-risk times, like evenings, weekends, paydays and holidays."),
    ),
    Item(
        "naloxone",
        _(
            "If opioids are involved: keep naloxone (Narcan) at home and show "
            "someone where it is and how to use it."
        ),
    ),
    Item("contacts", _("Delete or block the numbers of people I used with or bought from.")),
    Item("routine", _("Plan my days: sleep, meals, moving my body and something I enjoy.")),
    Item("calendar", _("Put my appointments and meetings in my calendar.")),
]

NALOXONE_FACT = SourcedFact(
    text=_(
        "Naloxone can reverse an opioid overdose. Call the emergency number too, "
        "because it wears off."
    ),
    source_url="https://www.hhs.gov/opioids/treatment/overdose-response/index.html",
    source_name=_("U.S. Department of Health and Human Services"),
    last_verified=datetime.date(2026, 11, 27),
)

KEEP_GOING_PROMPTS = [
    Item("reasons", _("My reasons for making this change")),
    Item("daily", _("Something I will do every day (a meeting, a call, a walk)")),
    Item("weekly", _("Who I will check in with every week")),
    Item("if-slip", _("What I will do if I slip")),
]

CHECK_IN_MOODS = [
    Item("1", _("Very low")),
    Item("2", _("Low")),
    Item("3", _("Okay")),
    Item("4", _("Good")),
    Item("5", _("Very good")),
]

TRIGGERS = [
    Item("stress", _("Stress")),
    Item("lonely", _("Feeling lonely")),
    Item("tired", _("Tired or hungry")),
    Item("people", _("People I used with")),
    Item("places", _("Places I used")),
    Item("conflict", _("An argument")),
    Item("celebration", _("A celebration")),
    Item("pain", _("Pain")),
    Item("bored", _("Boredom")),
]

# The relapse-prevention plan. It is kept with the tracker's data (where it began); the plan
# page shows and edits the first two as well, and the tracker's high-craving card shows all
# three with the people from the plan's step 1.
PREVENTION_PROMPTS = [
    Item("warning-signs", _("My warning signs")),
    Item("coping", _("What I will do instead (coping steps)")),
    Item("people", _("Other people or places I will call")),
]
CRAVING_PROMPTS = PREVENTION_PROMPTS[:2]

# Days counted from the sober-since date; the JS names each one.
MILESTONE_DAYS = [1, 7, 30, 60, 90, 180, 365, 730, 1095, 1825]

AFTER_A_BREAK_FACT = SourcedFact(
    text=_(
        "After a break from opioids, the body cannot handle the amount it used to, "
        "so the risk of overdose is higher. Do not use alone and keep naloxone near."
    ),
    source_url="https://healingstudy.uky.edu/about-addiction-and-opioid-use-disorder/naloxone",
    source_name=_("HEALing Communities Study, University of Kentucky"),
    last_verified=datetime.date(2026, 11, 27),
)

HIGH_CRAVING = 7
