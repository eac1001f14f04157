"""What Coalition moderators may do: moderate requests, keep listings current, read reports."""

from rescue_restore.accounts.roles import COALITION_MODERATORS

ROLE_PERMISSIONS = {
    COALITION_MODERATORS: [
        "coalitions.view_affiliationrequest",
        "coalitions.change_affiliationrequest",  # staff notes only; decisions go through the service
        "coalitions.moderate_affiliationrequest",
        "coalitions.view_requesthistory",
        "coalitions.view_coalition",
        "coalitions.add_coalition",
        "coalitions.change_coalition",
        "coalitions.view_listinghistory",
        "coalitions.view_outdatedreport",
        "coalitions.change_outdatedreport",
    ],
}
