"""Word lists for the third held-out set only: other surnames, given names, companies and
departments than the development set and the first two held-out sets (a test asserts it).
Every name, company and post is made up."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "菅野:かんの 桜井:さくらい 片山:かたやま 望月:もちづき 秋山:あきやま 北村:きたむら 古川:ふるかわ 島田:しまだ "
    "成田:なりた 樋口:ひぐち 大西:おおにし 河野:こうの 本田:ほんだ 浅野:あさの 栗原:くりはら 杉本:すぎもと "
    "飯田:いいだ 永井:ながい 熊谷:くまがい 吉川:よしかわ 丸山:まるやま 小田切:おだぎり 日比野:ひびの 百瀬:ももせ "
    "勘解由小路:かでのこうじ 一:にのまえ "
    # Variant kanji, kept exactly in the truth (髙 is not 高, 﨑 is not 崎, 邊 is not 辺, 眞 is not 真).
    "髙畑:たかはた 尾﨑:おざき 﨑山:さきやま 川邊:かわべ 齋田:さいだ 德山:とくやま 濵崎:はまさき 栁沢:やなぎさわ "
    "眞鍋:まなべ 田邉:たなべ")
GIVENS = pairs(
    "秀人:ひでと 和夫:かずお 清:きよし 英樹:ひでき 久美子:くみこ 文子:ふみこ 正和:まさかず 俊彦:としひこ "
    "浩司:こうじ 亜希子:あきこ 健司:けんじ 春香:はるか 拓海:たくみ 蓮:れん 陽菜:ひな 悟:さとる 優太:ゆうた "
    "弘:ひろし 充:みつる 美奈:みな 章:あきら 伸也:しんや 千秋:ちあき 和宏:かずひろ 貴之:たかゆき")
COMPANIES = ("株式会社あけぼの電工", "ひかり精密工業株式会社", "ＳＯＲＡ化学株式会社", "株式会社いろは製菓",
             "やまびこ通商株式会社", "株式会社ことぶき建材", "ＨＯＫＵＳＥＩ機械株式会社", "みずほし観光株式会社")
GROUP_COMPANIES = ("あけぼのサービス株式会社", "ひかりロジテック株式会社", "株式会社ＳＯＲＡファインケム",
                   "いろはフーズ販売株式会社", "やまびこトレーディング株式会社", "株式会社ことぶきホーム")
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "総務・人事部:bu 財務・IR部:bu 営業統括部:bu 販売促進部:bu 海外営業部:bu 技術開発部:bu 生産企画部:bu "
    "物流部:bu 品質保証・環境部:bu 経理財務部:bu 第一営業部:bu 第二営業部:bu 営業本部_東日本営業部:bu "
    "管理本部_総務・人事部:bu 監査部:bu 経営管理室:shitsu 秘書・広報室:shitsu サステナビリティ推進室:shitsu "
    "旭川支店:shiten 仙台支店:shiten 川崎支店:shiten 静岡営業所:sho 岡山営業所:sho 滋賀工場:kojo 鹿島工場:kojo "
    "東日本支社:shisha 西日本支社:shisha 営業本部:honbu 管理本部:honbu 技術研究所:lab"))
POSTS = {  # highest rank first
    "bu": ("部長", "部次長", "担当部長", "課長", "課長補佐"), "shitsu": ("室長", "室次長", "担当課長"),
    "shiten": ("支店長", "副支店長", "支店長代理"), "sho": ("所長", "所長代理"),
    "kojo": ("工場長", "副工場長", "製造部長"), "shisha": ("支社長", "副支社長"),
    "honbu": ("本部長", "副本部長"), "lab": ("所長", "副所長", "主幹研究員")}
OUTSIDE = (("さつき総合法律事務所", "弁護士"), ("ＡＺ有限責任監査法人", "シニアパートナー"), ("南都大学大学院", "教授"),
           ("株式会社ときわ銀行", "専務執行役員"))
ADDRESSEES = ("各位", "関係部署各位", "社員各位", "グループ各社 各位")
NEW_UNITS = ("AI活用推進室", "人財戦略部", "カーボンニュートラル推進室")
OFFICER_POSTS = ("代表取締役社長", "取締役副社長", "専務取締役", "常務取締役", "取締役", "常務執行役員", "執行役員",
                 "常勤監査役", "監査役")

HELD_OUT_3 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                   depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
