"""Who a claim says it comes from: publications, laws, organisations, named or unnamed people.

Generic Chinese attribution patterns only (据X, X显示/指出/认为, 《X》杂志); no names are listed here.
"""

from __future__ import annotations

import re

from bot.claims.models import Source, SourceKind

SPEECH_VERBS = (
    "指出|表示|认为|称|说(?!明会|明书)|反映|透露|坦言|强调|介绍|提出|提到|回应|证实|披露|警告|建议|显示|表明|发现|"
    "报道|估计|预计|初估|预估|统计|评估|公布|通报|批评|质疑|呼吁|直言|解释|补充|提醒|发布消息|"
    '回答(?=[说道称：:，,“"])'  # 回答说 / 回答： is speech; 在回答记者提问时表示 is a circumstance
)
# The most common Chinese surnames: a jieba "nr" word must start with one to count as a name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝"
)
SPEECH = re.compile(SPEECH_VERBS)
_WORK = re.compile(r"《([^《》]{1,40})》")
_LAW_SUFFIX = re.compile(r"(法|法典|条例|规定|办法|宪法|公约|决定)$")
_PUBLICATION_AFTER = re.compile(r"^》?\s*(杂志|期刊|日报|晚报|早报|报|周刊|网|电视台|通讯社)")
# The attributed phrase ends right before a speech verb; it starts after punctuation or 据.
_ATTRIBUTION = re.compile(
    rf"(?:^|[，。；：、\s“”\"「」（）()]|据)([^，。；：、\s“”\"「」（）()]{{2,24}}?)(?:的(?:研究|调查|报告|数据|统计|资料))?"
    rf"(?:{SPEECH_VERBS})(?![局所处站])"  # 统计局 names an office, not a speech act
)
_ACCORDING = re.compile(
    r"(?:^|[，。；：、\s“”\"])(?:据|根据|另据)([^，。；：、\s“”\"]{2,20}?)(?:\s*[，,]|$|显示|报道|称)"
)
_LEADING = re.compile(r"^(?:正如|另据|此外|而且|而|但是|但|并且|同时|据|对此|其中|亦|也)+")
# An office held by one person, named by its title: "行政长官强调", "市长表示" (not "某局长").
_OFFICE = re.compile(
    r"^(?!某|一名|一位|有关|相关)[^，。]{0,12}?(行政长官|特首|国家主席|总理|总统|首相|市长|省长|州长|部长|局长|"
    r"署长|厅长|司长|校长|首席执行官|董事长)$"
)
_STUDY_WORD = re.compile(r"(调查|研究|评估|统计|数据|报告|分析|测算|估算|问卷)$")
_UNNAMED_PERSON = re.compile(
    r"(某|一名|一位|多名|有关|相关|业内|知情)?(专家|学者|研究员|教授|官员|人士|负责人|志愿者|居民|网友|"
    r"市民|员工|医生|护士|司机|工作人员|程序员|消息人士|发言人|代表|受访者|村民|渔民|农户|养殖户|商户|"
    r"店主|业主|家长|学生|患者|乘客|游客|网民|议员|律师|分析师|目击者|知情者|当事人|局长|处长|科长|主任|"
    r"民警|警官|交警|法官|检察官)$"
)
_UNNAMED = re.compile(
    r"^(第三方|有关部门|相关部门|有关方面|权威人士|据统计|统计|数据|资料|研究|调查|报告|分析|评估|消息|"
    r"当地媒体|有关媒体|相关媒体|媒体|外媒|网传|网络)"
)
_ORG = re.compile(
    r"(政府|政协|人大|委员会|局|委|部|厅|署|办|院|会|所|中心|集团|公司|大学|学院|协会|银行|医院|机构|组织|"
    r"气象台|电视台|电台|台网|网|社|队|处|站|警方|官方|校方|院方|检方|海关|税务|公安|边检|消防|"
    r"(?<![A-Za-z])[A-Z][A-Za-z&.\-]{2,})$"  # 研究机构Counterpoint
)
_ROLE_THEN_NAME = re.compile(
    r"(专家|学者|研究员|教授|官员|志愿者|居民|医生|护士|司机|主任|局长|市长|院长|经理|记者|发言人|负责人|"
    r"书记|主席|总理|总统|总裁|董事长|委员|代表|教练|领队|队长|[员师长家者官授任])"
    # 张伟, 乔尔杰维奇 (a transliterated name after its role), 彼得·基斯特勒
    r"([\u4e00-\u9fff]{2,5}|[\u4e00-\u9fff]{1,6}(?:[·•・][\u4e00-\u9fff]{1,8}){1,2})$"
)
# What is left of "国家统计局10月18日发布的数据" once the date and the released thing are dropped
# says who released it.
_DATED_RELEASE = re.compile(
    r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:发布|公布|披露)?(?:的)?(?:最新|初步)?"
    r"(?:提案|报告|数据|资料|调查|研究|评估|统计|测算|估算|核算|消息|通报|通知|公告|通告|审理|核查|检测|鉴定)$"
    r"|(?:正式|初步)?(?:测定|监测)$"
    r"|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|(?:当地时间)?\d{1,2}月\d{1,2}日|当地时间|今日|昨日|日前|近日|今天|昨天"
)
# "台北捷运公司今(15)日公布", "政府统计处今日（六月二十日）公布": the date is no part of the name.
_PAREN_DAY = re.compile(r"[今昨前]?\(\d{1,2}\)日|[（(][^（）()]{1,12}[日号][)）]")
_ANONYMOUS = re.compile(r"不愿透露姓名的|不愿透露身份的|不愿具名的|要求匿名的")
# "中国青年报社社会调查中心联合问卷网对2003名受访家长进行的一项调查显示": who ran the survey.
_SURVEY_BY = re.compile(
    r"(?:^|[，。；])([^，。；]{2,30}?)(?:联合[^，。；]{1,20}?)?(?:对[^，。；]{1,30}?)?(?:进行|开展|发布|完成)?"
    r"的?一项(?:最新)?(?:问卷调查|调查|研究|民调|报告)(?:显示|表明|发现|指出)"
)
# "记者从杭州市中级人民法院获悉": the reporter learned it from the court.
_LEARNED_FROM = re.compile(r"(?:从|自|向)([^，。；：、\s“”\"]{2,24}?)(?:处)?(?:获悉|了解到|得知|证实)")
# "北捷发言人", "外交部新闻发言人": a named office's spokesperson; "一名发言人", "有关发言人" are not.
_SPOKESPERSON = re.compile(r"(?!某|一名|一位|有关|相关|其)[^，。]{2,12}?(?:新闻)?发言人$")
# Circumstances between a speaker and the verb: "陈某接受采访时表示", "黄某在记者会上说".
_CIRCUMSTANCE = re.compile(
    r"(接受.{0,8}采访时?|在.{1,10}[上时中]|对记者|向记者|告诉记者|回应.{0,6}时|(?<!同)时)$"
)
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def find_works(text: str) -> list[str]:
    """Titles in 《》 (laws, journals, newspapers, books)."""
    return _WORK.findall(text)


def is_law_title(title: str) -> bool:
    return bool(_LAW_SUFFIX.search(title))


def classify_speaker(phrase: str) -> Source | None:
    """Classify an attributed phrase: person/role/organisation, named or not."""
    phrase = _CIRCUMSTANCE.sub("", _LEADING.sub("", phrase.strip("，。 ")))
    works = find_works(phrase)
    if works:
        title = works[-1]
        kind = SourceKind.LAW if is_law_title(title) else SourceKind.PUBLICATION
        return Source(title, kind)
    role_name = _ROLE_THEN_NAME.search(phrase)
    if (
        role_name
        and not phrase.startswith(("某", "一名", "一位"))
        and _looks_like_name(role_name.group(2))
        and not _ORG.search(phrase)
    ):
        return Source(phrase, SourceKind.PERSON)  # 发言人付凌晖; not 记者调查, not 国家统计局
    if len(phrase) in (2, 3) and phrase[0] in SURNAMES and _CJK_ONLY.fullmatch(phrase):
        return Source(phrase, SourceKind.PERSON)  # "「…」黄家明在记者会上说"
    if _OFFICE.match(phrase):
        return Source(phrase, SourceKind.PERSON)
    if _SPOKESPERSON.match(phrase):  # an office speaking on the record through its spokesperson
        return Source(phrase, SourceKind.ORGANISATION)
    if _UNNAMED_PERSON.search(phrase):
        return Source(phrase, SourceKind.UNNAMED_PERSON)
    body = _DATED_RELEASE.sub("", phrase)
    if _UNNAMED.search(phrase) or (_STUDY_WORD.search(phrase) and not _ORG.search(body)):
        return Source(phrase, SourceKind.UNNAMED)
    if _ORG.search(body):
        return Source(body if _DATED_RELEASE.search(phrase) else phrase, SourceKind.ORGANISATION)
    return None  # "首尔模式强调…": a subject that speaks figuratively is no source


def _looks_like_name(word: str) -> bool:
    """A Chinese name starts with a common surname; a transliterated one has a middle dot."""
    return (word[0] in SURNAMES or any(dot in word for dot in "·•・")) and not _STUDY_WORD.search(word)


def find_source(text: str) -> Source | None:
    """The source a claim names, if any: 《work》 before a speech verb, 据X, or X + speech verb."""
    text = _PAREN_DAY.sub("", text)
    text = _ANONYMOUS.sub("匿名的", text)  # 不愿透露姓名的人士: 透露 here is no speech verb
    for pattern in (_LEARNED_FROM, _SURVEY_BY):
        found = pattern.search(text)
        if found and (source := classify_speaker(found.group(1))) is not None:
            return source
    for match in _WORK.finditer(text):
        after = text[match.end() : match.end() + 12]
        title = match.group(1)
        if is_law_title(title):
            return Source(title, SourceKind.LAW)
        if _PUBLICATION_AFTER.match(after) or re.match(rf"^\s*(的研究|的报告)?({SPEECH_VERBS})", after):
            return Source(title, SourceKind.PUBLICATION)
    according = _ACCORDING.search(text)
    if according:
        return classify_speaker(according.group(1))
    for attribution in _ATTRIBUTION.finditer(text):
        phrase = attribution.group(1)
        if re.fullmatch(r"[\d.%％万亿]+|研究|调查|数据", phrase):
            continue
        if (source := classify_speaker(phrase)) is not None:
            return source
    return None
