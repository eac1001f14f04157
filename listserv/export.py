"""CSV export of confirmed subscribers, safe to open in a spreadsheet.

A cell starting with = + - @, a tab or a carriage return is read by
spreadsheet programs as a formula (CSV injection); such cells get a leading
single quote, which makes them plain text.
"""

import csv

from django.http import StreamingHttpResponse

from listserv.models import Subscriber

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def confirmed_subscribers_csv(topic):
    """A streamed response: rows are written as they are read, so a large list never sits in memory."""
    writer = csv.writer(_Echo())
    rows = (
        Subscriber.objects.confirmed()
        .filter(topics=topic)
        .order_by("pk")
        .values_list("email", "name", "confirmed_at")
        .iterator(chunk_size=2000)
    )

    def lines():
        yield writer.writerow(["email", "name", "confirmed_at"])
        for email, name, confirmed_at in rows:
            yield writer.writerow([formula_safe(email), formula_safe(name), confirmed_at.isoformat()])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="subscribers-{topic.slug}.csv"'
    return response
