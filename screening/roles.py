"""Content editors keep the screening questions, their sources and the result texts."""

from rescue_restore.accounts.roles import CONTENT_EDITORS

_MODELS = ["setting", "question", "source", "resulttext"]

ROLE_PERMISSIONS = {
    CONTENT_EDITORS: [
        f"screening.{action}_{model}" for model in _MODELS for action in ("view", "add", "change", "delete")
    ],
}
