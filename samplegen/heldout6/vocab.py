"""Word lists for the sixth held-out set only: other surnames, given names, companies and
departments than the development set and the first five held-out sets (a test asserts it).
Every name, company and post is made up.

Rare kanji here (櫻 冨 瀨 槇 國 澤 嶋 邊 廣 髙 惠 曻 榮 實) were checked to survive the PDF font's
text layer; 𠮷 (U+20BB7) does not and is left out."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "石田:いしだ 松尾:まつお 小池:こいけ 内藤:ないとう 堤:つつみ 江口:えぐち 戸田:とだ 須藤:すどう 根本:ねもと "
    "相馬:そうま 南:みなみ 足立:あだち 浜野:はまの 河合:かわい 寺田:てらだ 沼田:ぬまた 羽鳥:はとり 乙部:おとべ "
    "鮫島:さめじま 薬師寺:やくしじ 冨田:とみた 嶋田:しまだ "
    # Variant kanji, kept exactly in the truth (櫻 is not 桜, 瀨 is not 瀬, 國 is not 国, 澤 is not 沢).
    "櫻井:さくらい 瀨川:せがわ 槇野:まきの 國分:こくぶ 澤井:さわい 邊見:へんみ 廣川:ひろかわ 髙瀬:たかせ")
GIVENS = pairs(
    "惠子:けいこ 曻:のぼる 眞理:まり 榮一:えいいち 善之:よしゆき 實:みのる 颯:はやて 湊:みなと 遥:はるか "
    "崇:たかし 篤:あつし 伸一:しんいち 夏美:なつみ 玲奈:れな 詩織:しおり 恭平:きょうへい 将大:まさひろ "
    "陸斗:りくと 周平:しゅうへい 昌子:まさこ 冴子:さえこ 澄江:すみえ")
COMPANIES = ("株式会社あさひな電工", "みどりの精密株式会社", "株式会社なぎさ食品", "ＫＯＴＯＢＡ化成株式会社",
             "株式会社ほしあかり通信", "くすのき製薬株式会社", "株式会社ゆうなぎ重工", "とびうお物産株式会社")
GROUP_OF = {
    "株式会社あさひな電工": ("あさひなサービス株式会社",), "みどりの精密株式会社": ("みどりのテクノ株式会社",),
    "株式会社なぎさ食品": ("なぎさデリカ株式会社",), "ＫＯＴＯＢＡ化成株式会社": ("ＫＯＴＯＢＡ物流株式会社",),
    "株式会社ほしあかり通信": ("ほしあかりネット株式会社",), "くすのき製薬株式会社": ("くすのきヘルス株式会社",),
    "株式会社ゆうなぎ重工": ("ゆうなぎエンジ株式会社",), "とびうお物産株式会社": ("とびうおトレード株式会社",)}
GROUP_COMPANIES = tuple(g for c in COMPANIES for g in GROUP_OF[c])
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "経営管理部:bu 関西営業部:bu 商品企画部:bu 環境安全部:bu 広報IR部:bu 人財開発部:bu 法人ソリューション部:bu "
    "原価管理部:bu 安全衛生部:bu 物流企画部:bu デジタル推進部:bu CS推進室:shitsu 経営監査室:shitsu "
    "サステナビリティ室:shitsu 静岡支店:shiten 長野支店:shiten 金沢営業所:sho 旭川営業所:sho 千歳工場:kojo "
    "海外事業本部:honbu コーポレート本部:honbu 基盤技術研究所:lab"))
POSTS = {  # highest rank first
    "bu": ("部長", "副部長", "担当部長", "課長", "課長補佐"), "shitsu": ("室長", "室次長", "グループリーダー"),
    "shiten": ("支店長", "副支店長", "営業課長"), "sho": ("所長", "所長補佐"), "kojo": ("工場長", "副工場長", "製造課長"),
    "honbu": ("本部長", "副本部長"), "lab": ("所長", "研究主幹", "主任研究員")}
OUTSIDE = (("そよかぜ法律事務所", "弁護士"), ("ＬＭ有限責任監査法人", "パートナー"), ("東湊大学", "教授"),
           ("株式会社かざぐるま銀行", "常務執行役員"))
ADDRESSEES = ("各位", "社員各位", "関係各位", "各部門長 各位")
NEW_UNITS = ("グローバル人事室", "データ基盤部")

HELD_OUT_6 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                   depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
