"""Page text of the skills-gap, training-pathway and regional training-needs pages, in Indonesian and English.

Merged into :data:`pasarkerja.web.i18n.MESSAGES`; keys start with ``gap.`` so domains never collide.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
