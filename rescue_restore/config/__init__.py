"""What settings.py reads its values with, and the checks of those values.

``env``: strict readers for environment variables (a bad value stops the process).
``cloudfoundry``: the services Cloud Foundry binds, turned into environment variables.
``logformat``: the one shape of a log line, for the app and gunicorn (standard library only).
``checks``: the project's system checks (``manage.py check --deploy``).

settings.py itself stays at the top of the package: operators and every process name it
as ``DJANGO_SETTINGS_MODULE=rescue_restore.settings``.
"""
