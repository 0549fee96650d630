"""Server-rendered link-and-match pages (recommendations, shortlists, referrals)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
