"""Email out and its receipts: every message is an outbox row first (docs/operations.md).

``mail``: queue a message in the caller's transaction, deliver it from a task, never twice.
``provider``: what a failed send means, and asking the provider what it accepted.
``postmark``: anymail's Postmark backend plus batch sending.
``webhooks``: the provider's tracking webhook (bounces, complaints).

The rows themselves (``OutgoingEmail``) are in rescue_restore/models.py, as Django wants.
"""
