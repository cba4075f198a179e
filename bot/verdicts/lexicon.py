"""Generic Chinese wording the signals look for. Language, not topic: nothing here names a place,
an event or a policy (those live in seeds/evidence as data)."""

from __future__ import annotations

# "per N people" markers and the N they divide by.
PER_CAPITA: tuple[tuple[str, int], ...] = (
    ("每百万人口", 1_000_000),
    ("每百万人", 1_000_000),
    ("每十万人口", 100_000),
    ("每十万人", 100_000),
    ("每万人口", 10_000),
    ("每万人", 10_000),
    ("每千人", 1_000),
    ("人均", 1),
)
SCALE_ZH = {1_000_000: "百万", 100_000: "十万", 10_000: "万", 1_000: "千", 1: ""}
SCALE_EN = {1_000_000: "million", 100_000: "100,000", 10_000: "10,000", 1_000: "1,000", 1: "person"}
RATE_WORDS = ("率", "比例", "占比", "比重")
DAILY_AVERAGE = ("日均", "平均每天", "平均每日", "每日平均", "日平均")
PERIOD_WORDS = ("期间", "以来", "至", "到", "—", "-", "~", "～", "间")
# Words between a metric's name and its number: stripped to find the metric's head noun.
LINKING = (
    "约为",
    "大约",
    "高达",
    "达到",
    "超过",
    "突破",
    "累计",
    "已达",
    "不到",
    "左右",
    "以上",
    "仅为",
    "达",
    "为",
    "是",
    "约",
    "超",
    "逾",
    "近",
    "共",
    "仅",
    "有",
    "在",
    "至",
    "到",
    "了",
    "已",
    "的",
    "造成",
    "导致",
    "致",
)
# What a count of people is a count of, when it follows the number: 12人死亡, 5人受伤.
OUTCOMES = (
    "死亡|遇难|丧生|身亡|遇害|受伤|重伤|轻伤|失踪|失联|获救|被困|感染|确诊|住院|出院|治愈|受灾|撤离|"
    "转移|滞留|被捕|落网|患病"
).split("|")
MODIFIERS = (
    "累计",
    "新增",
    "日均",
    "平均",
    "每日",
    "每天",
    "每周",
    "每月",
    "年均",
    "同比",
    "环比",
    "增长",
    "下降",
    "提升",
    "减少",
    "上升",
    "降低",
    "较",
)
GENERIC_UNITS = ("", "人", "个", "次", "人次", "元", "万", "%", "项", "家", "件")
SHARE_WORDS = ("占比", "比重", "份额", "比例", "占")
GROWTH_WORDS = ("增长", "增加", "提升", "上升", "高出", "提高", "扩大", "多出")
DECLINE_WORDS = ("下降", "减少", "降低", "下滑", "降幅", "缩减", "回落")
EVENT_START = ("启动", "实施", "施行", "出台", "推出", "上线", "开始", "开展")
ANAPHORA = ("此次", "该政策", "这一政策", "政策实施", "实施后", "实施以来", "启动以来", "启动后", "新政")
# Phrases that attribute a claim to nobody in particular.
UNNAMED_PHRASES = (
    "第三方评估",
    "有关专家",
    "专家指出",
    "专家认为",
    "业内人士",
    "知情人士",
    "据统计",
    "据了解",
    "据悉",
    "有关部门",
    "相关人士",
    "消息人士",
    "研究员指出",
    "据报道",
    "网传",
    "有网友",
    "有分析认为",
)
STUDY_MARKERS = ("研究显示", "研究表明", "研究发现", "调查显示", "报告显示", "报告指出", "研究指出", "论文")
PUBLICATION_SUFFIXES = ("杂志", "期刊", "周刊", "日报", "晚报", "早报", "报")
BOTH_AND = ("既", "也")  # 既…也… balancing phrase
# Words that say a state was ended: a claim using them is not asserting the old state.
LIFTING = ("取消", "不再", "解除", "下线", "停止", "放开", "退出", "告别", "结束", "废止")
