"""The public JSON API. Each domain app may offer a django-ninja `router` in its `api.py`;
this module mounts them, so the API calls the same selectors as the HTML views."""

from importlib import import_module

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from recoverynav.api.errors import ApiError

api = NinjaAPI(
    title="Recovery Navigator API",
    version="1",
    urls_namespace="api",
    description="Read-mostly access to hotlines, treatment facilities, meetings, "
    "screening instruments and guide pages.",
)

# (app module, URL prefix) pairs; an app without an `api.py` router is skipped.
ROUTED_APPS = [
    ("hotlines", "/hotlines"),
    ("geo", "/places"),
    ("directory", "/facilities"),
    ("meetings", "/meetings"),
    ("screening", "/screening"),
    ("guide", "/guide"),
    ("comments", "/comments"),
]


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return api.create_response(
        request, {"code": exc.code, "message": exc.message}, status=exc.status
    )


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request,
        {
            "code": "invalid_parameters",
            "message": "Some parameters are not valid.",
            "errors": exc.errors,
        },
        status=400,
    )


def _mount_routers() -> None:
    for app, prefix in ROUTED_APPS:
        try:
            module = import_module(f"recoverynav.{app}.api")
        except ModuleNotFoundError as error:
            if error.name != f"recoverynav.{app}.api":
                raise
            continue
        api.add_router(prefix, module.router)


_mount_routers()
