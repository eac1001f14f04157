"""What Listserv managers may do: edit topics, read subscribers, write and send bulletins.

A bulletin reaches subscribers only after a content approver (not its author) approved it.
"""

from rescue_restore.accounts.roles import CONTENT_APPROVERS, LISTSERV_MANAGERS

ROLE_PERMISSIONS = {
    LISTSERV_MANAGERS: [
        "listserv.view_topic",
        "listserv.add_topic",
        "listserv.change_topic",
        "listserv.view_subscriber",
        "listserv.view_bulletin",
        "listserv.add_bulletin",
        "listserv.change_bulletin",
        "listserv.send_bulletin",
    ],
    CONTENT_APPROVERS: [
        "listserv.view_topic",
        "listserv.view_bulletin",
        "listserv.approve_bulletin",
    ],
}
