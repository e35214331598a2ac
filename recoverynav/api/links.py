"""Full URLs in API responses, made in one place.

A schema field typed `AbsoluteUrl` takes a path ("/treatment/7/") from its object or its
resolver and is answered as a full URL on the host the client asked ("https://…/treatment/7/"),
through the request django-ninja puts in the validation context. An empty value (no link)
stays empty; a URL that is already full is kept.
"""

from typing import Annotated

from pydantic import AfterValidator, ValidationInfo


def _absolute(path: str, info: ValidationInfo) -> str:
    request = (info.context or {}).get("request")
    if not path or request is None:
        return path
    return request.build_absolute_uri(path)


AbsoluteUrl = Annotated[str, AfterValidator(_absolute)]
