"""Word lists for the thirteenth held-out set only: other surnames, given names, companies,
departments and post words than the development set and the twelve other held-out sets (a test
asserts it). Every name, company and bank is made up.

Rare kanji here (髙 﨑 邊 寳 藏 靜 濵) were checked to survive the PDF font's text layer (inserted,
saved, extracted again with PyMuPDF); 﨑 is U+FA11, one of the twelve unified ideographs of the
compatibility block, which NFKC leaves alone, so the truth keeps it (﨑 is not 崎, 髙 is not 高).

The newspaper column (shinbun_ginko) announces for banks, not the set's companies: BANKS,
BRANCHES, BANK_POSTS and BANK_HQ below."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "髙坂:こうさか 﨑元:さきもと 邊土名:へんとな 寳来:ほうらい 藏田:くらた 靜間:しずま 濵砂:はますな "
    # Variant kanji above are kept exactly in the truth.
    "隆杉:たかすぎ 槌田:つちだ 錦織:にしこり 帯刀:たてわき 土師:はじ 忍足:おしたり 鴨志田:かもしだ 蓮沼:はすぬま "
    "嵯峨:さが 鮫川:さめかわ 東風平:こちんだ 甘利:あまり 五十住:いそずみ 相良:さがら 小和田:おわだ 生田目:なまため "
    "筧田:かけいだ 比留間:ひるま 四方田:よもだ 八鍬:やくわ 雲雀:ひばり 猿渡:さるわたり 狩集:かりあつまり")
GIVENS = pairs(
    "髙志:たかし 濵子:はまこ 藏之介:くらのすけ 靜江:しずえ 寛治:かんじ 恭兵:きょうへい 蒼:あおい 萌々:もも "
    "董子:とうこ 巌:いわお 玲央:れお 兼続:かねつぐ 稔彦:としひこ 衛:まもる 志穂:しほ 匠海:たくみ")
COMPANIES = ("株式会社やまびこ精機", "ひいらぎ物産株式会社", "株式会社つばくろ運輸", "ＫＯＨＡＫＵテクノ株式会社",
             "株式会社あさつゆ化成")
GROUP_COMPANIES = ("やまびこメンテナンス株式会社", "ひいらぎロジテック株式会社")
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "生産技術センター:center 品質保証センター:center 物流企画センター:center 調達戦略センター:center "
    "経営企画ユニット:unit 法務コンプライアンスユニット:unit 海外事業ユニット:unit 技術開発ユニット:unit"))
POSTS = {  # highest rank first; none of these words is a post word of another set
    "center": ("センター統括", "センター副統括", "センター員"), "unit": ("ユニット総括", "ユニットリーダー", "ユニットメンバー")}
OUTSIDE = (("あけぼの監査法人", "シニアスタッフ"),)
ADDRESSEES = ("関係部署 御中", "社員・嘱託各位")
NEW_UNITS = ("デジタル変革ユニット",)

# shinbun_ginko: a regional paper's business-page column of bank branch managers.
BANKS = ("さざなみ銀行", "こがね信用金庫", "ひびき銀行", "あすなろ信用組合")
BRANCHES = ("本町支店", "駅南支店", "港北支店", "城東支店", "川端支店", "藤見台支店", "清水町支店", "長浜出張所",
            "新天地支店", "桐原支店")
BANK_POSTS = ("ブロック長兼支店長", "支店長補佐", "出張所責任者")
BANK_HQ = ("融資審査部 審査主幹", "営業統括部 推進役", "事務統括部 事務指導役", "人財部 研修役")
NEWSPAPERS = ("みなと経済新聞", "日刊かいきょう", "北斗タイムス")

HELD_OUT_13 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                    depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
