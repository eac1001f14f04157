"""The site's languages and staff-written content in several languages (docs/i18n.md).

``languages``: the languages, the language fields, the same page's address in each.
``admin_translation``: the admin for translated fields (django-modeltranslation).
``translation_migrations``: helpers for migrations that add translated columns.
"""
