"""CSV export of confirmed subscribers, safe to open in a spreadsheet.

Every cell goes through ``rescue_restore.text.spreadsheets.safe_cell``, so no
address or name is read as a formula (CSV injection).
"""

import csv

from django.http import StreamingHttpResponse

from listserv.models import Subscriber
from rescue_restore.text.spreadsheets import safe_cell


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
            yield writer.writerow([safe_cell(email), safe_cell(name), confirmed_at.isoformat()])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="subscribers-{topic.slug}.csv"'
    return response
