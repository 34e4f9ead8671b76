"""Word lists for the ninth held-out set only: other surnames, given names, companies,
departments and post words than the development set and the eight other held-out sets (a test
asserts it). Every name, company, hospital and post is made up.

Rare kanji here (槗 舩 埜 苅 釼 靏 碕 鄕 桺 鑓 橳 峯 瀧 畠 渕 蛯 讓 廸 熈 昻 晉 恆 鷗 瑤) were checked
to survive the PDF font's text layer (inserted, saved, extracted again with PyMuPDF); all are
unified ideographs that NFKC leaves alone.

The hospital form (ikyoku_haken) draws from its own lists below (HOSPITALS, WARDS, DOCTOR_POSTS,
OTHER_HOSPITALS): a hospital's units and posts are not a company's."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "雨宮:あまみや 五味:ごみ 鳥羽:とば 仙波:せんば 刀根:とね 饗庭:あいば 甘粕:あまかす 比嘉:ひが 都築:つづき "
    "椎名:しいな 粟津:あわづ 鵜沢:うざわ 我妻:わがつま 生駒:いこま 榎並:えなみ 鍛治:かじ "
    # Variant kanji, kept exactly in the truth (槗 is not 橋, 舩 is not 船, 埜 is not 野, 苅 is not 刈,
    # 釼 is not 剣, 靏 is not 鶴, 碕 is not 崎, 鄕 is not 郷, 桺 is not 柳, 渕 is not 淵).
    "槗本:はしもと 舩木:ふなき 埜口:のぐち 苅谷:かりや 釼持:けんもち 靏田:つるた 碕山:さきやま 東鄕:とうごう "
    "桺井:やない 鑓水:やりみず 橳島:ぬでじま 峯岸:みねぎし 瀧本:たきもと 畠中:はたなか 渕野:ふちの 蛯名:えびな")
GIVENS = pairs(
    "讓:ゆずる 廸子:みちこ 熈:ひろむ 昻:のぼる 晉也:しんや 恆雄:つねお 鷗介:おうすけ 瑤子:ようこ "
    "澪:みお 栞:しおり 惇:じゅん 鞠子:まりこ 琢磨:たくま 樹里:じゅり 篤史:あつし 瑛士:えいじ 文乃:あやの "
    "郁代:いくよ 苑子:そのこ 貢:みつぐ 汐里:しおり 宗佑:そうすけ")
COMPANIES = ("株式会社しろがね工機", "ひばり総研株式会社", "株式会社あけぼの薬品", "ＮＡＧＩ化成株式会社",
             "株式会社つばくろ交通", "ことぶき百貨店株式会社", "株式会社かるがも銀行", "はやせ損害保険株式会社")
GROUP_COMPANIES = ("しろがねテクノサービス株式会社", "ひばりリサーチ株式会社", "あけぼのファーマ物流株式会社",
                   "つばくろバス株式会社")
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "財務戦略部:bu 広域営業部:bu 原料調達部:bu 店舗開発部:bu 運行管理部:bu 外商部:bu 融資部:bu "
    "事務統括部:bu 安全推進部:bu 保険金支払部:bu 薬事部:bu 社史編纂室:shitsu 企業年金室:shitsu 取締役会室:shitsu "
    "第一製造所:seizosho 湘南製造所:seizosho 横浜営業局:kyoku 北関東営業局:kyoku 日本橋本店:honten 池袋本店:honten"))
POSTS = {  # highest rank first; none of these words is a post word of another set
    "bu": ("ゼネラルマネージャー", "部長補佐", "シニアマネージャー", "マネージャー"),
    "shitsu": ("室長心得", "審議役", "副審議役"), "seizosho": ("製造所長", "副製造所長", "製造所次長"),
    "kyoku": ("営業局長", "営業局次長"), "honten": ("本店長", "副本店長", "フロアマネージャー")}
OUTSIDE = (("あさなぎ法律事務所", "弁護士"), ("みさき監査法人", "シニアパートナー"), ("北嶺学院大学", "名誉教授"))
ADDRESSEES = ("各位", "社員の皆さま", "関係各位", "全従業員各位")
NEW_UNITS = ("カスタマーサクセス部", "サステナビリティ経営室")

# ikyoku_haken: the hospital that announces, its wards and the posts its doctors hold, and the other
# hospitals doctors come from or go to (their names are dropped from an old post, as an employer's).
HOSPITALS = ("医療法人社団こもれび会 みさと総合病院", "社会医療法人あおさぎ会 あおさぎ記念病院",
             "地方独立行政法人 しらゆり市民病院")
WARDS = ("循環器内科", "消化器外科", "呼吸器内科", "整形外科", "麻酔科", "救急科", "放射線科", "小児科",
         "腎臓内科", "形成外科")
DOCTOR_POSTS = ("診療科長", "医長", "副医長", "医員")  # highest rank first
OTHER_HOSPITALS = (("北嶺大学病院", ("講師", "助教", "医員")), ("県立うみねこ医療センター", ("医長", "医員")),
                   ("みなせ赤十字病院", ("第二部長", "医員")), ("市立わかば病院", ("医長", "専攻医")))

HELD_OUT_9 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                   depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
