"""The processes beside the web server, and what tells a person that something is wrong.

``scheduler``: the scheduled jobs and their loop (``manage.py run_scheduler``).
``worker``: the task worker, its heartbeat and the lease sweep (``manage.py run_worker``).
``backups``: backups that are known to restore (``manage.py backup`` / ``restore``).
``retention``: erasing personal data after its period (``manage.py purge_personal_data``).
``health``: ``/healthz`` and ``/healthz?deep=1``.
``erroralert``: an email to ERROR_ALERT_EMAILS for every logged error.
"""
