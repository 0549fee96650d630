"""The evaluation's metric functions (evaluation/evaluate_extraction.py) on hand-made cases with exact
expected values, and the consistency of the skill gold set with the catalogue and the real ads."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_data

EVALUATION = Path(__file__).resolve().parents[1] / "evaluation"
sys.path.insert(0, str(EVALUATION))

import evaluate_extraction as ev  # noqa: E402  (evaluation/ is not a package; put on sys.path above)
from split import part_of  # noqa: E402

AD = (
    "Tanggung Jawab Pekerjaan :\n- Melayani customer dengan Excel\n\n"
    "Keahlian :\n- Menguasai Ms Excel dan Excel lanjutan\n- Komunikasi\n\n"
    "Kualifikasi :\n- SIM A diutamakan\n\n"
    "Tunjangan :\n- BPJS"
)


def mention(text: str, skill_id: str | None, label: str = "x", required: str = "essential") -> dict[str, Any]:
    return {"text": text, "skill_id": skill_id, "label": label, "required": required}


def test_requirement_scope_runs_from_keahlian_to_the_next_benefits_heading() -> None:
    start, end = ev.requirement_scope(AD) or (0, 0)
    assert AD[start:end].startswith("Keahlian :")
    assert AD[start:end].rstrip().endswith("SIM A diutamakan")
    assert ev.requirement_scope("no template here") is None


def test_locate_mentions_takes_whole_words_in_order_and_names_a_missing_one() -> None:
    spans = ev.locate_mentions(AD, [mention("Excel", "a"), mention("Excel", "a"), mention("SIM A", "b")], "7")
    assert [AD[s:e] for s, e in spans] == ["Excel", "Excel", "SIM A"]
    # the duties block's "Excel" lies before the scope; the two in scope are taken in order
    scope_start = AD.index("Keahlian")
    assert spans[0][0] > scope_start and spans[1][0] == AD.index("Excel lanjutan")
    with pytest.raises(ValueError, match=r"job 7: mention 'Word' not found"):
        ev.locate_mentions(AD, [mention("Word", None)], "7")
    with pytest.raises(ValueError, match="job 7: mention 'Komunikas' not found"):
        ev.locate_mentions(AD, [mention("Komunikas", None)], "7")  # a word prefix is not a whole word


def test_wilson_interval_matches_the_closed_form() -> None:
    low, high = ev.wilson(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    assert ev.wilson(0, 0) == (0.0, 0.0)
    assert ev.wilson(10, 10)[1] == 1.0


def test_occupation_accuracy_at_k_and_digit_level() -> None:
    gold = {"1": "2341", "2": "4110", "3": "8322", "4": "5223"}
    ranked = {"1": ["2342", "2341"], "2": ["4110"], "3": ["9621", "8332", "1111", "8322"], "4": []}
    rates = ev.score_occupations(ranked, gold)
    got = {k: (r.hits, r.n) for k, r in rates.items()}
    assert got == {
        "acc@1_4digit": (1, 4),  # only ad 2
        "acc@3_4digit": (2, 4),  # ads 1 and 2 (ad 3's right code is 4th)
        "acc@1_2digit": (2, 4),  # ad 1: 23 = 23; ad 2
        "acc@3_2digit": (3, 4),  # ad 3: 8332 shares 83 with 8322
        "acc@1_1digit": (2, 4),
        "acc@3_1digit": (3, 4),
        "coverage": (3, 4),  # ad 4 has no prediction and counts as wrong everywhere
    }


def test_ranked_codes_put_the_chosen_code_first_without_repeats() -> None:
    facts = {"occupation": {"code": "4110", "candidates": [{"code": "4110"}, {"code": "4132"}]}}
    assert ev.our_ranked_codes(facts) == ["4110", "4132"]
    assert ev.our_ranked_codes({"occupation": None}) == []
    assert ev.dedupe(["", "1", "2", "1"]) == ["1", "2"]


def test_normalise_span() -> None:
    assert ev.normalise_span("  Sistem   LPSE, ") == "sistem lpse"
    assert ev.normalise_span("(CDAKB)") == "cdakb"


def test_skill_matching_by_id_and_by_span_for_catalogue_less_mentions() -> None:
    mentions = [
        mention("Ms Excel", "sk.ms-excel"),
        mention("Excel", "sk.ms-excel"),  # same id: one gold item
        mention("Komunikasi", "sk.komunikasi"),
        mention("Sistem LPSE", None, "e-procurement"),  # catalogue-less: matched only by its span
        mention("robotic", None, "robotics"),
    ]
    items = ev.gold_skill_items(mentions)
    assert items == {
        ("id", "sk.ms-excel"),
        ("id", "sk.komunikasi"),
        ("span", "sistem lpse"),
        ("span", "robotic"),
    }
    scores = ev.PRF()
    predicted = [
        ("sk.ms-excel", "Ms Excel"),
        ("sk.ms-excel", "Excel"),  # a second span of the same id: one predicted unit
        ("sk.tender", "sistem  LPSE"),  # wrong id, but its span is the catalogue-less gold mention
        ("sk.sim-a", "SIM A"),  # not gold
    ]
    ev.score_skill_ad(scores, items, predicted)
    assert (scores.tp_pred, scores.n_pred, scores.tp_gold, scores.n_gold) == (2, 3, 2, 4)
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == 0.5
    assert scores.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    # an ad with no gold skills: every prediction is a false positive, recall adds nothing
    ev.score_skill_ad(scores, set(), [("sk.ms-word", "Word")])
    assert (scores.tp_pred, scores.n_pred, scores.tp_gold, scores.n_gold) == (2, 4, 2, 4)
    assert ev.PRF().f1 == 0.0


def test_peer_uris_in_esco_space_and_through_the_crosswalk() -> None:
    mentions = [mention("Ms Excel", "sk.ms-excel", "Microsoft Excel"), mention("renang", None, "swim")]
    crosswalk = {"sk.ms-excel": "esco:excel"}
    index = {"swim": {"esco:swim"}, "renang": set()}
    items = ev.gold_esco_items(mentions, crosswalk, index)
    assert items == {("id", "sk.ms-excel"): {"esco:excel"}, ("span", "renang"): {"esco:swim"}}
    scores = ev.PRF()
    ev.score_uri_level(scores, items, {"esco:swim", "esco:other"})
    assert (scores.tp_pred, scores.n_pred, scores.tp_gold, scores.n_gold) == (1, 2, 1, 2)

    peer = {"7": {"skills_scope": ["esco:excel", "esco:other", "esco:excel"]}}
    result = ev.score_peer_skills(
        {"7": mentions}, peer, "skills_scope", {"esco:excel": "sk.ms-excel"}, {}, {}
    )
    strict, mapped = result["crosswalk_strict"], result["crosswalk_mapped"]
    assert (strict.tp_pred, strict.n_pred, strict.tp_gold, strict.n_gold) == (1, 2, 1, 2)
    assert (mapped.tp_pred, mapped.n_pred, mapped.tp_gold, mapped.n_gold) == (1, 1, 1, 2)
    assert (result["peer_skills"], result["peer_skills_mapped"]) == (2, 1)


def test_load_gold_skills_names_the_line_and_job_of_a_bad_mention(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    good = {"job_id": "1", "mentions": [mention("SIM A", "sk.sim-a")]}
    bad = {
        "job_id": "2",
        "mentions": [{"text": "SIM A", "skill_id": None, "label": "", "required": "essential"}],
    }
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.jsonl:2: job 2: bad mention"):
        ev.load_gold_skills(path)
    with pytest.raises(ValueError, match=r"job 1: mention 'SIM A': skill_id 'sk.gone'"):
        ev.check_gold_ids({"1": [mention("SIM A", "sk.gone")]}, {"sk.sim-a"})


def test_field_scoring_on_a_hand_made_ad() -> None:
    row = {
        "Job ID": "9",
        "SMA/SMK/STM": "0",
        "Diploma/D1/D2/D3": "1",
        "Sarjana/S1": "1",
        "Master/S2": "0",
        "Doctor/S3": "0",
        "Min Experience": "1",
        "Max Experience": "2.0",
        "Fresh Graduate": "0",
        "Min Salary": "4000000.0",
        "Max Salary": "5000000.0",
        "Salary Negotiation": "0",
        "Location": "Jakarta Selatan",
        "Type": "Contract",
    }
    facts = {
        "education": {"level": "D3"},
        "experience": {"min_years": 2, "fresh_graduate_ok": False},
        "pay": {"kind": "range", "monthly_min_rp": 4_000_000, "monthly_max_rp": 5_100_000},
        "region": {"code": "31.74", "province_code": "31"},
        "employment_type": {"type": "permanent"},
    }
    fields = ev.score_fields([row], {"9": facts})
    got = {(g, k): (r.hits, r.n) for g, rates in fields.items() for k, r in rates.items()}
    assert got[("education", "= lowest ticked band")] == (1, 1)
    assert got[("experience", "min years in portal bucket [Min, Max]")] == (1, 1)
    assert got[("experience", "min years = portal Min")] == (0, 1)
    assert got[("pay", "min and max exact")] == (0, 1)
    assert got[("pay", "min and max within ±5%")] == (1, 1)
    assert got[("pay", "negotiable agrees with Salary Negotiation (all ads)")] == (1, 1)
    assert got[("region", "province agrees (with Location)")] == (1, 1)
    assert got[("employment type", "= portal Type")] == (0, 1)


def test_the_skill_gold_set_is_complete_test_part_and_catalogue_consistent() -> None:
    from pasarkerja.taxonomy.vocab import skill_catalogue

    gold = ev.load_gold_skills()
    assert len(gold) >= 60
    assert all(part_of(job_id) == "test" for job_id in gold)
    ev.check_gold_ids(gold, {r.id for r in skill_catalogue()})
    occupations = ev.load_gold_occupations()
    assert len(occupations) >= 300 and all(part_of(job_id) == "test" for job_id in occupations)


def test_every_gold_mention_is_an_exact_substring_of_its_real_ad() -> None:
    path = shared_data("jobs_id/loker_id_postings_dev.csv")
    rows = {r["Job ID"]: r for r in ev.postings("test", path)}
    for job_id, mentions in ev.load_gold_skills().items():
        spans = ev.locate_mentions(rows[job_id]["Description"], mentions, job_id)
        assert len(spans) == len(mentions)
