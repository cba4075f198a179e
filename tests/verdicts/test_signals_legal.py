"""Legal citations checked against laws.jsonl."""

from __future__ import annotations

from vhelpers import CtxFactory, codes, make_claim

from bot.claims.models import ClaimKind
from bot.verdicts.signals.legal import find_citations, legal_citations, parse_article_number


def test_parse_article_numbers() -> None:
    assert parse_article_number("49") == 49
    assert parse_article_number("４９") == 49
    assert parse_article_number("四十九") == 49
    assert parse_article_number("十二") == 12
    assert parse_article_number("一千一百一十三") == 1113
    assert parse_article_number("一百零五") == 105
    assert parse_article_number("条") is None


def test_find_citations_attaches_quotes_to_the_right_law() -> None:
    text = "《甲法》第3条赋予权力，但《样例法》第十二条同时规定“不得干涉”"
    cites = find_citations(text)
    assert [(c.law_name, c.article, c.quotes) for c in cites] == [
        ("甲法", 3, ()),
        ("样例法", 12, ("不得干涉",)),
    ]


def test_misquote_contradicts_with_real_text(ctx_for: CtxFactory) -> None:
    c = make_claim("《样例法》第12条规定“不得因公共利益限制人身自由”", kind=ClaimKind.LEGAL_CITATION)
    signals = legal_citations(c, ctx_for(c))
    assert codes(signals) == ["legal.misquote"] and signals[0].effect == "contradicts"
    assert signals[0].evidence[0].statement.startswith("公民的通信自由")
    assert signals[0].evidence[0].url == "https://law.example.org/12"


def test_correct_quote_supports(ctx_for: CtxFactory) -> None:
    c = make_claim(
        "《中华人民共和国样例法》第十二条规定：“公民的通信自由受法律保护”", kind=ClaimKind.LEGAL_CITATION
    )
    signals = legal_citations(c, ctx_for(c))
    assert codes(signals) == ["legal.quote_matches"] and signals[0].effect == "supports"


def test_article_beyond_law_size(ctx_for: CtxFactory) -> None:
    c = make_claim("《样例法》第51条规定了补偿", kind=ClaimKind.LEGAL_CITATION)
    signals = legal_citations(c, ctx_for(c))
    assert codes(signals) == ["legal.article_beyond"] and signals[0].effect == "contradicts"
    assert "50" in signals[0].message_zh


def test_unknown_law_is_unverifiable_not_false(ctx_for: CtxFactory) -> None:
    c = make_claim("《无名法》第3条规定“必须服从”", kind=ClaimKind.LEGAL_CITATION)
    signals = legal_citations(c, ctx_for(c))
    assert codes(signals) == ["legal.law_unknown"] and signals[0].effect == "unverifiable"


def test_paraphrase_and_missing_excerpt(ctx_for: CtxFactory) -> None:
    para = make_claim("《样例法》第12条保护通信", kind=ClaimKind.LEGAL_CITATION)
    assert [s.effect for s in legal_citations(para, ctx_for(para))] == ["info"]
    no_text = make_claim("《样例法》第7条规定“应当登记”", kind=ClaimKind.LEGAL_CITATION)
    assert codes(legal_citations(no_text, ctx_for(no_text))) == ["legal.article_no_excerpt"]
    plain = make_claim("法律保护通信自由")
    assert legal_citations(plain, ctx_for(plain)) == []


def test_seed_civil_code_misquote(ctx_for: CtxFactory, seed_base: object) -> None:
    c = make_claim("《民法典》第1113条同时规定“不得因公共利益限制人身自由”", kind=ClaimKind.LEGAL_CITATION)
    signals = legal_citations(c, ctx_for(c, base=seed_base))
    assert codes(signals) == ["legal.misquote"] and "收养" in signals[0].evidence[0].statement
