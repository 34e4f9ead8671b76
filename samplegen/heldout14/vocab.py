"""Word lists for the fourteenth held-out set only: other surnames, given names, companies,
departments and post words than the development set and the thirteen other held-out sets (a test
asserts it). Every name, company, association and school is made up.

Rare kanji here (髙 﨑 邊 德 鴇 鵤 雫 礒) were checked to survive the PDF font's text layer
(inserted, saved, extracted again with PyMuPDF); 﨑 is U+FA11, which NFKC leaves alone, so the truth
keeps it (﨑 is not 崎, 髙 is not 高, 德 is not 徳). 𠮷 (outside the BMP) was tried and dropped: the
built-in font's text layer loses it.

Form-specific words: the association's officers (yakuin_kaisen: ASSOCIATIONS, MEMBER_FIRMS,
KAI_POSTS), the new graduates' schools and sub-units (shinjin_haizoku: SCHOOLS, SUBUNITS)."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "髙宮:たかみや 篠﨑:しのざき 岸邊:きしべ 德江:とくえ 鴇田:ときた 鵤:いかるが 雫石:しずくいし 礒部:いそべ "
    # Variant kanji above are kept exactly in the truth.
    "舛添:ますぞえ 鬼丸:おにまる 轟:とどろき 薄井:うすい 神楽坂:かぐらざか 早乙女:さおとめ 月岡:つきおか 御園:みその "
    "桧山:ひやま 祝:いわい 春日部:かすかべ 漆原:うるしばら 蔦:つた 伍代:ごだい 香月:かつき 塩入:しおいり "
    "苗加:のうか 七海:ななみ 浦辺:うらべ 笈川:おいかわ 阿久津:あくつ 六車:むぐるま 柿添:かきぞえ 瓜生:うりゅう "
    "糸数:いとかず 十文字:じゅうもんじ")
GIVENS = pairs(
    "耕平:こうへい 朱里:あかり 颯真:そうま 湧太:ゆうた 悦子:えつこ 晃司:こうじ 千代:ちよ 源太:げんた "
    "雪乃:ゆきの 瑞穂:みずほ 鉄平:てっぺい 菫:すみれ 碧:あお 巴:ともえ 篤郎:あつろう 喜代美:きよみ "
    "貞夫:さだお 昇吾:しょうご 德子:のりこ 寿々:すず")
COMPANIES = ("株式会社あまぐも製作所", "いさりびフーズ株式会社", "株式会社しじみ電装", "ＭＯＥＧＩ精工株式会社",
             "株式会社やまぶき計器")
GROUP_COMPANIES = ("あまぐもサービス株式会社", "いさりび物流株式会社", "やまぶき計装エンジニアリング株式会社")
DEPTS = tuple(pairs(
    "計測機器ディビジョン:division 環境装置ディビジョン:division 産業部材ディビジョン:division "
    "海洋事業ディビジョン:division 経営企画オフィス:office 知財法務オフィス:office 人材開発オフィス:office "
    "購買管理オフィス:office"))
POSTS = {  # highest rank first; none of these words is a post word of another set
    "division": ("ディビジョン長", "ディビジョン長代理", "ディビジョン主任"),
    "office": ("オフィス長", "シニアアドバイザー", "アドバイザー")}
OUTSIDE = (("こぶし総合法律事務所", "所属弁護士"),)
ADDRESSEES = ("役員・社員各位", "全事業所 各位", "部門責任者 各位")
NEW_UNITS = ("次世代装置オフィス",)

# yakuin_kaisen: an industry association's board election; the association is the company, the
# member firm printed beside each officer is their employer (not the company).
ASSOCIATIONS = ("一般社団法人 全国精密計器協会", "一般社団法人 東海環境装置工業会", "公益社団法人 みちのく水産加工協会")
MEMBER_FIRMS = ("かたくり工業株式会社", "株式会社すいれん製作所", "ゆずりは化学株式会社", "株式会社おぼろ電機",
                "ほたてや商事株式会社", "株式会社つくしんぼ技研", "あさがお金属株式会社", "株式会社なでしこ測器")
FIRM_POSTS = ("代表取締役", "代表取締役社長", "取締役会長", "専務取締役", "常務取締役")
KAI_POSTS = ("会長", "副会長", "専務理事", "常務理事", "理事", "監事")

# shinjin_haizoku: new graduates' schools (a distractor column) and the sub-units they join.
SCHOOLS = ("北杜工業大学", "みなと外国語大学", "東雲理科大学", "南陽大学大学院", "浜風高等専門学校", "若竹経済大学")
SUBUNITS = ("設計係", "試験係", "業務係", "企画係")

HELD_OUT_14 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                    depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
