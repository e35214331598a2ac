"""The comment form of a real guide page against a battery of spammers, impersonators and
six real people: nothing published without moderation but the one writer whose confirmed
address and name earned it, nobody lost, and every refusal said on the page.

People use the real browser and only the fields they can see; the bots use raw HTTP, each
from its own address, and send what a script would (every field, or only the visible ones).
"""

import re

import pytest
from django.test import Client

from recoverynav.comments.models import Comment, Status
from recoverynav.comments.tests.helpers import make_comment, make_known_commenter

pytestmark = pytest.mark.browser

PAGE = "/guide/overdose/"
PAGE_KEY = "guide:overdose"
POST_URL = "/comments/pages/guide:overdose/"
KNOWN = ("Sam O'Connor", "sam@example.org")  # confirmed, with an approved comment
HUMANS = [
    ("María José Núñez", "maria.jose@example.org",
     "Mi hijo lleva tres meses en tratamiento ambulatorio. Lo que más nos ayudó fue el grupo "
     "de familias de los jueves. Gracias por explicar las opciones con tanta claridad."),
    ("Łukasz Wiśniewski", "lukasz@example.org",
     "I called the helpline at 2am not knowing what to expect. The person was kind and found "
     "me a detox bed the next morning. If you are reading this and scared, call."),
    ("Aoife Ní Bhriain", "aoife@example.ie",
     "Is there a way to find meetings that are online only? I work nights and most of the "
     "ones near me are at 7pm."),
    ("Nguyễn Thị Hoa", "hoa@example.org",
     "My brother started medication for opioid use disorder last year. He says it gave him "
     "his life back. Family, please learn about it before judging."),
    ("Иван Петров", "ivan@example.org",
     "Naloxone saved my friend last winter. Carry it, it is easy to use."),
    (*KNOWN,
     "Two years sober this week. Some days are still hard, but they are fewer. Keep going."),
]  # fmt: skip
LINK_SPAM = "Cheap pills online http://spam.example/a http://spam.example/b https://x.example/c"
HOTLINE_LIE = "The hotline number changed, call 1-900-555-0100 instead."
REJECTION_SIGNS = re.compile(r'class="[^"]*(error-summary|notice)[^"]*"|role="(alert|status)"')


class Battery:
    """Posts as a script would and remembers every post whose refusal the page did not show."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.unshown: list[str] = []

    def bot(self, address: str) -> Client:
        """A script on its own network (the rate limits count per /24)."""
        return Client(REMOTE_ADDR=address)

    def form(self, client: Client) -> dict[str, str]:
        """The hidden fields of a freshly shown form."""
        html = client.get(PAGE).content.decode()
        hidden = re.findall(r'<input type="hidden" name="(\w+)"(?: value="([^"]*)")?', html)
        return {name: value.replace("&amp;", "&") for name, value in hidden}

    def post(self, who: str, client: Client, data: dict, *, wait_s: int = 90) -> None:
        self.clock.shift(wait_s)
        response = client.post(POST_URL, data, follow=True)
        assert response.status_code < 500, (who, response.status_code)
        if not REJECTION_SIGNS.search(response.content.decode()):
            self.unshown.append(who)

    def send(self, who: str, client: Client, *, name: str, email: str, comment: str, **extra):
        """Fetch the form, wait like a person, send the visible fields."""
        fields = self.form(client)
        data = {**fields, "comment": comment, "name": name, "email": email, "consent": "on"}
        self.post(who, client, {**data, **extra})


def post_as_a_person(tab, clock, *, name: str, email: str, body: str, wait_s: int) -> str:
    tab.goto(PAGE)
    tab.page.fill("#comment-comment", body)
    tab.page.fill("#comment-name", name)
    tab.page.fill("#comment-email", email)
    tab.page.check("#comment-consent")
    clock.shift(wait_s)
    with tab.page.expect_navigation():
        tab.page.click("#comment-form button[type=submit]")
    return tab.page.content()


def test_the_spam_battery_publishes_nothing_unearned_and_loses_nobody(
    tab, transactional_db, time_machine
) -> None:
    time_machine.move_to("2026-11-27 12:00:00+00:00", tick=True)
    where = {"page_key": PAGE_KEY, "page_url": PAGE}
    make_known_commenter(*KNOWN[1:], name=KNOWN[0], body="Thank you for this page.", **where)
    make_comment(email="pat@example.org", name="Pat", body="Glad this exists.", **where)
    battery = Battery(time_machine)

    # Six people, in the browser, taking the time people take (fresh windows for the limits).
    for number, (name, email, body) in enumerate(HUMANS):
        html = post_as_a_person(tab, time_machine, name=name, email=email, body=body, wait_s=150)
        assert 'class="error-summary"' not in html, (name, html)
        expected = "is published" if (name, email) == KNOWN else "awaiting moderation"
        assert expected in tab.page.inner_text("#comment-status"), name
        time_machine.shift(120 * number)

    # The bots of the first battery, each from its own address.
    naive = battery.bot("10.0.10.7")
    battery.send("naive filler", naive, name="xx", email="a@b.co", comment="great site",
                 homepage="http://a.example", remember="on")  # fmt: skip
    fast = battery.bot("10.0.11.7")
    fields = battery.form(fast)
    battery.post("fast poster", fast, {**fields, "comment": "Nice post fast", "name": "Bob",
                 "email": "bob@example.com", "consent": "on"}, wait_s=0)  # fmt: skip
    replayer = battery.bot("10.0.12.7")
    captured = {**battery.form(replayer), "comment": "Replay zero", "name": "Ann",
                "email": "ann@example.com", "consent": "on"}  # fmt: skip
    battery.post("token replay 1", replayer, captured)
    for round_ in range(1, 4):
        battery.post(f"token replay {round_ + 1}", replayer,
                     {**captured, "comment": f"Replay {round_}"}, wait_s=5)  # fmt: skip
    battery.send("link spammer", battery.bot("10.0.13.7"), name="SEO", email="seo@example.com",
                 comment=LINK_SPAM)  # fmt: skip
    flooder = battery.bot("10.0.14.7")
    for number in range(15):
        battery.send(f"flooder {number}", flooder, name="Flo", email="flo@example.com",
                     comment=f"Flood message number {number}")  # fmt: skip
    duplicate = battery.bot("10.0.15.7")
    for round_ in range(3):
        battery.send(f"duplicate {round_}", duplicate, name="Dup", email="dup@example.com",
                     comment=HUMANS[1][2])  # fmt: skip

    # Impersonators: a known writer's address under other names, a new address under the
    # known writer's name or the site's, and an address approved before it was ever confirmed.
    impersonations = [
        ("known e-mail, official name", "10.0.20.7", "Recovery Navigator Team", KNOWN[1]),
        ("known e-mail, new name", "10.0.21.7", "Hotline desk", KNOWN[1]),
        ("new e-mail, known name", "10.0.22.7", KNOWN[0], "sam.oconnor@example.net"),
        ("new e-mail, look-alike known name", "10.0.23.7", "Sam O'C\u043ennor", "s@example.net"),
        ("new e-mail, official name", "10.0.24.7", "Recovery Navigator Team", "rn@example.net"),
        ("new e-mail, spaced official name", "10.0.25.7", "recovery  NAVIGATOR team", "t@x.net"),
        ("new e-mail, look-alike admin", "10.0.26.7", "\u0410dmin", "admin@example.net"),
        ("new e-mail, zero-width moderator", "10.0.27.7", "Mod\u200berator", "m@example.net"),
        ("approved but never confirmed", "10.0.28.7", "Pat", "pat@example.org"),
        ("bidi-reversed name", "10.0.29.7", "\u202emaeT rotagivaN yrevoceR", "b@example.net"),
        ("bidi name on a known name", "10.0.30.7", "\u2067Sam O'Connor\u2069", "c@example.net"),
    ]
    for who, address, name, email in impersonations:
        battery.send(who, battery.bot(address), name=name, email=email,
                     comment=f"{HOTLINE_LIE} ({who})")  # fmt: skip

    # Blocked words in disguise.
    disguised = {
        "Cyrillic a": "Cheap vi\u0430gra, no prescription needed",
        "zero-width space": "Cheap v\u200biagra, no prescription needed",
        "fullwidth letters": "Cheap ｖｉａｇｒａ, no prescription needed",  # noqa: RUF001
        "Greek alpha in a phrase": "Need cash? Get a p\u03b1yday lo\u03b1n today",
    }
    for number, (who, comment) in enumerate(disguised.items()):
        battery.send(who, battery.bot(f"10.0.{40 + number}.7"), name="Deals",
                     email=f"deals{number}@example.com", comment=comment)  # fmt: skip

    # The polite headless bot: a real browser, visible fields only, human pace, spam content.
    html = post_as_a_person(tab, time_machine, name="Polite", email="polite@example.com",
                            body=LINK_SPAM + " polite bot", wait_s=120)  # fmt: skip
    if not REJECTION_SIGNS.search(html):
        battery.unshown.append("polite headless bot")

    published = Client().get(PAGE).content.decode()
    approved = set(Comment.objects.filter(status=Status.APPROVED).values_list("body", flat=True))
    assert approved == {"Thank you for this page.", "Glad this exists.", HUMANS[-1][2]}, (
        "published without moderation"
    )
    assert HOTLINE_LIE not in published
    assert "spam.example" not in published
    assert "Flood message" not in published
    assert [n for n, _, body in HUMANS if not Comment.objects.filter(body=body).exists()] == [], (
        "a person was lost"
    )
    held = {
        body.removeprefix(HOTLINE_LIE).strip(" ()"): status
        for body, status in Comment.objects.filter(body__startswith=HOTLINE_LIE).values_list(
            "body", "status"
        )
    }
    assert held == {  # the others were refused on the form, with the reason
        "known e-mail, new name": Status.PENDING,
        "new e-mail, known name": Status.PENDING,
        "approved but never confirmed": Status.PENDING,
        "bidi-reversed name": Status.PENDING,
        "bidi name on a known name": Status.PENDING,
    }
    spam = set(Comment.objects.filter(status=Status.SPAM).values_list("body", flat=True))
    assert set(disguised.values()) <= spam, "a disguised blocked word passed"
    stored_names = set(Comment.objects.values_list("name", flat=True))
    assert not any("\u202e" in name or "\u2067" in name for name in stored_names)
    assert battery.unshown == [], "a refusal was not shown on the page"
    assert published.count('class="comment-verified"') == 2  # the known writer's two comments
