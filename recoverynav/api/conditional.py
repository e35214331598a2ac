"""ETag and Last-Modified for data that changes only when it is imported or edited.

An operation names a cheap `DataVersion` (e.g. the latest import run); a client that already
has that version gets 304 Not Modified before the query runs. Other GET responses get an ETag
from their body in the middleware, so every read can be revalidated.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.translation import get_language

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True)
class DataVersion:
    tag: str
    last_modified: datetime | None = None


def etag_for(request: HttpRequest, version: DataVersion) -> str:
    seed = f"{version.tag}|{request.get_full_path()}|{get_language()}"
    return quote_etag(hashlib.sha256(seed.encode()).hexdigest()[:32])


def data_versioned(version: Callable[[], DataVersion]) -> Callable[[View], View]:
    """Answer 304 when If-None-Match / If-Modified-Since match `version()`; else run the view
    and let the middleware put the same validators on its response."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            current = version()
            etag = etag_for(request, current)
            last_modified = (
                int(current.last_modified.timestamp()) if current.last_modified else None
            )
            request.api_validators = (etag, last_modified)
            not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if not_modified is not None:
                return not_modified
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator
