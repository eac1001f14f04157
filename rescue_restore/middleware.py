"""Requests no page of this site can answer, refused before any view runs."""

from django.core.exceptions import SuspiciousOperation


class NullCharacterInRequest(SuspiciousOperation):
    """A NUL in the path or query string: Django answers 400 and logs it under django.security."""


def refuse_null_characters(get_response):
    """Answer 400 when the path or a query parameter holds a NUL character.

    No address, slug, token or filter on this site contains one, and
    PostgreSQL refuses NUL in text, so a lookup with it would be a 500 in
    whichever view (or admin list filter) passed it on. Form bodies are left
    to the forms, whose fields already refuse NUL with a message.
    """

    def middleware(request):
        if "\x00" in request.path or any("\x00" in key + value for key, value in request.GET.items()):
            raise NullCharacterInRequest("NUL character in the request path or query string")
        return get_response(request)

    return middleware
