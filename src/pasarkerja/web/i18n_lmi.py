"""Page text of the labour-market-information dashboard and reports, in Indonesian and English.

Merged into :data:`pasarkerja.web.i18n.MESSAGES`; keys start with ``lmi.`` so domains never collide.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
