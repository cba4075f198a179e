"""Who a claim comes from, in the ways wire copy attributes: an office's release, a spokesperson by
name, an indirect report that runs on over several clauses, and a sentence that points back."""

from __future__ import annotations

from datetime import date

import pytest

from bot.articles.read import article_from_text
from bot.claims.extract import extract_claims, prepare_article
from bot.claims.models import Article, Claim, ClaimKind, SourceKind
from bot.claims.sources import find_source

from .conftest import claims_of, find

RELEASE = """国家统计局:前三季度GDP同比增长5.2%

国家统计局10月18日发布数据显示,初步核算,前三季度国内生产总值913027亿元,按不变价格计算,同比增长5.2%。其中,第三季度同比增长4.9%,比二季度加快0.6个百分点。

国家统计局新闻发言人付凌晖在发布会上表示:"国民经济持续恢复向好,高质量发展稳步推进。"

业内人士认为,四季度经济有望继续回升,全年实现5%左右的预期目标问题不大,面对外部环境的不确定性,出口企业正在加快转型,这无疑是难能可贵的尝试。
"""


@pytest.fixture(scope="module")
def release() -> list[Claim]:
    article: Article = article_from_text(RELEASE, {"date_context": "2023-10-18"}, "release")
    return extract_claims(prepare_article(article))


def test_an_office_that_releases_figures_is_their_source(release: list[Claim]) -> None:
    gdp = find(release, "913027亿元")
    assert gdp.text.startswith("国家统计局10月18日发布数据显示")  # the lead-in stays with its figures
    assert gdp.source is not None and gdp.source.kind is SourceKind.ORGANISATION
    assert gdp.source.name == "国家统计局"  # not "统计" as a speech verb, not the date


def test_a_spokesperson_named_after_the_role_is_a_person(release: list[Claim]) -> None:
    quote = find(release, "付凌晖")
    assert quote.kind is ClaimKind.QUOTE
    assert quote.source is not None and quote.source.kind is SourceKind.PERSON


def test_an_indirect_report_covers_the_rest_of_its_sentence(release: list[Claim]) -> None:
    target = find(release, "全年实现5%左右的预期目标问题不大")
    assert "业内人士" not in target.text
    assert target.source is not None and target.source.name == "业内人士"
    assert target.source.kind is SourceKind.UNNAMED_PERSON


def test_a_sentence_that_points_back_keeps_the_source(release: list[Claim]) -> None:
    quarter = find(release, "第三季度同比增长4.9%")
    assert quarter.source is not None and quarter.source.name == "国家统计局"


def test_a_new_turn_or_an_evaluation_is_not_the_reported_view(release: list[Claim]) -> None:
    """The same sentence runs on past the insiders' view: a frame (面对…) and the writer's praise."""
    turn = find(release, "面对外部环境的不确定性")
    praise = find(release, "难能可贵")
    assert "业内人士" not in turn.text and "业内人士" not in praise.text
    assert turn.source is None and praise.source is None


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("国家统计局10月18日发布数据显示", "国家统计局", SourceKind.ORGANISATION),
        ("据海关总署统计,前三季度", "海关总署", SourceKind.ORGANISATION),
        ("国家统计局新闻发言人付凌晖表示", "国家统计局新闻发言人付凌晖", SourceKind.PERSON),
        ("记者调查发现,比例不足三成", "记者调查", SourceKind.UNNAMED),  # 调查 is no name
        ('漳浦县一名养殖户说:"赔了不到两成"', "漳浦县一名养殖户", SourceKind.UNNAMED_PERSON),
        ("研究负责人、墨尔本大学教授彼得·基斯特勒表示", "墨尔本大学教授彼得·基斯特勒", SourceKind.PERSON),
        ("北捷发言人表示,环状线通车后", "北捷发言人", SourceKind.ORGANISATION),  # an office on the record
        ("一名环保署发言人表示", "一名环保署发言人", SourceKind.UNNAMED_PERSON),
        ('据中央气象台消息 ,"杜苏芮"于7月28日登陆', "中央气象台", SourceKind.ORGANISATION),
        ("据新华社报道,", "新华社", SourceKind.ORGANISATION),
        ("据福建省气候中心测算,降雨量为常年同期的3至5倍", "福建省气候中心", SourceKind.ORGANISATION),
        ("台北大众捷运公司今(15)日公布,全年总运量", "台北大众捷运公司", SourceKind.ORGANISATION),
        ("有议员批评,票价长年未调整", "有议员", SourceKind.UNNAMED_PERSON),
        ("据市消防救援支队通报,11月24日晚", "市消防救援支队", SourceKind.ORGANISATION),
        ("有目击者称,起火点位于三楼", "有目击者", SourceKind.UNNAMED_PERSON),
        ("另据当地媒体报道,事故造成15人死亡", "当地媒体", SourceKind.UNNAMED),
        ("据市场研究机构Counterpoint数据,销量下降", "市场研究机构Counterpoint", SourceKind.ORGANISATION),
        ("美国苹果公司当地时间11月2日公布业绩", "美国苹果公司", SourceKind.ORGANISATION),
        ("记者从杭州市中级人民法院获悉,2023年5月12日", "杭州市中级人民法院", SourceKind.ORGANISATION),
        ("法院审理认为,王某的行为已构成犯罪", "法院", SourceKind.ORGANISATION),
        ("国家统计局表示,经济持续恢复", "国家统计局", SourceKind.ORGANISATION),  # 家+统计局 is no name
        ("地产代理监管局的资料显示,8月份二手成交", "地产代理监管局", SourceKind.ORGANISATION),
        ("行政长官强调:「政府的首要目标是让市民安居。」", "行政长官", SourceKind.PERSON),  # one office-holder
        ("但亦有议员质疑,政府此举", "有议员", SourceKind.UNNAMED_PERSON),
        ("某局长表示,情况可控", "某局长", SourceKind.UNNAMED_PERSON),
        (
            "中国青年报社社会调查中心联合问卷网对2003名受访家长进行的一项调查显示,63.2%的受访家长认为",
            "中国青年报社社会调查中心",  # who ran the survey, not the parents it asked
            SourceKind.ORGANISATION,
        ),
        ("香港大学公共卫生学院一项最新研究显示", "香港大学公共卫生学院", SourceKind.ORGANISATION),
        ("一项于2023年4月进行的电话调查显示", "一项于2023年4月进行的电话调查", SourceKind.UNNAMED),
        ("「数字上的改善是真实的。」黄家明在记者会上说", "黄家明", SourceKind.PERSON),
        # 说明会 is a briefing, not 说: the speaker is the one who 表示 at it
        ("据中国地震台网正式测定，此次地震震源深度10公里", "中国地震台网", SourceKind.ORGANISATION),
        ("政府统计处今日（六月二十日）公布最新的劳动人口统计数字", "政府统计处", SourceKind.ORGANISATION),
        ("根据国务院发布的通知，扣除标准提高到每月2000元", "国务院", SourceKind.ORGANISATION),
        ("民警提醒，正规平台退款无需事主提供验证码", "民警", SourceKind.UNNAMED_PERSON),
        ("赛后，中国队主教练乔尔杰维奇表示，球队防守出了问题", "中国队主教练乔尔杰维奇", SourceKind.PERSON),
        ("公司董事长李建国在业绩说明会上表示，公司将加大投入", "公司董事长李建国", SourceKind.PERSON),
        ("不过，研究同时发现，臭氧浓度不跌反升", "研究同时", SourceKind.UNNAMED),  # 同时 is not "when"
        ("警方调查发现,肇事车辆超速", "警方", SourceKind.ORGANISATION),
        (
            '一位不愿透露姓名的法律界人士认为,此案判决"罚当其罪"',
            "一位匿名的法律界人士",
            SourceKind.UNNAMED_PERSON,
        ),
    ],
)
def test_find_source(text: str, name: str, kind: SourceKind) -> None:
    source = find_source(text)
    assert source is not None and (source.name, source.kind) == (name, kind)


def test_release_dates_resolve_with_the_context(release: list[Claim]) -> None:
    gdp = find(release, "913027亿元")
    assert gdp.dates and gdp.dates[0].first == date(2023, 10, 18)


def test_a_report_after_a_connective_still_covers_its_sentence() -> None:
    text = "咖啡研究\n\n不过,有营养专家指出,咖啡因摄入每天不宜超过400毫克,孕妇应控制在200毫克以内。\n"
    claims = extract_claims(prepare_article(article_from_text(text, {}, "coffee")))
    pregnant = find(claims, "孕妇应控制在200毫克以内")
    assert "营养专家" not in pregnant.text
    assert pregnant.source is not None and pregnant.source.kind is SourceKind.UNNAMED_PERSON


def test_taiwan_wire_copy_date_and_announcement() -> None:
    """今（15）日公布 is a date and an announcement that leads in to its figures; 有議員批評 is kept
    with the criticism it introduces (alone it is too short to be a claim, and would be lost)."""
    text = (
        "台北捷運運量\n\n台北大眾捷運公司今（15）日公布，2023年全年總運量達7.6億人次，較2022年成長20.5%。"
        "有議員批評，北捷票價長年未調整，虧損恐逾30億元。\n"
    )
    article = article_from_text(text, {"published": "2024-01-15"}, "metro")
    claims = extract_claims(prepare_article(article))
    ridership = find(claims, "7.6億人次")
    assert ridership.text.startswith("台北大眾捷運公司今（15）日公布")
    assert [q.value for q in ridership.quantities] == [7.6e8, 20.5]  # the 15 is a day, not an amount
    assert ridership.dates[0].first == date(2024, 1, 15)
    assert ridership.source is not None and ridership.source.name == "台北大众捷运公司"
    loss = find(claims, "虧損恐逾30億元")
    assert loss.text.startswith("有議員批評")
    assert loss.source is not None and loss.source.kind is SourceKind.UNNAMED_PERSON


def test_a_period_or_a_report_alone_leads_in_to_its_figures() -> None:
    text = (
        "火灾通报\n\n有目击者称,起火点位于商场三楼。另据当地媒体报道,事故造成15人死亡。"
        "数据显示,今年前10个月,全市共发生火灾1200起,同比下降8%。\n"
    )
    claims = extract_claims(prepare_article(article_from_text(text, {"published": "2023-11-25"}, "fire")))
    deaths = find(claims, "事故造成15人死亡")
    assert deaths.text.startswith("另据当地媒体报道")
    fires = find(claims, "1200起")
    assert fires.text.startswith("数据显示,今年前10个月")
    assert all(c.text not in ("另据当地媒体报道", "数据显示,今年前10个月") for c in claims)


def test_a_signpost_leads_in_and_analysts_views_are_not_studies() -> None:
    text = (
        "苹果财报\n\n分析人士认为,华为Mate 60系列的热销对苹果在中国的销量形成了冲击。"
        "值得注意的是,苹果公司市值一度突破3万亿美元。\n"
    )
    claims = extract_claims(prepare_article(article_from_text(text, {}, "apple")))
    view = find(claims, "分析人士认为")
    assert view.kind is not ClaimKind.STUDY_CITATION and view.quantities == ()
    worth = find(claims, "3万亿美元")
    assert worth.text.startswith("值得注意的是,")
    assert all(c.text != "值得注意的是" for c in claims)


def test_a_sentence_of_law_keeps_its_penalty() -> None:
    text = (
        "判决\n\n依照《中华人民共和国刑法》第一百一十五条,以危险方法危害公共安全致人重伤、死亡的,"
        "处十年以上有期徒刑、无期徒刑或者死刑。\n"
    )
    claims = extract_claims(prepare_article(article_from_text(text, {}, "court")))
    assert len(claims) == 1 and claims[0].kind is ClaimKind.LEGAL_CITATION
    assert claims[0].text.endswith("处十年以上有期徒刑、无期徒刑或者死刑")


def test_a_press_conference_is_nobody() -> None:
    """记者 followed by 会上 ("在记者会上说") names no reporter: the quote after it keeps its speaker."""
    text = (
        "空气\n\n「数字上的改善是真实的，但市民不应因此松懈。」黄家明在记者会上说。"
        "「香港现时的水平仍是这个标准的4倍以上。」\n"
    )
    claims = extract_claims(prepare_article(article_from_text(text, {}, "air")))
    assert all(e.text != "会上" for c in claims for e in c.entities)
    second = find(claims, "4倍以上")
    assert second.source is not None and second.source.name == "黄家明"


def test_a_claim_that_attributes_itself_does_not_inherit() -> None:
    text = (
        "台风\n\n《自然》杂志刊发的一项研究显示,台风的平均强度增加了约34%,"
        "厦门大学一研究团队的测算也表明,极端降雨日数的比例上升了3.3个百分点。\n"
    )
    claims = extract_claims(prepare_article(article_from_text(text, {}, "typhoon")))
    local = find(claims, "厦门大学一研究团队")
    assert local.source is None or local.source.name != "自然"


def test_heat_wave_copy() -> None:
    """发布消息 names the office; 打破…纪录 goes on with its reading; 但X解释 hands the sentence over."""
    text = (
        "北京高温\n\n北京市气象台6月22日发布消息,当天14时,南郊观象台气温达到40.6℃,打破1961年以来6月份的最高纪录。"
        '有网友称"北京比吐鲁番还热",但气象专家解释,吐鲁番当天最高气温为42℃。\n'
    )
    claims = extract_claims(prepare_article(article_from_text(text, {"published": "2023-06-23"}, "heat")))
    record = find(claims, "40.6℃")
    assert record.source is not None and record.source.name == "北京市气象台"
    assert record.text.endswith("打破1961年以来6月份的最高纪录")
    turpan = find(claims, "吐鲁番当天最高气温为42℃")
    assert turpan.source is not None and turpan.source.name == "气象专家"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("据海关统计，一季度全省对东盟出口2300亿元，增长8%", "海关", SourceKind.ORGANISATION),
        # "tax departments" name no one office: an unnamed source, not the 税务 office
        ("据税务部门初步统计，减税降费超过300亿元", "税务部门初步统计", SourceKind.UNNAMED),
        ("市公安局通报，共抓获犯罪嫌疑人12名", "市公安局", SourceKind.ORGANISATION),
        ("钱立新回答说：“出口订单正在恢复。”", "钱立新", SourceKind.PERSON),
        ("钱立新在回答记者提问时表示，出口订单正在恢复", "钱立新", SourceKind.PERSON),
        ("该局负责人在答复记者时表示，新规下月起施行", "该局负责人", SourceKind.UNNAMED_PERSON),
    ],
)
def test_press_conference_copy(text: str, name: str | None, kind: SourceKind | None) -> None:
    """Customs and police are offices like 警方; an answer at a press conference is speech (回答说)."""
    source = find_source(text)
    assert (source.name if source else None, source.kind if source else None) == (name, kind)


def test_an_open_question_is_no_claim_but_a_claim_asked_about_is() -> None:
    """A reporter's or writer's open question asserts nothing; "X吗？" is how tiplines ask about X."""
    text = (
        "外贸数据发布会\n\n有记者提问：外贸形势是否已经触底？海关总署发言人回答说，前三季度出口增长0.6%。\n\n"
        "网传北京两周内日增病例下降了六成吗？这个说法流传很广。\n\n"
        "为什么今年的出口增速放缓？分析人士认为，外需偏弱是主要原因。\n"
    )
    article = article_from_text(text, {"date_context": "2023-10-13"}, "questions")
    texts = [c.text for c in extract_claims(prepare_article(article))]
    assert not any("是否" in t or "为什么" in t for t in texts)
    assert "网传北京两周内日增病例下降了六成吗" in texts
    assert any("出口增长0.6%" in t for t in texts)


def test_a_semicolon_joins_the_halves_of_one_report() -> None:
    text = (
        "外贸数据\n\n海关总署12日发布数据显示，前三季度货物贸易进出口总值30.8万亿元，同比增长0.6%。"
        "其中，出口17.6万亿元，增长4.2%；进口13.2万亿元，下降3.8%。\n\n进口下降3.8%的原因仍有争议。\n"
    )
    claims = claims_of(text, {"date_context": "2023-10-12"})
    imports = find(claims, "进口13.2万亿元")
    assert imports.source is not None and imports.source.name == "海关总署"
    assert find(claims, "原因仍有争议").source is None  # a new paragraph reports no one


@pytest.mark.parametrize(
    "opening",
    ["本报讯（记者 陈思远 通讯员 刘静）", "新华社南京12月5日电（记者 王晓明）", "（本报记者 李立）"],
)
def test_a_dateline_and_byline_are_not_part_of_a_claim(opening: str) -> None:
    text = f"法院宣判\n\n{opening}12月5日，江宁区人民法院公开宣判一起诈骗案，被告人被判处有期徒刑十三年。\n"
    body = [c for c in claims_of(text, {"date_context": "2023-12-05"}) if c.paragraph > 0]
    assert [c.text for c in body] == ["12月5日，江宁区人民法院公开宣判一起诈骗案，被告人被判处有期徒刑十三年"]


def test_what_a_court_found_is_read_with_the_finding() -> None:
    text = "判决\n\n法院审理查明，被告人先后骗取78名老年人钱款共计1236万元。\n"
    [claim] = [c for c in claims_of(text) if c.paragraph]
    assert claim.text == "法院审理查明，被告人先后骗取78名老年人钱款共计1236万元"


def test_a_taiwanese_byline_goes_and_an_estimate_keeps_its_office() -> None:
    text = (
        "颱風過境\n\n〔記者林宜君／高雄報導〕颱風昨日深夜登陸，高雄市政府宣布今天停班停課。\n\n"
        "農業部初估，農損金額已超過新台幣3億元。\n"
    )
    claims = [c for c in claims_of(text) if c.paragraph]
    assert claims[0].text == "颱風昨日深夜登陸"
    estimate = find(claims, "3億元")
    assert estimate.text.startswith("農業部初估") and estimate.source is not None
    assert estimate.source.name == "农业部"  # sources are named in the folded (simplified) form


def test_a_report_ends_where_the_sentence_takes_a_new_turn() -> None:
    text = (
        "防控\n\n流行病学调查显示，社会面传播占比超过80%，面对人口老龄化加速的现实，"
        "北京选择以分级诊疗为方针，通过家庭医生签约分流门诊。\n"
    )
    claims = claims_of(text)
    assert find(claims, "超过80%").source is not None  # what the survey showed
    assert find(claims, "北京选择以分级诊疗为方针").source is None  # the city's choice, not the survey's
