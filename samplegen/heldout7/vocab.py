"""Word lists for the seventh held-out set only: other surnames, given names, companies and
departments than the development set and the six other held-out sets (a test asserts it).
Every name, company and post is made up.

Rare kanji here (齋 齊 濱 舘 淺 彌 巖 穰 曉 條) were checked to survive the PDF font's text layer."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "大栗:おおぐり 小松原:こまつばら 柘植:つげ 樋渡:ひわたし 蓮見:はすみ 雲井:くもい 巽:たつみ 籾山:もみやま "
    "鬼塚:おにつか 駒井:こまい 芦沢:あしざわ 梶原:かじわら 苫米地:とまべち 猪俣:いのまた 塙:はなわ 筧:かけい "
    "栂野:とがの 鴨下:かもした 宍戸:ししど 久我:くが "
    # Variant kanji, kept exactly in the truth (齋 is not 斎, 濱 is not 浜, 淺 is not 浅, 條 is not 条).
    "齋須:さいす 齊木:さいき 濱坂:はまさか 舘野:たての 淺野:あさの 北條:ほうじょう")
GIVENS = pairs(
    "彌生:やよい 巖:いわお 穰:ゆたか 曉子:あきこ 紘一:こういち 瑛太:えいた 柊:しゅう 凛:りん 慧:さとし "
    "紬:つむぎ 智恵:ちえ 竜也:たつや 匠:たくみ 綾菜:あやな 和臣:かずおみ 朔:さく 亘:わたる 雅美:まさみ "
    "琴葉:ことは 萌:もえ 悠真:ゆうま 貴晴:たかはる")
COMPANIES = ("株式会社つばくろ製作所", "みさき化学工業株式会社", "株式会社こもれび住建", "ＳＡＫＵＲＡＧＩ電子株式会社",
             "株式会社あけぼの運輸", "かもめ飲料株式会社", "株式会社しろがね鋼業", "はるかぜ損保サービス株式会社")
GROUP_OF = {
    "株式会社つばくろ製作所": ("つばくろエンジニアリング株式会社", "つばくろ精機株式会社"),
    "みさき化学工業株式会社": ("みさきケミカル販売株式会社", "みさき樹脂株式会社"),
    "株式会社こもれび住建": ("こもれびホーム株式会社", "こもれびリフォーム株式会社"),
    "ＳＡＫＵＲＡＧＩ電子株式会社": ("ＳＡＫＵＲＡＧＩデバイス株式会社", "さくらぎ電子サービス株式会社"),
    "株式会社あけぼの運輸": ("あけぼのロジテック株式会社", "あけぼの倉庫株式会社"),
    "かもめ飲料株式会社": ("かもめボトリング株式会社", "かもめ自販機サービス株式会社"),
    "株式会社しろがね鋼業": ("しろがね加工株式会社", "しろがね鋼材販売株式会社"),
    "はるかぜ損保サービス株式会社": ("はるかぜ代理店株式会社", "はるかぜ事務センター株式会社")}
GROUP_COMPANIES = tuple(g for c in COMPANIES for g in GROUP_OF[c])
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "東北営業部:bu 資材購買部:bu 品質管理統括部:bu 総務法制部:bu ITインフラ部:bu 新事業創出部:bu 知財戦略部:bu "
    "北米営業部:bu 設備保全部:bu 内部統制推進室:shitsu 秘書広報室:shitsu 八戸支店:shiten 高松支店:shiten "
    "宇和島営業所:sho 釧路営業所:sho 那珂工場:kojo 販売統括本部:honbu 製造統括本部:honbu 先端材料研究所:lab"))
POSTS = {  # highest rank first
    "bu": ("部長", "次長", "担当部長", "課長", "係長"), "shitsu": ("室長", "室長代理", "チームリーダー"),
    "shiten": ("支店長", "副支店長", "業務課長"), "sho": ("所長", "副所長"), "kojo": ("工場長", "副工場長", "製造部長"),
    "honbu": ("本部長", "副本部長"), "lab": ("所長", "主席研究員", "上席研究員")}
OUTSIDE = (("ひいらぎ総合法律事務所", "弁護士"), ("ＭＮ監査法人", "シニアパートナー"), ("西都大学", "准教授"),
           ("株式会社みなと信託銀行", "執行役員"))
ADDRESSEES = ("各位", "従業員各位", "関係者各位", "所属長各位")
NEW_UNITS = ("人的資本推進室", "AI活用推進部")

HELD_OUT_7 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                   depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
