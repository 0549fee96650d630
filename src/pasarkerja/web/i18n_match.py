"""Page text of the link-and-match pages (recommendations, shortlists, referrals), in Indonesian and English.

Merged into :data:`pasarkerja.web.i18n.MESSAGES`; keys start with ``match.`` so domains never collide.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
