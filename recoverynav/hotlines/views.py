from django.http import HttpRequest, HttpResponse

from recoverynav.core.page_cache import render_shared_page
from recoverynav.hotlines.selectors import (
    countries_with_hotlines,
    country_code_for_request,
    country_codes,
    country_with_hotlines,
    hotlines_version,
)


def help_now(request: HttpRequest) -> HttpResponse:
    code = country_code_for_request(request, country_codes())
    return render_shared_page(
        request,
        "hotlines/help_now.html",
        context=lambda: {
            "countries": countries_with_hotlines(),
            "country": country_with_hotlines(code),
            "selected_code": code,
        },
        # The country can come from the browser's languages, which the path does not show.
        version=f"{code}:{hotlines_version()}",
        query_keys=["country"],
    )
