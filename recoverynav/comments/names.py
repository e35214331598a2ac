"""Names a commenter may not write under: the site's and its team's, however they are spelled,
and (for publishing without moderation) the names other commenters are known by."""

from django.conf import settings

from recoverynav.comments import text
from recoverynav.comments.models import Comment

# Words that would make a comment look like it speaks for the site. English and Spanish,
# since the form exists in both; the site's own name is added from SITE_NAME.
RESERVED_WORDS = (
    "admin",
    "administrator",
    "administrador",
    "administradora",
    "moderator",
    "moderador",
    "moderadora",
    "staff",
    "official",
    "oficial",
    "recovery navigator",
    "recovery navigator team",
)


def _reserved_skeletons() -> set[str]:
    return {text.name_skeleton(word) for word in (*RESERVED_WORDS, settings.SITE_NAME)}


def is_reserved(name: str) -> bool:
    """True when the name, or one of its words, reads as the site's or its team's: 'Admin',
    'A D M I N', 'Moderator Jane', 'Recovery-Navigator Team' and 'Admin' with a Cyrillic A all do;
    'Stafford' and 'Badminton fan' do not (whole words only, except the site's name, which
    is long enough to count wherever it appears)."""
    reserved = _reserved_skeletons()
    whole = text.name_skeleton(name)
    if whole in reserved:
        return True
    site = text.name_skeleton(settings.SITE_NAME)
    if len(site) >= 8 and site in whole:
        return True
    words = [text.name_skeleton(word) for word in text.fold(name).split()]
    words = [word for word in words if word]
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            if "".join(words[start : start + size]) in reserved:
                return True
    return False


def used_by_another_commenter(name: str, *, email_hash: str) -> bool:
    """True when a published comment from a different address carries a name that looks the
    same, so publishing this one at once could pass it off as theirs."""
    skeleton = text.name_skeleton(name)
    names = (
        Comment.objects.approved()
        .exclude(email_hash=email_hash)
        .values_list("name", flat=True)
        .distinct()
    )
    return any(text.name_skeleton(other) == skeleton for other in names.iterator())


def approved_under(name: str, *, email_hash: str) -> bool:
    """True when a published comment from this address carries a name that looks the same:
    a known address under a new name is held, since the address alone proves little."""
    skeleton = text.name_skeleton(name)
    names = Comment.objects.approved().filter(email_hash=email_hash).values_list("name", flat=True)
    return any(text.name_skeleton(own) == skeleton for own in names.distinct().iterator())
