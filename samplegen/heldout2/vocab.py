"""Word lists for the second held-out set only: other surnames, given names, companies and
departments than samplegen/vocab.py and samplegen/heldout/vocab.py (a test asserts it).
Every name, company and post is made up."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "中島:なかじま 小川:おがわ 岡田:おかだ 山口:やまぐち 宮本:みやもと 石井:いしい 上田:うえだ 工藤:くどう "
    "酒井:さかい 菊地:きくち 松井:まつい 野村:のむら 新井:あらい 平野:ひらの 大塚:おおつか 谷口:たにぐち "
    "水野:みずの 市川:いちかわ 服部:はっとり 荒木:あらき 東:あずま 辻:つじ 一ノ瀬:いちのせ 四十物:あいもの "
    "御手洗:みたらい 小鳥遊:たかなし "
    # Variant kanji, kept exactly in the truth (髙 is not 高, 﨑 is not 崎, 邊 is not 辺).
    "髙田:たかだ 髙山:たかやま 川﨑:かわさき 岡﨑:おかざき 田邊:たなべ 齋木:さいき 德光:とくみつ 濵野:はまの")
GIVENS = pairs(
    "孝之:たかゆき 義明:よしあき 幸一:こういち 武:たけし 進:すすむ 洋平:ようへい 大輔:だいすけ 健太:けんた "
    "慎吾:しんご 浩之:ひろゆき 稔:みのる 豊:ゆたか 由紀:ゆき 恵子:けいこ 美咲:みさき 理恵:りえ 綾乃:あやの "
    "佳奈:かな 舞:まい 沙織:さおり 晴美:はるみ 直人:なおと 圭介:けいすけ 雄一郎:ゆういちろう 琴音:ことね")
COMPANIES = ("株式会社しおさい化成", "ＮＡＮＯＨＡ食品株式会社", "株式会社こだま精機", "みさき海運株式会社",
             "株式会社ひいらぎ不動産", "ＴＳＵＢＡＫＩ通信株式会社", "若葉ソフトウェア株式会社", "株式会社とうかい住設")
GROUP_COMPANIES = ("しおさいケミカル株式会社", "こだまメンテナンス株式会社", "株式会社みさきロジサービス",
                   "若葉データセンター株式会社", "ひいらぎアセット株式会社")
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "経営戦略部:bu 営業企画部:bu 業務改革部:bu 調達部:bu 生産管理部:bu 安全環境部:bu 知的財産部:bu "
    "商品開発部:bu 第3営業部:bu 西日本営業部:bu 顧客サービス部:bu 事業開発本部_新規事業部:bu "
    "コンプライアンス室:shitsu 社長室:shitsu 危機管理室:shitsu 神戸支店:shiten 金沢支店:shiten 新潟支店:shiten "
    "熊本営業所:sho 高松営業所:sho 北関東工場:kojo 四日市工場:kojo 中部支社:shisha 東北支社:shisha "
    "技術本部:honbu 生産本部:honbu 基礎研究所:lab"))
POSTS = {  # highest rank first
    "bu": ("部長", "次長", "グループリーダー", "チームリーダー", "主任"), "shitsu": ("室長", "室長補佐", "主任"),
    "shiten": ("支店長", "支店次長", "営業課長"), "sho": ("所長", "主任"), "kojo": ("工場長", "工場次長", "製造課長"),
    "shisha": ("支社長", "支社次長"), "honbu": ("本部長", "副本部長", "本部長代理"),
    "lab": ("所長", "主席研究員", "上席研究員")}
OUTSIDE = (("あさひ総合法律事務所", "パートナー弁護士"), ("ＫＳＫ有限責任監査法人", "パートナー"), ("西都大学", "教授"),
           ("株式会社かえで銀行", "常務執行役員"), ("みどり野商事株式会社", "代表取締役"))
ADDRESSEES = ("各位", "報道関係者各位", "グループ社員各位", "全社員各位")
NEW_UNITS = ("データマネジメント室", "GX推進部", "人的資本経営室")

HELD_OUT_2 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                   depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
