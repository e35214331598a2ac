from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from recoverynav.comments.selectors import published_version
from recoverynav.comments.tokens import fill_form_token
from recoverynav.core.page_cache import render_shared_page
from recoverynav.guide.content import content_version
from recoverynav.guide.forms import SELFCHECK_BANDS, FitForm
from recoverynav.guide.selectors import fit_suggestion, get_page, pages_by_section, related_pages


def index(request: HttpRequest) -> HttpResponse:
    language = get_language()
    return render_shared_page(
        request,
        "guide/index.html",
        context=lambda: {"sections": pages_by_section(language=language)},
        version=content_version(language),
    )


def page(request: HttpRequest, slug: str) -> HttpResponse:
    language = get_language()
    guide_page = get_page(slug, language)
    if guide_page is None:
        raise Http404
    page_key = f"guide:{guide_page.key}"

    def fill(content: bytes) -> bytes:
        # This copy now holds this visitor's token: it must not be kept by shared caches
        # (core.middleware.security_headers makes it `private, no-store`).
        request.carries_visitor_token = True
        return fill_form_token(
            content, page_key=page_key, page_url=guide_page.url, now=timezone.now()
        )

    # The article and its published comments are the same for everyone; only the comment
    # form's signed token differs, and it is filled into each copy served.
    return render_shared_page(
        request,
        "guide/page.html",
        context=lambda: {
            "page": guide_page,
            "related": related_pages(page=guide_page),
            "comment_token_slot": True,
        },
        version=f"{content_version(language)}|{published_version(page_key)}",
        fill=fill,
    )


# The answers are personal health information: they travel in a POST body (never in a URL or
# an access log), are not stored, and the response is never cached. The form changes nothing
# on the server, so it carries no CSRF token, and the page therefore sets no cookie.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def fit(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = FitForm(request.POST)
        if form.is_valid():
            suggestion = fit_suggestion(answers=form.answers(), language=get_language())
            return render(request, "guide/fit_result.html", {"suggestion": suggestion})
    else:
        band = request.GET.get("selfcheck")
        form = FitForm(initial={"selfcheck": band if band in SELFCHECK_BANDS else ""})
    return render(request, "guide/fit.html", {"form": form})
