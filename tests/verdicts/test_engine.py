"""Engine aggregation: one explained, deterministic label per claim."""

from __future__ import annotations

from datetime import date

import pytest
from vhelpers import make_article, make_claim

from bot.claims.models import ClaimKind, Source, SourceKind
from bot.verdicts.engine import ENGINE_VERSION, assess_article, cache_key, decide
from bot.verdicts.evidence import EvidenceBase
from bot.verdicts.labels import Label
from bot.verdicts.models import Signal


def test_no_signal_is_unchecked(mini_base: EvidenceBase) -> None:
    c = make_claim("社区防控存在漏洞", kind=ClaimKind.EVENT)
    verdict = assess_article(make_article(), [c], mini_base)["c1"]
    assert verdict.label == Label.UNCHECKED and verdict.confidence == 0.0 and verdict.signals == ()
    assert (
        verdict.source == "auto" and verdict.engine_version == ENGINE_VERSION and verdict.created_at is None
    )
    assert verdict.rationale_zh and verdict.rationale_en


def test_unnamed_source_with_specific_numbers_is_unsupported(mini_base: EvidenceBase) -> None:
    c = make_claim(
        "据第三方评估，日增病例数在两周内下降62%",
        quantities=[("62%", 62, "%")],
        source=Source("第三方评估", SourceKind.UNNAMED),
    )
    verdict = assess_article(make_article(), [c], mini_base)["c1"]
    assert verdict.label == Label.UNSUPPORTED
    assert {s.code for s in verdict.signals} == {"sourcing.unnamed_source", "reference.no_reference"}
    assert "第三方评估" in verdict.rationale_zh and "not named" in verdict.rationale_en
    assert 0.6 < verdict.confidence < 0.95


def test_legal_misquote_is_false_with_evidence_url(mini_base: EvidenceBase) -> None:
    c = make_claim("《样例法》第12条规定“不得因公共利益限制人身自由”", kind=ClaimKind.LEGAL_CITATION)
    verdict = assess_article(make_article(), [c], mini_base)["c1"]
    assert verdict.label == Label.FALSE and verdict.confidence >= 0.8
    assert verdict.evidence_url == "https://law.example.org/12"
    assert "公民的通信自由" in verdict.rationale_zh


def test_unknown_law_is_unsupported_not_false(mini_base: EvidenceBase) -> None:
    c = make_claim("《无名法》第3条规定“必须服从”", kind=ClaimKind.LEGAL_CITATION)
    verdict = assess_article(make_article(), [c], mini_base)["c1"]
    assert verdict.label == Label.UNSUPPORTED


def test_reference_match_is_true_and_far_value_false(mini_base: EvidenceBase) -> None:
    dates = [("2030年末", date(2030, 12, 31), date(2030, 12, 31))]
    good = make_claim(
        "2030年末甲乙市常住人口1000万人",
        claim_id="g",
        quantities=[("1000万人", 10_000_000, "人")],
        dates=dates,
    )
    bad = make_claim(
        "2030年末甲乙市常住人口2000万人",
        claim_id="b",
        quantities=[("2000万人", 20_000_000, "人")],
        dates=dates,
    )
    verdicts = assess_article(make_article(), [good, bad], mini_base)
    assert (
        verdicts["g"].label == Label.TRUE and verdicts["g"].evidence_url == "https://stats.example.org/2030"
    )
    assert verdicts["b"].label == Label.FALSE


def test_close_value_with_unnamed_source_is_mostly_true(mini_base: EvidenceBase) -> None:
    c = make_claim(
        "据统计，2030年末甲乙市常住人口约950万人",
        quantities=[("950万人", 9_500_000, "人", "about")],
        dates=[("2030年末", date(2030, 12, 31), date(2030, 12, 31))],
    )
    assert assess_article(make_article(), [c], mini_base)["c1"].label == Label.MOSTLY_TRUE


def test_internal_contradiction_is_misleading(mini_base: EvidenceBase) -> None:
    a = make_claim("全市共有社区网格员11.2万人", claim_id="a", quantities=[("11.2万人", 112_000, "人")])
    b = make_claim("全市社区网格员共8万人", claim_id="b", quantities=[("8万人", 80_000, "人")])
    verdicts = assess_article(make_article(), [a, b], mini_base)
    assert verdicts["a"].label == Label.MISLEADING and verdicts["b"].label == Label.MISLEADING
    assert "本文" in verdicts["a"].signals[0].evidence[0].source_name


def test_arithmetic_impossibility_is_false(mini_base: EvidenceBase) -> None:
    c = make_claim("外来人口占比达120%", quantities=[("120%", 120, "%")])
    assert assess_article(make_article(), [c], mini_base)["c1"].label == Label.FALSE


def test_contradiction_with_support_is_misleading() -> None:
    contra = Signal("x.c", "contradicts", 0.9, "矛盾", "contradiction")
    supp = Signal("x.s", "supports", 0.8, "支持", "support")
    label, confidence, deciding = decide([supp, contra])
    assert label == Label.MISLEADING and deciding == [contra, supp] and 0.5 <= confidence <= 0.6


def test_opinion_and_info_only() -> None:
    op = Signal("opinion.evaluative", "opinion", 0.6, "观点", "opinion")
    info = Signal("sourcing.named_source", "info", 0.0, "具名", "named")
    assert decide([op])[0] == Label.OPINION
    # Notes only: nothing checks the claim and nothing says it lacks a basis; it waits for a person.
    assert decide([info]) == (Label.UNCHECKED, 0.0, [info])


@pytest.mark.parametrize(
    ("source", "label", "code"),
    [
        (Source("国家统计局", SourceKind.ORGANISATION), Label.UNCHECKED, "reference.no_reference_named"),
        (Source("付凌晖", SourceKind.PERSON), Label.UNCHECKED, "reference.no_reference_named"),
        (Source("业内人士", SourceKind.UNNAMED_PERSON), Label.UNSUPPORTED, "reference.no_reference"),
        (None, Label.UNSUPPORTED, "reference.no_reference"),
    ],
)
def test_figures_the_base_cannot_check_wait_for_a_person_when_someone_named_gave_them(
    mini_base: EvidenceBase, source: Source | None, label: Label, code: str
) -> None:
    c = make_claim("前三季度国内生产总值同比增长5.2%", quantities=[("5.2%", 5.2, "%")], source=source)
    verdict = assess_article(make_article(), [c], mini_base)["c1"]
    assert verdict.label is label
    assert code in {s.code for s in verdict.signals}
    if source is not None and label is Label.UNCHECKED:
        assert "具名来源" in verdict.rationale_zh and source.name in verdict.rationale_zh


def test_opinion_claim_end_to_end(mini_base: EvidenceBase) -> None:
    c = make_claim("这标志着城市治理进入新阶段，体现了治理智慧", kind=ClaimKind.OPINION)
    verdict = assess_article(make_article(), [c], mini_base)["c1"]
    assert verdict.label == Label.OPINION and "标志着" in verdict.rationale_zh


def test_deterministic_and_keyed_by_evidence(mini_base: EvidenceBase) -> None:
    claims = [
        make_claim(
            "据第三方评估，病例下降62%",
            claim_id=f"c{i}",
            quantities=[("62%", 62, "%")],
            source=Source("第三方评估", SourceKind.UNNAMED),
        )
        for i in range(3)
    ]
    first = assess_article(make_article(), claims, mini_base)
    second = assess_article(make_article(), list(reversed(claims)), mini_base)
    assert first == second and list(first) == ["c0", "c1", "c2"]
    assert cache_key(mini_base).startswith(ENGINE_VERSION + "+")


def test_an_unsupported_claim_that_names_its_source_says_so(mini_base: EvidenceBase) -> None:
    """The reason is an untraceable citation, not a missing source: the head line must not say none."""
    c = make_claim(
        "《柳叶刀》杂志的研究显示，感染率更低",
        kind=ClaimKind.STUDY_CITATION,
        source=Source("《柳叶刀》", SourceKind.PUBLICATION),
    )
    verdict = assess_article(make_article(), [c], mini_base)["c1"]
    assert verdict.label == Label.UNSUPPORTED
    assert "sourcing.named_source" in {s.code for s in verdict.signals}
    assert "点出了来源" in verdict.rationale_zh and "names a source" in verdict.rationale_en
    assert "没有具名来源" not in verdict.rationale_zh
