"""The cache behind `{% cache %}` fragments and the finders' frames (the
`template_fragments` alias in settings): Django's in-memory cache without its pickling and
its memcached key check.

A fragment is rendered markup, a string nobody changes in place (a frame, a tuple of them),
so it needs no copy; its key is a hash, so it needs no check.
The finders read three fragments on every search, and the copy and check were about a
tenth of reading them. Each server process keeps its own, also when the default cache is
shared (Redis): a fragment depends only on its key and the code, both the same everywhere."""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class MarkupCache(LocMemCache):
    """For strings and tuples of strings only; anything else is refused, since it would be
    shared, not copied."""

    def get(self, key, default=None, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            self._cache.move_to_end(key, last=False)
            return self._cache[key]

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        if not _immutable_markup(value):
            raise TypeError(f"MarkupCache keeps strings, not {type(value).__name__}")
        key = self.make_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        with self._lock:
            if not self._has_expired(self.make_key(key, version=version)):
                return False
        self.set(key, value, timeout, version)
        return True

    def incr(self, key, delta=1, version=None):
        raise TypeError("MarkupCache keeps strings")


def _immutable_markup(value: object) -> bool:
    return isinstance(value, str) or (
        isinstance(value, tuple) and all(isinstance(part, str) for part in value)
    )
