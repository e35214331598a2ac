"""Keys, encryption and keyed hashes, so no email or IP address is ever stored in the clear.

COMMENTS_EMAIL_KEY (any long random string) is the secret; when it is unset the keys are
derived from SECRET_KEY. Each use gets its own key through HKDF with a distinct label.
"""

import base64
import datetime as dt
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from recoverynav.core.client_address import address_key


def _derived_key(label: str) -> bytes:
    secret = settings.COMMENTS_EMAIL_KEY or settings.SECRET_KEY
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"recoverynav.comments", info=label.encode()
    ).derive(secret.encode())


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derived_key("email-encryption")))


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_hash(email: str) -> str:
    """A keyed hash of the normalized email: finds a writer's comments without storing it."""
    key = _derived_key("email-hash")
    return hmac.new(key, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def encrypt_email(email: str) -> bytes:
    return _fernet().encrypt(normalise_email(email).encode())


def decrypt_email(token: bytes | memoryview) -> str:
    """The stored email, or "" when it cannot be read (for example after a key change)."""
    try:
        return _fernet().decrypt(bytes(token)).decode()
    except (InvalidToken, ValueError):
        return ""


def ip_hash(ip: str, *, now: dt.datetime) -> str:
    """The site's one network hash (shortened, keyed, rotating daily: core.client_address)."""
    return address_key(ip, "comments", now=now)


def seal(text: str, *, label: str) -> str:
    """`text` encrypted and authenticated (Fernet, its own key per label) for a link: whoever
    sees the link (a mail scanner, an access log) learns nothing from it."""
    fernet = Fernet(base64.urlsafe_b64encode(_derived_key("sealed:" + label)))
    return fernet.encrypt(text.encode()).decode()


def unseal(token: str, *, label: str) -> tuple[str, dt.datetime]:
    """The sealed text and when it was sealed; raises InvalidToken when tampered with."""
    fernet = Fernet(base64.urlsafe_b64encode(_derived_key("sealed:" + label)))
    data = token.encode()
    text = fernet.decrypt(data).decode()
    return text, dt.datetime.fromtimestamp(fernet.extract_timestamp(data), tz=dt.UTC)
