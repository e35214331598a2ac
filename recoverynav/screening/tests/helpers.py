"""Walk the self-check like a browser without JavaScript: read the token from the page, post it."""

import re

from django.http import HttpResponse
from django.test import Client

FLOW_URL = "/self-check/questions/"
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def token_of(response: HttpResponse) -> str:
    return TOKEN.search(response.content.decode()).group(1)


def progress_of(response: HttpResponse) -> str:
    match = re.search(r'class="progress">(.*?)(?: ·|</p>)', response.content.decode())
    return match.group(1) if match else ""


def begin(client: Client, prefix: str = "", **overrides: object) -> HttpResponse:
    """The start form sent; `prefix` "/es" for the Spanish pages."""
    data = {"audience": "self", "substances": ["alcohol"], "age_band": "21-64", "sex": ""}
    data.update(overrides)
    return client.post(prefix + FLOW_URL, data)


def flow_url_of(response: HttpResponse) -> str:
    """Where the page's own forms post (the Spanish pages post to /es/…)."""
    match = re.search(r'action="([^"]*/self-check/questions/)"', response.content.decode())
    return match.group(1) if match else FLOW_URL


def answer(client: Client, response: HttpResponse, value: object) -> HttpResponse:
    data = {"token": token_of(response), "action": "answer", "answer": value}
    return client.post(flow_url_of(response), data)


def act(client: Client, response: HttpResponse, action: str, prefix: str = "") -> HttpResponse:
    return client.post(flow_url_of(response), {"token": token_of(response), "action": action})


def first_option(response: HttpResponse) -> str:
    """The first radio value on a question page, or "0" for a number question."""
    match = re.search(r'type="radio" name="answer" value="([^"]+)"', response.content.decode())
    return match.group(1) if match else "0"


def answer_everything(client: Client, response: HttpResponse, pick=first_option) -> HttpResponse:
    """Answer every question (the safety question "no") until the check-your-answers page."""
    response = answer(client, response, "no")
    for _step in range(40):
        if 'name="action" value="results"' in response.content.decode():
            return response
        response = answer(client, response, pick(response))
    raise AssertionError("the self-check never reached its last page")
