"""Protection of personal data at rest: a keyed hash of the NIK for look-ups, and authenticated encryption.

Both keys are derived from the deployment secret (``Settings.secret()``) with HKDF under different labels,
so the hash key and the encryption key are independent and neither is the secret itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _derive(secret: bytes, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"pasarkerja", info=label).derive(secret)


class PersonalDataCipher:
    """Hashes NIKs and encrypts/decrypts personal fields with keys derived from one secret."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the deployment secret must be at least 16 bytes")
        self._hash_key = _derive(secret, b"nik-hash")
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(secret, b"personal-data-encryption")))

    def nik_hash(self, nik: str) -> str:
        return hmac.new(self._hash_key, nik.strip().encode(), hashlib.sha256).hexdigest()

    def encrypt(self, value: str | None) -> bytes | None:
        if value is None or value == "":
            return None
        return self._fernet.encrypt(value.encode("utf-8"))

    def decrypt(self, token: bytes | None) -> str | None:
        if token is None:
            return None
        try:
            return self._fernet.decrypt(token).decode("utf-8")
        except InvalidToken as exc:
            raise ValueError("personal data cannot be decrypted with this deployment's secret") from exc
