"""JSON API of the link-and-match (recommendations, shortlists, referrals), mounted under ``/api``."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
