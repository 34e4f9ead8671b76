"""Word lists for the fourth held-out set only: other surnames, given names, companies and
departments than the development set and the first three held-out sets (a test asserts it).
Every name, company and post is made up."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "相沢:あいざわ 石原:いしはら 上野:うえの 大川:おおかわ 小松:こまつ 笠原:かさはら 川村:かわむら 岸本:きしもと "
    "久保:くぼ 小西:こにし 佐野:さの 柴田:しばた 白石:しらいし 須田:すだ 田村:たむら 土井:どい 中野:なかの "
    "西田:にしだ 野田:のだ 畑中:はたなか 平田:ひらた 福田:ふくだ 増田:ますだ 松岡:まつおか 村田:むらた 矢野:やの "
    "横田:よこた 和田:わだ 長宗我部:ちょうそかべ 五百旗頭:いおきべ "
    # Variant kanji, kept exactly in the truth (髙 is not 高, 﨑 is not 崎, 濵 is not 浜, 眞 is not 真).
    "髙梨:たかなし 野﨑:のざき 濵口:はまぐち 眞田:さなだ 齋賀:さいが 德本:とくもと 栁井:やない 渡邉谷:わたなべや")
GIVENS = pairs(
    "浩一:こういち 修平:しゅうへい 智史:さとし 康介:こうすけ 大介:だいすけ 直美:なおみ 恭子:きょうこ 由香:ゆか "
    "宏:ひろし 昭:あきら 勇:いさむ 学:まなぶ 淳:じゅん 雅子:まさこ 里美:さとみ 俊:しゅん 隼人:はやと 翼:つばさ "
    "颯太:そうた 典子:のりこ 敏行:としゆき 克也:かつや 泰三:たいぞう 純一:じゅんいち 奈緒:なお")
COMPANIES = ("株式会社わかたけ製作所", "みなみかぜ電力株式会社", "ＫＡＳＵＧＡ産業株式会社", "株式会社しろがね金属",
             "あさぎり食品株式会社", "株式会社ふたば薬品", "ＳＡＫＵＲＡＤＡ運輸株式会社", "株式会社ながれぼし航空")
GROUP_COMPANIES = ("わかたけテクノサービス株式会社", "みなみかぜエナジー株式会社", "株式会社しろがねリサイクル",
                   "あさぎりデリカ株式会社", "株式会社ふたばヘルスケア", "ＳＡＫＵＲＡＤＡエクスプレス株式会社")
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "企画管理部:bu 資金部:bu リスク管理部:bu 営業推進部:bu 法人営業第一部:bu 法人営業第二部:bu 国内営業部:bu "
    "輸出部:bu 開発設計部:bu 製品技術部:bu 生産推進部:bu 調達物流部:bu 人事総務部:bu 経理部_経理課:ka "
    "情報セキュリティ室:shitsu IR・広報室:shitsu 内部統制室:shitsu 盛岡支店:shiten 宇都宮支店:shiten "
    "浜松支店:shiten 松山営業所:sho 鹿児島営業所:sho 長野工場:kojo 苫小牧工場:kojo 北陸支社:shisha 四国支社:shisha "
    "生産統括本部:honbu 営業統括本部:honbu 応用研究所:lab"))
POSTS = {  # highest rank first
    "bu": ("部長", "副部長", "担当部長", "課長", "係長"), "ka": ("課長", "課長代理", "係長"),
    "shitsu": ("室長", "副室長", "室長代理"), "shiten": ("支店長", "副支店長", "営業課長"), "sho": ("所長", "副所長"),
    "kojo": ("工場長", "副工場長", "製造課長"), "shisha": ("支社長", "副支社長"), "honbu": ("本部長", "副本部長"),
    "lab": ("所長", "副所長", "主任研究員")}
OUTSIDE = (("くすのき法律事務所", "弁護士"), ("ＭＹ有限責任監査法人", "パートナー"), ("東湖大学", "特任教授"),
           ("株式会社あすなろ銀行", "常務取締役"))
ADDRESSEES = ("各位", "従業員各位", "関係各部署 各位", "株主・投資家各位")
NEW_UNITS = ("事業変革推進室", "グローバル戦略部", "品質革新センター")

HELD_OUT_4 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                   depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
