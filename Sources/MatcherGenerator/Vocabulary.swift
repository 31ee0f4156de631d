/// The words generated people, homes and records are made of.
///
/// Roads and estates hold no Chinese numerals, so that reading numerals in an address can
/// only ever touch the building, unit and room numbers the generator put there.
enum Vocabulary {
    /// Common surnames with their rough frequency per thousand people.
    static let surnames: [(String, Int)] = [
        ("王", 72), ("李", 72), ("张", 68), ("刘", 54), ("陈", 45), ("杨", 31), ("黄", 23),
        ("赵", 21), ("吴", 20), ("周", 19), ("徐", 17), ("孙", 15), ("马", 14), ("朱", 13),
        ("胡", 12), ("郭", 11), ("何", 11), ("高", 10), ("林", 10), ("罗", 9), ("郑", 9),
        ("梁", 9), ("谢", 8), ("宋", 7), ("唐", 7), ("许", 7), ("韩", 6), ("冯", 6),
        ("邓", 6), ("曹", 6), ("彭", 6), ("曾", 5), ("肖", 5), ("田", 5), ("董", 5),
        ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5), ("余", 5), ("杜", 5),
        ("叶", 4), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4), ("任", 4),
        ("沈", 4), ("姚", 3), ("卢", 3), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3),
        ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3),
        ("夏", 3), ("韦", 3), ("付", 3), ("方", 3), ("白", 2), ("邹", 2), ("孟", 2),
        ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2),
        ("段", 2), ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2),
        ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2), ("龚", 2), ("邵", 2), ("万", 2),
        ("钱", 2), ("严", 2), ("覃", 1), ("武", 1), ("戴", 1), ("莫", 1), ("孔", 1),
        ("向", 1), ("汤", 1), ("欧阳", 1), ("司马", 1), ("诸葛", 1), ("上官", 1),
    ]

    /// Characters of men's given names.
    static let maleGiven = Array(
        "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国峰亮成志东海文晨博洋睿豪昊天泽然"
    ).map(String.init)

    /// Characters of women's given names.
    static let femaleGiven = Array(
        "芳娜敏静丽艳娟霞秀英玲燕红梅莉兰萍婷雪琳颖慧洁倩琴云莹欣怡佳悦璐晶蕾薇露瑶菲曼雯妍琪涵萱彤诗语馨"
    ).map(String.init)

    /// Characters of children's given names, born 2006 to 2021.
    static let childGiven = Array(
        "子梓浩宇轩涵萱诺一睿辰琪彤沐依欣泽皓锦昕若晨语安铭瑞煜嘉航奕可乐思雨桐"
    ).map(String.init)

    /// First parts of Uyghur names, men's then women's, joined by a middle dot.
    static let minorityMaleFirst = ["买买提", "艾力", "艾尔肯", "阿不都", "亚森", "热合曼", "阿迪力"]
    static let minorityFemaleFirst = ["阿依古丽", "古丽娜尔", "迪丽努尔", "热依拉", "帕提古丽", "米娜"]
    static let minoritySecond = ["吐尔逊", "买买提", "阿不都", "依明", "库尔班", "托合提", "玉素甫"]

    /// Latin names of passport holders: given names, then family names.
    static let latinGiven = ["MINJI", "JISOO", "YUKI", "HARUTO", "LAN", "ANNA", "DAVID", "MARIA"]
    static let latinFamily = ["KIM", "PARK", "TANAKA", "SATO", "NGUYEN", "SMITH", "MULLER", "LEE"]

    /// Towns (区镇) of Kunshan with their share of homes, as the registry prints them.
    static let towns: [(String, Int)] = [
        ("昆山开发区", 24), ("昆山高新区", 18), ("花桥经济开发区", 12), ("张浦镇", 7), ("周市镇", 8),
        ("陆家镇", 6), ("巴城镇", 6), ("千灯镇", 6), ("淀山湖镇", 4), ("周庄镇", 4), ("锦溪镇", 5),
    ]

    /// The former town older certificates print instead of today's.
    static let formerTown = "玉山镇"

    /// Short forms parents type, by the index of the town in ``towns``.
    static let townShortForms: [Int: [String]] = [
        0: ["开发区"], 1: ["高新区"], 2: ["花桥开发区", "花桥"],
    ]

    /// The districts printed in 房屋所有权证 numbers, by the index of the town in ``towns``.
    static let houseDistricts = ["玉山", "玉山", "花桥", "张浦", "周市", "陆家", "巴城", "千灯", "淀山湖", "周庄", "锦溪"]

    static let roads = [
        "前进东路", "前进西路", "前进中路", "人民南路", "人民北路", "朝阳东路", "朝阳西路", "亭林路",
        "黄河北路", "黄河南路", "长江南路", "长江北路", "马鞍山路", "柏庐中路", "柏庐南路", "萧林路",
        "景王路", "祖冲之路", "江浦路", "樾河路", "震川路", "同丰路", "白马泾路", "珠江路", "花安路",
        "金阳路", "顺帆路", "古城路", "淀山湖大道", "锦周公路", "东城大道", "中华园路", "青阳路",
        "娄江路", "昆太路", "春晖路", "盛希路", "蓬朗路", "新南路", "庙泾路",
    ]

    static let estates = [
        "春晖花园", "阳光花园", "亭林新村", "玉龙花园", "蝶湖湾", "中海国际社区", "金色家园", "盛世嘉园",
        "北门路新村", "城市花园", "柏庐花园", "紫竹苑", "翠竹苑", "香榭丽舍", "东方华庭", "御景园",
        "金鹰国际花园", "康居公寓", "江南名府", "华城美地", "新城域", "万科城市花园", "玉兰公馆", "碧桂园",
        "文化家园", "蓬曦园", "朝阳新村", "兵希新村", "张浦花园", "周市花园", "陆家花园", "巴城新村",
        "湖滨花苑", "锦绣江南", "水岸华庭", "绿地世纪城", "馨园", "映月湾", "长岛花园", "星悦湾",
    ]

    /// Planned uses (规划用途) that count as residential in the 2023 policy, with shares.
    static let residentialUses: [(String, Int)] = [("住宅", 60), ("成套住宅", 36), ("别墅", 4)]
    /// Planned uses that do not count, with shares.
    static let otherUses: [(String, Int)] = [
        ("商业", 4), ("办公", 3), ("商住", 3), ("车库", 2), ("酒店式公寓", 2),
    ]

    /// Account states of 医保 besides 正常.
    static let abnormalAccountStates = ["暂停", "终止"]

    /// Birth-place region codes of new residents, many counties of the provinces most of them
    /// come from, so the provinces are weighted by how many counties each lists.
    static let birthRegions = [
        "340121", "340122", "340123", "340321", "340322", "340323", "340421", "340521",
        "340822", "341122", "341125", "341126", "341181", "341221", "341222", "341225",
        "341226", "341281", "341321", "341322", "341323", "341324", "341521", "341522",
        "341523", "341621", "341622", "341623", "341721", "410221", "411421", "411422",
        "411423", "411424", "411621", "411622", "411623", "411625", "411627", "411628",
        "411721", "411722", "411723", "411724", "411526", "411527", "320321", "320322",
        "320324", "320381", "320382", "320721", "320722", "320723", "320826", "320830",
        "320831", "320923", "320924", "320925", "321322", "321323", "321324", "510921",
        "511321", "511322", "511323", "511324", "511325", "511621", "511622", "511623",
        "511722", "511723", "511921", "511922", "510824", "420281", "421022", "421023",
        "421087", "421122", "421125", "421126", "421127", "421182", "371321", "371322",
        "371323", "371324", "371721", "371722", "371723", "371724", "371725", "360121",
        "360424", "361127", "361128", "361129", "520221", "522422", "522423", "522425",
        "522426", "522427", "500228", "500229", "500235", "500236", "500237",
    ]

    /// Where contributions are paid besides Kunshan (`320583`, always index 0).
    static let contributionRegions = [
        "320583", "320505", "320506", "320507", "320508", "320581", "320582", "320585",
        "310115", "310112", "310118", "330106", "440306", "441900", "341221", "411628",
        "320382", "511321",
    ]

    /// Public schools by stage, written after the town's name.
    static let primarySchools = ["中心小学", "实验小学", "第二中心小学"]
    static let juniorSchools = ["中学", "实验初级中学"]
    /// Private schools families may list first or second.
    static let privateSchools = [
        "昆山市娄江实验学校", "昆山市振华实验学校", "昆山葛江中学", "昆山市秀峰中学", "昆山市康桥学校",
    ]
}
