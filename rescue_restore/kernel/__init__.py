"""The mechanisms every app's content and statuses go through.

``workflow``: the one workflow kernel; every status moves through
``StatusWorkflow.change_status`` with a history row (docs/clearance.md).
``clearance`` and ``clearance_admin``: the two-person review of staff-written content.
``revisions``: comparing two revisions of staff-written text as a person reads it.
``discovery``: finding the agreed module of each app (``search.py``, ``dashboard.py``…);
apps never import each other.
``drafts``: the shape every clearance draft shares (a proposed change to one language).
``clearance_drafts_admin``: the admin of drafts, shared by pages and materials.
"""
