"""Word lists for the development forms. Every name, company and post is made up.

The held-out forms (samplegen/heldout) draw from their own lists so that a keyer tuned on these
cannot have memorised the vocabulary it is judged on.
"""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "佐藤:さとう 鈴木:すずき 田中:たなか 伊藤:いとう 中村:なかむら 小林:こばやし 加藤:かとう 吉田:よしだ 山田:やまだ "
    "松本:まつもと 井上:いのうえ 木村:きむら 林:はやし 清水:しみず 森:もり 池田:いけだ 橋本:はしもと 石川:いしかわ "
    "前田:まえだ 藤田:ふじた 後藤:ごとう 長谷川:はせがわ 村上:むらかみ 近藤:こんどう 坂本:さかもと 青木:あおき "
    "藤井:ふじい 西村:にしむら 太田:おおた 岡本:おかもと 中川:なかがわ 原田:はらだ 竹内:たけうち 金子:かねこ "
    "横山:よこやま 勅使河原:てしがわら "
    # Variant kanji: keyers must keep them exactly (髙 is not 高, 﨑 is not 崎, 邊 is not 辺).
    "髙橋:たかはし 髙木:たかぎ 宮﨑:みやざき 山﨑:やまざき 渡邊:わたなべ 齋藤:さいとう 渡邉:わたなべ 濵田:はまだ "
    "德永:とくなが 栁田:やなぎだ")
GIVENS = pairs(
    "太郎:たろう 次郎:じろう 浩二:こうじ 博:ひろし 達也:たつや 陽子:ようこ 麻衣:まい 信也:しんや 優子:ゆうこ "
    "光男:みつお 圭:けい 奈々:なな 大樹:だいき 勝:まさる 由美子:ゆみこ 健一:けんいち 誠:まこと 直樹:なおき 恵美:えみ "
    "翔太:しょうた 美穂:みほ 隆:たかし 智子:ともこ 一郎:いちろう 拓也:たくや 真由美:まゆみ 修:おさむ 彩:あや "
    "亮介:りょうすけ 順子:じゅんこ")
COMPANIES = ("かもめ電機株式会社", "青葉ネットワークス株式会社", "Yonyon株式会社", "株式会社ひまわりフーズ",
             "ＫＭＴ精工株式会社", "東雲ロジスティクス株式会社", "株式会社みなと建設", "北斗化学工業株式会社",
             "さくら情報システム株式会社", "ＡＢＣホールディングス株式会社")
GROUP_COMPANIES = ("ＴＭサービス株式会社", "北斗ロジスティクス株式会社", "株式会社ミライテック", "青葉ファイナンス株式会社")
# Department:kind of post it takes ("_" is a space); ASCII letters/digits print full-width in some files.
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "営業部:bu 第2営業部:bu 人事部:bu 総務部:bu 経理部:bu 法務部:bu 購買部:bu 製造部:bu 品質保証部:bu 海外事業部:bu "
    "マーケティング部:bu 情報システム部:bu 研究開発部:bu 管理本部_広報部:bu 経営企画室:shitsu DX推進室:shitsu "
    "内部監査室:shitsu 東京支店:shiten 名古屋支店:shiten 大阪支店:shiten 福岡営業所:sho 仙台営業所:sho "
    "物流センター:center IT本部:honbu"))
POSTS = {  # highest rank first, so a promotion goes to a lower index
    "bu": ("部長", "副部長", "次長", "課長", "課長代理", "係長"), "shitsu": ("室長", "副室長", "課長"),
    "shiten": ("支店長", "副支店長", "課長"), "sho": ("所長", "副所長", "係長"),
    "center": ("センター長", "副センター長"), "honbu": ("本部長", "副本部長")}
OUTSIDE = (("みらい監査法人", "パートナー"), ("Ｙｏｎｙｏｎシステムズ株式会社", "取締役"), ("東都大学大学院", "教授"),
           ("株式会社しらかば銀行", "常務執行役員"), ("ミナト商事株式会社", "代表取締役社長"))
ADDRESSEES = ("各位", "社員各位", "従業員各位", "関係者各位")
NEW_UNITS = ("データ戦略室", "サステナビリティ推進部")

DEV = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES, depts=DEPTS,
            posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
