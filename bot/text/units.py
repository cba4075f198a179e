"""Units: the surfaces quantities are written with, the canonical unit each stands for, and how two
amounts are compared (unit classes, search keys). Data and a few small functions; the parsing that
uses them is bot/text/numbers.py.
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot.text.types import Quantity

# surface -> (canonical unit, factor); an optional negative lookahead keeps words such as 元旦 out.
UNITS: dict[str, tuple[str, str]] = {
    "%": ("%", "1"), "‰": ("%", "0.1"), "个百分点": ("pp", "1"), "百分点": ("pp", "1"), "倍": ("倍", "1"),
    "吨": ("kg", "1000"), "公吨": ("kg", "1000"), "公斤": ("kg", "1"), "千克": ("kg", "1"),
    "克": ("kg", "0.001"), "毫克": ("kg", "0.000001"), "斤": ("kg", "0.5"),
    "元": ("元", "1"), "元人民币": ("元", "1"), "人民币": ("元", "1"), "块钱": ("元", "1"),
    "美元": ("美元", "1"), "港元": ("港元", "1"), "港币": ("港元", "1"), "欧元": ("欧元", "1"),
    "英镑": ("英镑", "1"), "日元": ("日元", "1"),
    "新台币": ("元", "1"), "台币": ("元", "1"),  # Taiwan writes its dollar amounts in 元 (新台幣3億元)
    "小时": ("小时", "1"), "个小时": ("小时", "1"), "分钟": ("分钟", "1"), "秒": ("秒", "1"),
    "天": ("天", "1"), "周": ("周", "1"), "星期": ("周", "1"), "个星期": ("周", "1"), "周年": ("周年", "1"),
    "个月": ("月", "1"), "年": ("年", "1"), "工作日": ("工作日", "1"), "个工作日": ("工作日", "1"),
    "人口": ("人", "1"), "个人": ("人", "1"), "省份": ("省", "1"), "公里": ("km", "1"), "千米": ("km", "1"),
    "千瓦": ("kW", "1"), "兆瓦": ("kW", "1000"), "千瓦时": ("kWh", "1"), "兆瓦时": ("kWh", "1000"),
    "摄氏度": ("℃", "1"),
}  # fmt: skip
# 度 is a degree Celsius in a weather report and a kilowatt-hour on a power bill: it compares with both.
SAME_KIND = {frozenset({"度", "℃"}), frozenset({"度", "kWh"})}
COUNT_WORDS = (
    "例 人次 人 名 位 岁 个 张 处 家 所 座 项 条 件 起 次 辆 架 艘 列 只 头 台 套 份 批 场 户 床 间 栋 幢 层"
    " 篇 本 部 支 种 类 组 队 省 市 县 区 国 剂 剂次 针 箱 袋 瓶 盒 轮 笔 宗 亩 公顷 平方米 平方公里 立方米"
    " 米 厘米 毫米 升 毫升 度 摄氏度 ℃ 床位 例次 所学校 微克 级 口"
)
for _u in COUNT_WORDS.split():
    UNITS.setdefault(_u, (_u, "1"))
UNITS["所学校"] = ("所", "1")
NOT_AFTER = {
    "元": "[化素旦宵首帅月]", "年": "[代级初底末中]", "人": "[民类工员士]", "名": "[义单字称额]",
    "例": "外", "起": "[来码]", "部": "[门分长]", "所": "[有以在属得]", "组": "[织成]", "处": "[理于置罚]",
    "家": "[庭属长]", "台": "湾", "天": "[然津气空]", "周": "[边围末岁]", "条": "件", "场": "[所景]",
    "次": "[方要数]", "级": "[别]", "口": "[号径罩岸]",
    "度": "[过假]", "国": "[家际内外]", "市": "[场民民区]", "县": "[城委]", "区": "[域别]",
}  # fmt: skip
EN_UNITS: dict[str, tuple[str, str]] = {
    "percentage points": ("pp", "1"), "percentage point": ("pp", "1"), "percent": ("%", "1"),
    "per cent": ("%", "1"), "pct": ("%", "1"),
    "times": ("倍", "1"), "-fold": ("倍", "1"), "fold": ("倍", "1"),
    "tonnes": ("kg", "1000"), "tonne": ("kg", "1000"), "tons": ("kg", "1000"), "ton": ("kg", "1000"),
    "kilograms": ("kg", "1"), "kilogram": ("kg", "1"), "kgs": ("kg", "1"), "kg": ("kg", "1"),
    "grams": ("kg", "0.001"), "gram": ("kg", "0.001"), "yuan": ("元", "1"), "rmb": ("元", "1"),
    "person-times": ("人次", "1"), "person times": ("人次", "1"),
}  # fmt: skip

# Hedges before a number (逾, 约, "more than") by kind; "_" stands for a space. The guard keeps the
# word out when the next character makes it another word (赶超, 节约, 最近).
QUALIFIERS = {
    "under": "不超过 不足 不到 低于 少于 小于 未满 至多 less_than fewer_than under below up_to",
    "over": "逾 超过 超出 超 突破 多于 高于 大于 至少 more_than over above at_least",
    "about": "约为 约合 大约 大概 约 将近 接近 近 差不多 about around approximately roughly nearly almost",
}
QUALIFIER_GUARD = {"超": "赶高", "约": "节制签预公条契盟邀", "近": "最附临靠亲贴"}  # 赶超, 节约, 最近 ...
# Hedges after a number (以上, 左右, "or more").
POST_QUALIFIERS = {
    "以上": "over", "开外": "over", "or more": "over", "左右": "about", "上下": "about", "or so": "about",
    "以下": "under", "以内": "under", "or less": "under", "多": "over", "还多": "over",
}  # fmt: skip
# Units strong enough that a bare Chinese numeral before them is a quantity (两周, 六成, 千例); STRONG_ONE
# even for 一 alone.
TIME_UNITS = frozenset({"小时", "分钟", "秒", "天", "周", "月", "年", "周年", "工作日"})
MONEY_UNITS = frozenset({"元", "美元", "港元", "欧元", "英镑", "日元"})
STRONG_ONE = frozenset({"倍", "%", "pp", "例", "人次", "kg"}) | MONEY_UNITS
STRONG = STRONG_ONE | TIME_UNITS | {"岁", "名", "人", "位"}


# Unit classes for search keys and comparisons; every other unit is a count ("qn").
_KEY_PREFIX = {
    "%": "qp", "pp": "qpp", "kg": "qkg", "元": "qm", "美元": "qmusd", "港元": "qmhkd", "欧元": "qmeur",
    "英镑": "qmgbp", "日元": "qmjpy", "倍": "qx", "小时": "qth", "分钟": "qtmin", "秒": "qts", "天": "qtd",
    "周": "qtw", "月": "qtmo", "年": "qty", "周年": "qtya", "工作日": "qtwd", "km": "qkm",
}  # fmt: skip


def _canonical(v: float) -> str:
    """6 significant digits, no exponent, "." -> "d", "-" -> "n": 12000 -> "12000", 2.3 -> "2d3"."""
    if v != v or v in (float("inf"), float("-inf")):
        return "inf"
    s = format(Decimal(f"{v:.6g}"), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s.replace("-", "n").replace(".", "d")


def quantity_key(q: Quantity) -> str:
    """Compact ASCII search token, e.g. "qn12000", "qp62", "qpp2d3", "qkg3800", "qm1200000000", "qx3".

    Every unit without its own class (例, 张, 个, 人次, "" ...) is a count "qn", because a query
    often omits the unit. A range is keyed by its lower bound.
    """
    return _KEY_PREFIX.get(q.unit, "qn") + _canonical(q.value)


# A numeral directly followed by 多/余 ("and some": 1300多万, 三十余, 2万多) stands for the whole
# step of its last digit: 1300多万 is 1300万 up to 1400万.
_SOME_MORE = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿]\s*[多余]")


# What a hedged amount stands for, as factors of its value. A bound (超过/不到) is written as the round
# figure next to the amount: 1.5 lets 超过十亿 meet 12亿 but not 20亿 (bench/queries and the seed's
# 约12亿元 / 超过十亿元); 约/左右 is the 10 % that match.py already allowed "about" amounts.
_HEDGED = {"over": (1.0, 1.5), "under": (1 / 1.5, 1.0), "about": (0.9, 1.1)}


def amount_span(q: Quantity) -> tuple[float, float]:
    """The amounts ``q`` stands for: its range, the step after its last digit when it is written
    with 多/余 (1300多万 -> 1300万..1400万), the span a hedge allows (超过, 约), else just its value."""
    if q.upper is not None:
        return q.value, q.upper
    if q.value >= 1 and q.value == int(q.value) and _SOME_MORE.search(q.text):
        step = 1
        while int(q.value) % (step * 10) == 0:
            step *= 10
        return q.value, q.value + step
    if q.qualifier in _HEDGED:  # 超过十亿 agrees with 约12亿: a bound is the round figure nearby
        low, high = _HEDGED[q.qualifier]
        return q.value * low, q.value * high
    return q.value, q.value


def same_amount(a: Quantity, b: Quantity, rel_tol: float = 0.02) -> bool:
    """Same unit class (as in :func:`quantity_key`) and equal values within ``rel_tol``; ranges
    (and 多/余 amounts, see :func:`amount_span`) match when they overlap or their nearest ends are
    within tolerance."""
    if _KEY_PREFIX.get(a.unit, "qn") != _KEY_PREFIX.get(b.unit, "qn"):
        return False
    (a_lo, a_hi), (b_lo, b_hi) = amount_span(a), amount_span(b)
    if a_lo <= b_hi and b_lo <= a_hi:
        return True
    x, y = (a_hi, b_lo) if a_hi < b_lo else (b_hi, a_lo)
    return abs(x - y) <= rel_tol * max(abs(x), abs(y))
