"""Thin views: the comment form's POST (then back to the page) and moderators' email links."""

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from recoverynav.comments import selectors, services, tokens
from recoverynav.comments.models import Comment
from recoverynav.comments.services import Outcome
from recoverynav.core.client_address import client_ip

REFUSED_STATUS = {Outcome.INVALID: 400, Outcome.RATE_LIMITED: 429, Outcome.EXPIRED: 400}


def _safe_page_url(request: HttpRequest) -> str:
    url = request.POST.get("page_url", "")
    if (
        url.startswith("/")
        and len(url) <= Comment._meta.get_field("page_url").max_length
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    ):
        return url
    return "/"


def _back_to_page(page_url: str, result: services.SubmitResult) -> str:
    """The page again with the outcome in the query string (no cookie, no session)."""
    parts = urlsplit(page_url)
    query = {"comment": result.outcome.value}
    if result.outcome == Outcome.PUBLISHED:
        query["c"] = str(result.comment.pk)
    if result.form.cleaned_data.get("confirm_email") and result.outcome != Outcome.SPAM:
        query["confirm"] = "sent"
    return urlunsplit(("", "", parts.path, urlencode(query), "comment-status"))


# The signed, single-use, page-bound form token does the CSRF token's job, so the pages that
# carry the form set no cookie. A comment carries no login's authority to abuse.
@csrf_exempt
@require_POST
def post_comment(request: HttpRequest, page_key: str) -> HttpResponse:
    page_url = _safe_page_url(request)
    now = timezone.now()
    result = services.submit_comment(
        page_key=page_key,
        page_url=page_url,
        data=request.POST,
        client_ip=client_ip(request),
        now=now,
        base_url=request.build_absolute_uri("/"),
    )
    if result.outcome not in REFUSED_STATUS:
        return HttpResponseRedirect(_back_to_page(page_url, result))
    form = result.form
    form.without_bad_parent()
    form.data = form.data.copy()
    form.data["token"] = tokens.issue_form_token(page_key=page_key, page_url=page_url, now=now)
    context = {
        "post_url": reverse("comments:post", args=[page_key]),
        "form": form,
        "outcome": result.outcome.value,
        "page_key": page_key,
        "page_url": page_url,
    }
    return render(
        request, "comments/form_page.html", context, status=REFUSED_STATUS[result.outcome]
    )


@require_http_methods(["GET", "POST"])
def moderate(request: HttpRequest, token: str) -> HttpResponse:
    """A moderator's signed email link: GET shows the comment and one button, POST acts
    (mail scanners follow links, so a GET must never change anything)."""
    try:
        comment_id, action = tokens.read_moderation_token(token)
    except signing.SignatureExpired:
        return render(request, "comments/moderate.html", {"problem": "expired"}, status=410)
    except signing.BadSignature:
        return render(request, "comments/moderate.html", {"problem": "invalid"}, status=400)
    comment = selectors.comment_for_moderation(comment_id)
    if comment is None:
        return render(request, "comments/moderate.html", {"problem": "gone"}, status=404)
    done = False
    if request.method == "POST":
        services.moderate_one(comment=comment, action=action, now=timezone.now())
        done = True
    context = {"comment": comment, "action": action, "done": done}
    return render(request, "comments/moderate.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link mailed to a commenter: GET shows one button, POST confirms the address (mail
    scanners follow links, so a GET must never change anything). The page never names the
    address."""
    try:
        link = tokens.read_verification_token(token, now=timezone.now())
    except signing.SignatureExpired:
        return render(request, "comments/verify.html", {"problem": "expired"}, status=410)
    except signing.BadSignature:
        return render(request, "comments/verify.html", {"problem": "invalid"}, status=400)
    if request.method == "GET":
        return render(request, "comments/verify.html", {})
    outcome = services.verify_email(link=link, now=timezone.now())
    status = 410 if outcome == services.VerifyOutcome.USED else 200
    return render(request, "comments/verify.html", {"outcome": outcome.value}, status=status)
