"""One error shape for the whole API: a machine code and a human message."""

from ninja import Schema


class ErrorOut(Schema):
    code: str
    message: str


class ApiError(Exception):
    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


class NotFound(ApiError):
    def __init__(self, message: str = "Not found.") -> None:
        super().__init__("not_found", message, status=404)
