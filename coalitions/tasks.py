"""Background work: the daily re-verification round."""

from django.tasks import task

from coalitions import reverification


@task(queue_name="default")
def send_reverification_requests():
    """Flag listings not verified for 12 months and email their contacts (safe to run daily)."""
    return reverification.send_reverification_requests()
