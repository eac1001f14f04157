"""Values every template needs: the hotline and the quick-exit address."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    return {
        "hotline_number": settings.HOTLINE_NUMBER,
        "hotline_tel": settings.HOTLINE_TEL,
        "hotline_text": settings.HOTLINE_TEXT,
        "quick_exit_url": settings.QUICK_EXIT_URL,
    }
