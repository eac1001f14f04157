"""What each staff role may do with campaign pages and contact messages."""

from rescue_restore.roles import CONTENT_EDITORS

ROLE_PERMISSIONS = {
    CONTENT_EDITORS: [
        "campaign.view_page",
        "campaign.add_page",
        "campaign.change_page",
        "campaign.delete_page",
        "campaign.view_contactmessage",
        "campaign.change_contactmessage",
        "campaign.view_searchsynonym",
        "campaign.add_searchsynonym",
        "campaign.change_searchsynonym",
        "campaign.delete_searchsynonym",
    ],
}
