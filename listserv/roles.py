"""What Listserv managers may do: edit topics, read subscribers, write and send bulletins."""

from rescue_restore.roles import LISTSERV_MANAGERS

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
}
