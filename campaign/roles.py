"""What each staff role may do with campaign pages, their drafts and contact messages.

Content editors write: they change pages, and a live page's text only through a draft.
Content approvers clear: they read pages and drafts and approve drafts written by
someone else (the two-person rule is in ``rescue_restore.kernel.workflow.ClearanceWorkflow``).
"""

from rescue_restore.accounts.roles import CONTENT_APPROVERS, CONTENT_EDITORS

ROLE_PERMISSIONS = {
    CONTENT_EDITORS: [
        "campaign.view_page",
        "campaign.add_page",
        "campaign.change_page",
        "campaign.delete_page",
        "campaign.view_pagedraft",
        "campaign.add_pagedraft",
        "campaign.change_pagedraft",
        "campaign.delete_pagedraft",
        "campaign.view_contactmessage",
        "campaign.change_contactmessage",
        "campaign.view_searchsynonym",
        "campaign.add_searchsynonym",
        "campaign.change_searchsynonym",
        "campaign.delete_searchsynonym",
    ],
    CONTENT_APPROVERS: [
        "campaign.view_page",
        "campaign.view_pagedraft",
        "campaign.approve_pagedraft",
    ],
}
