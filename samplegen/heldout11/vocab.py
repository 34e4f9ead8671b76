"""Word lists for the eleventh held-out set only: other surnames, given names, companies, departments
and post words than the development set and the ten other held-out sets (a test asserts it). Every
name, company, university and post is made up.

Rare kanji here (龜 靑 寳 鹽 黃 穗 榊 椙 藪 楢 樫 﨑 髙 濱 諒 堯 豐 晧 衞 滉 旻 錬 綸 乘 壹) were checked
to survive the PDF font's text layer (inserted, saved, extracted again with PyMuPDF); all are unified
ideographs that NFKC leaves alone (﨑 U+FA11 is one of the twelve unified ideographs in the
compatibility block). 﨑 髙 濱 appear in other sets too, but never in the same surname.

The university form (kyoin_jinji) draws from its own lists below (UNIVERSITIES, FACULTIES,
GRAD_SCHOOLS, OTHER_UNIVERSITIES): a university's faculties are not a company's departments. Its
academic ranks (教授, 准教授, 講師, 助教) are the one exception to the disjoint post words: no
university can do without them, and other sets print them only as outside employers' posts."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "赤羽:あかばね 乾:いぬい 越智:おち 小田島:おだじま 笹倉:ささくら 宍倉:ししくら 新発田:しばた 砂子:すなご "
    "鶴見:つるみ 土橋:どばし 富樫:とがし 波多野:はたの 蛭田:ひるた 舟越:ふなこし 帆足:ほあし 茂木:もてぎ "
    "八幡:やはた 弓削:ゆげ 和気:わけ 遊佐:ゆさ 目黒:めぐろ 芳賀:はが "
    # Variant kanji, kept exactly in the truth (龜 is not 亀, 靑 is not 青, 寳 is not 宝, 鹽 is not 塩,
    # 黃 is not 黄, 穗 is not 穂, 﨑 is not 崎, 髙 is not 高, 濱 is not 浜).
    "龜井:かめい 靑山:あおやま 寳田:たからだ 鹽谷:しおや 黃瀬:きせ 穗坂:ほさか 榊原:さかきばら 椙山:すぎやま "
    "藪内:やぶうち 楢﨑:ならさき 樫村:かしむら 髙倉:たかくら 濱砂:はますな")
GIVENS = pairs(
    "諒:りょう 堯:たかし 嘉一:かいち 豐:ゆたか 晧一:こういち 衞:まもる 滉:こう 旻:あきら 錬:れん 綸子:りんこ "
    "乘一:じょういち 壹郎:いちろう 莉子:りこ 拓真:たくま 亜弓:あゆみ 史織:しおり 大地:だいち 千里:ちさと "
    "信吾:しんご 政宏:まさひろ 和奏:わかな 久志:ひさし 芽衣:めい 良太:りょうた")
COMPANIES = ("株式会社はまなす工業", "あかつき物産株式会社", "株式会社ゆうなぎ化成", "ＳＯＲＡＴＯ通信株式会社",
             "株式会社つばき不動産", "みおつくし精機株式会社", "株式会社ひぐらし商事", "やまびこ運輸株式会社")
GROUP_COMPANIES = ("はまなすテクノ株式会社", "あかつきロジ株式会社", "ゆうなぎケミカル株式会社",
                   "つばきビルサービス株式会社")
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "法人営業ユニット:unit 生産技術ユニット:unit 人財開発ユニット:unit 経営管理ユニット:unit 需給調整ユニット:unit "
    "知的財産セクション:sec 与信管理セクション:sec 渉外広報セクション:sec 設備保全班:han 出荷検査班:han "
    "設計技術室:gi 材料評価室:gi 素材事業本部:jhon エネルギー事業本部:jhon"))
POSTS = {  # highest rank first; none of these words is a post word of another set
    "unit": ("ユニット長", "副ユニット長", "シニアエキスパート"), "sec": ("セクションリーダー", "サブリーダー"),
    "han": ("班長", "副班長"), "gi": ("技師長", "主任技師"), "jhon": ("事業本部長", "副事業本部長")}
OUTSIDE = (("あさぎり法律事務所", "オブカウンセル"), ("ふたば総合研究所", "研究フェロー"),
           ("株式会社みさき銀行", "審査役"), ("南星大学", "非常勤講師"))
ADDRESSEES = ("関係各位", "全社員各位", "部課長各位")
NEW_UNITS = ("カスタマーサクセス推進室", "データガバナンスユニット")

# kyoin_jinji: the university that announces (the company), its faculties and graduate schools, the
# academic ranks (highest first) and the universities new staff come from (dropped from an old post,
# as an employer).
UNIVERSITIES = ("あけぼの大学", "しらなみ工業大学", "みなせ学院大学")
FACULTIES = ("経済学部", "理工学部", "文芸学部", "看護学部", "国際教養学部", "情報科学部")
GRAD_SCHOOLS = ("経済学研究科", "理工学研究科", "人間文化研究科", "看護学研究科")
RANKS = ("教授", "准教授", "講師", "助教")
OTHER_UNIVERSITIES = ("くすのき大学", "ほくせい科学技術大学", "ふよう女子大学")

HELD_OUT_11 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                    depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
