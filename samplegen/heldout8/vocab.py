"""Word lists for the eighth held-out set only: other surnames, given names, companies,
departments and post words than the development set and the seven other held-out sets (a test
asserts it). Every name, company and post is made up.

Rare kanji here (桒 曾 藏 嵜 邨 嶌 圓 稻 彅 澁 黑 兒 萬 纐 纈 壽 禮 與 淸 聰 遙 凜) were checked to
survive the PDF font's text layer (inserted, saved, extracted again with PyMuPDF); all are unified
ideographs that NFKC leaves alone."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "曽我部:そがべ 鷲見:すみ 櫛田:くしだ 檜垣:ひがき 蘆田:あしだ 鷹野:たかの 籠谷:かごたに 薗部:そのべ "
    "龍田:たつた 淵上:ふちがみ 鶴岡:つるおか 邑上:むらかみ 兵頭:ひょうどう 外山:とやま 仲宗根:なかそね "
    "印南:いんなみ 左近:さこん 冠木:かぶき 能勢:のせ 真壁:まかべ "
    # Variant kanji, kept exactly in the truth (桒 is not 桑, 曾 is not 曽, 藏 is not 蔵, 嵜 is not 崎,
    # 稻 is not 稲, 澁 is not 渋, 黑 is not 黒, 兒 is not 児, 萬 is not 万).
    "桒原:くわばら 曾根:そね 藏本:くらもと 山嵜:やまさき 中邨:なかむら 嶌田:しまだ 圓山:まるやま "
    "稻垣:いながき 草彅:くさなぎ 澁谷:しぶや 黑田:くろだ 兒玉:こだま 萬田:まんだ 纐纈:こうけつ")
GIVENS = pairs(
    "壽子:ひさこ 禮子:れいこ 與一:よいち 淸:きよし 聰:さとし 遙香:はるか 凜太郎:りんたろう 惣一:そういち "
    "亙:わたる 櫂:かい 逞:たくま 晄:こう 煕:ひろし 萬里子:まりこ 主税:ちから 八千代:やちよ 伊織:いおり "
    "朋美:ともみ 環:たまき 十和子:とわこ 総一朗:そういちろう 公平:こうへい")
COMPANIES = ("株式会社うぐいす精工", "すずらん信用金庫", "株式会社やまなみ製粉", "ＴＯＫＩＷＡ計測株式会社",
             "株式会社かささぎ物流", "みずなら建機株式会社", "株式会社あまつぶ水道", "株式会社ほたるび電装")
GROUP_OF = {
    "株式会社うぐいす精工": ("うぐいすプレシジョン株式会社",), "すずらん信用金庫": ("すずらんリース株式会社",),
    "株式会社やまなみ製粉": ("やまなみベーカリー株式会社",), "ＴＯＫＩＷＡ計測株式会社": ("ＴＯＫＩＷＡ校正サービス株式会社",),
    "株式会社かささぎ物流": ("かささぎ梱包株式会社",), "みずなら建機株式会社": ("みずならレンタル株式会社",),
    "株式会社あまつぶ水道": ("あまつぶ設備株式会社",), "株式会社ほたるび電装": ("ほたるびエレクトロ株式会社",)}
GROUP_COMPANIES = tuple(g for c in COMPANIES for g in GROUP_OF[c])
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "審査部:bu 渉外部:bu 与信管理部:bu 資産運用部:bu 施設管理部:bu 総合企画部:bu 人事企画部:bu 顧客体験部:bu "
    "市場開発部:bu 計装技術部:bu 株式室:shitsu 経営分析室:shitsu 監査役室:shitsu 日本橋店:ten 梅田店:ten "
    "郡山出張所:shutcho 鹿沼事業所:jigyosho 半導体事業部:jigyobu 医療機器事業部:jigyobu 計測技術研究部門:lab"))
POSTS = {  # highest rank first; none of these words is a post word of another set
    "bu": ("統括部長", "部長代行", "グループ長", "課長代行"), "shitsu": ("室長代行", "主任調査役", "調査役"),
    "ten": ("店長", "副店長"), "shutcho": ("出張所長", "出張所次長"), "jigyosho": ("事業所長", "副事業所長"),
    "jigyobu": ("事業部長", "副事業部長"), "lab": ("部門長", "主管研究員")}
OUTSIDE = (("あかつき総合法律事務所", "パートナー弁護士"), ("ＲＳ有限責任監査法人", "代表社員"),
           ("北洋学院大学", "特任教授"))
ADDRESSEES = ("各位", "職員各位", "部店長各位", "役職員各位")
NEW_UNITS = ("ウェルビーイング推進室", "生成AI活用室")

HELD_OUT_8 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                   depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
