from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from recoverynav.hotlines.selectors import (
    countries_with_hotlines,
    country_code_for_request,
    country_with_hotlines,
)


def help_now(request: HttpRequest) -> HttpResponse:
    countries = countries_with_hotlines()
    code = country_code_for_request(request, {c.code for c in countries})
    country = country_with_hotlines(code)
    return render(
        request,
        "hotlines/help_now.html",
        {"countries": countries, "country": country, "selected_code": code},
    )
