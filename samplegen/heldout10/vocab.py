"""Word lists for the tenth held-out set only: other surnames, given names, companies, departments
and post words than the development set and the nine other held-out sets (a test asserts it). Every
name, company, city and post is made up.

Rare kanji here (髙 﨑 邉 德 栁 硲 椛 杣 嵩 鰐 鴫 忽 禎 將 壯 萠 靜 皓 絢 鐵 昊 柾) were checked to survive
the PDF font's text layer (inserted, saved, extracted again with PyMuPDF); all are unified ideographs
that NFKC leaves alone (﨑 U+FA11 is one of the twelve unified ideographs in the compatibility block).
髙 﨑 邉 德 栁 appear in other sets too, but never in the same surname.

The municipal press release (kisha_happyo) draws from its own lists below (CITIES, BUREAUS, RANKS,
PREFECTURES): a city's bureaus and sections are not a company's departments."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "穂積:ほづみ 楠瀬:くすのせ 不破:ふわ 日置:ひおき 汐見:しおみ 浮田:うきた 百武:ひゃくたけ 葛西:かさい "
    "真鍋:まなべ 海老沢:えびさわ 神戸:かんべ 御子柴:みこしば 四方:しかた 三瓶:さんぺい 長船:おさふね "
    "門馬:もんま 鍛代:きたい 二階堂:にかいどう 忽那:くつな 鴫原:しぎはら 槌谷:つちや 隈元:くまもと "
    # Variant kanji, kept exactly in the truth (髙 is not 高, 﨑 is not 崎, 邉 is not 辺, 德 is not 徳,
    # 栁 is not 柳).
    "髙須:たかす 髙尾:たかお 矢﨑:やざき 岩﨑:いわさき 川邉:かわべ 邉土名:へんとな 德武:とくたけ "
    "栁生:やぎゅう 硲:はざま 椛島:かばしま 杣:そま 嵩原:たけはら 鰐淵:わにぶち")
GIVENS = pairs(
    "禎之:さだゆき 將:しょう 壯一:そういち 萠:もえ 靜香:しずか 皓平:こうへい 絢子:あやこ 稜:りょう "
    "龍之介:りゅうのすけ 鐵男:てつお 昊:そら 柾:まさき 祐希:ゆうき 晴臣:はるおみ 千景:ちかげ 泰造:たいぞう "
    "早織:さおり 楓:かえで 陸:りく 紗英:さえ 伸治:しんじ 由起:ゆき")
COMPANIES = ("株式会社いなほ電工", "しおさい製薬株式会社", "株式会社からまつ建設", "ＴＯＷＡＤＡ精密株式会社",
             "株式会社こはく食品", "ゆきわり電子株式会社", "株式会社さざなみ海運", "ほしかげ生命保険株式会社")
GROUP_COMPANIES = ("いなほエンジニアリング株式会社", "しおさいメディカル株式会社", "からまつリフォーム株式会社",
                   "こはくデリカ株式会社")
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "事業開発部:bu ソリューション営業部:bu 品質統制部:bu 製品安全部:bu タレントマネジメント部:bu 特許法務部:bu 購買戦略部:bu "
    "広報宣伝部:bu 業務プロセス改革部:bu 国内営業統括本部:tokatsu グローバル生産統括本部:tokatsu 役員秘書室:shitsu 監査役事務室:shitsu "
    "中央研究所:ken 先端技術研究所:ken 調達グループ:grp 物流企画グループ:grp 債権管理グループ:grp"))
POSTS = {  # highest rank first; none of these words is a post word of another set
    "bu": ("ディレクター", "アソシエイトディレクター", "プロジェクトリーダー"),
    "tokatsu": ("統括本部長", "副統括本部長"), "shitsu": ("参与", "参事", "副参事"),
    "ken": ("研究所長", "副研究所長", "上級研究員"), "grp": ("グループマネージャー", "チーフ")}
OUTSIDE = (("ひなげし法律事務所", "アソシエイト弁護士"), ("東陵大学", "客員教授"), ("株式会社せせらぎ銀行", "融資課長"),
           ("ときわ総合研究所", "主任コンサルタント"))
ADDRESSEES = ("各位", "従業員の皆さんへ", "グループ社員各位")
NEW_UNITS = ("デジタル変革推進部", "サプライチェーン企画室", "顧客体験デザイン部")

# kisha_happyo: the city that announces, its bureaus with their sections, the three ranks a
# municipal release lists (a post is written as the city writes it: 都市整備局長, 都市整備局次長,
# 都市整備局 道路管理課長), and the prefectures staff are seconded from (dropped from an old post, as
# an employer's).
CITIES = ("かすみ野市", "東みなと市", "さぎの宮市")
BUREAUS = {
    "市民協働局": ("地域振興課", "市民相談課"), "こども未来局": ("子育て支援課", "保育運営課"),
    "都市整備局": ("道路管理課", "公園緑地課"), "環境共生局": ("資源循環課", "環境保全課"),
    "健康福祉局": ("地域包括ケア推進課", "障がい福祉課"), "財政局": ("税制課", "市民税課"),
    "経済観光局": ("観光交流課", "商工振興課")}
RANKS = ("局長級", "次長級", "課長級")
PREFECTURES = (("みずほ県", ("土木部 技監", "総務部 参事", "健康福祉部 企画監")),
               ("うなばら県", ("企画部 政策監", "農林部 技術参事")))

HELD_OUT_10 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                    depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
