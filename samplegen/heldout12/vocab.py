"""Word lists for the twelfth held-out set only: other surnames, given names, companies, departments
and post words than the development set and the eleven other held-out sets (a test asserts it). Every
name, company, hospital, school, store and site is made up.

Rare kanji here (邉 齋 櫻 德 廣 澤 嶋 圓 國 槇 冨 舘 栁 會 瀨 峯 眞 惠 彌 瀧 禮 晉 昻 傳 凜) were checked
to survive the PDF font's text layer (inserted, saved, extracted again with PyMuPDF); all are unified
ideographs that NFKC leaves alone. Several appear in other sets too, but never in the same name.

Four forms announce for bodies that are not companies, and draw from their own lists below: a
hospital's nursing department (HOSPITALS, WARDS, NURSE_RANKS), a retail chain's stores (RETAILERS,
DISTRICTS, STORES, STORE_RANKS, STORE_HQ), a city's board of education (BOARDS, SCHOOLS,
SCHOOL_RANKS, BOARD_UNITS) and a builder's sites (BUILDERS, SITES, SITE_RANKS, BUILDER_UNITS)."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "邉原:わたはら 齋原:さいはら 櫻庭:さくらば 德重:とくしげ 廣末:ひろすえ 澤口:さわぐち 嶋崎:しまざき 圓城:えんじょう "
    "國井:くにい 槇原:まきはら 冨岡:とみおか 舘山:たてやま 栁瀬:やなせ 會田:あいだ 瀨戸口:せとぐち 峯村:みねむら "
    # Variant kanji above are kept exactly in the truth (邉 is not 辺, 齋 is not 斎, 櫻 is not 桜, 德 is not 徳).
    "鍛冶:かじ 喜屋武:きゃん 南雲:なぐも 葛城:かつらぎ 猪股:いのまた 九鬼:くき 天羽:あもう 毛利:もうり "
    "朝比奈:あさひな 鷲尾:わしお 栗城:くりき 堀之内:ほりのうち 日比:ひび 百目鬼:どうめき 仁井田:にいだ 真柄:まがら")
GIVENS = pairs(
    "眞一:しんいち 惠:めぐみ 彌太郎:やたろう 瀧夫:たきお 禮:れい 晉:すすむ 昻平:こうへい 傳蔵:でんぞう 凜:りん "
    "祐輔:ゆうすけ 聡美:さとみ 奏太:そうた 伸彦:のぶひこ 雅之:まさゆき 麻央:まお 純平:じゅんぺい 穣:みのる "
    "篤志:あつし 杏奈:あんな 千晶:ちあき 航大:こうだい 紗季:さき 遼平:りょうへい 柚子:ゆず")
COMPANIES = ("株式会社こまどり電子", "かざはな食品株式会社", "株式会社うぐいす住設", "ＮＡＧＩＳＡシステムズ株式会社",
             "株式会社しおさい保険サービス", "はるかぜ製薬株式会社")
GROUP_COMPANIES = ("こまどりフィールドサポート株式会社", "かざはなデリカ株式会社")
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "顧客窓口センター:desk 経費精算デスク:desk 労務相談デスク:desk 情報システム窓口:desk "
    "総務サービス課:kakari 給与厚生課:kakari 購買調達課:kakari 社内広報課:kakari"))
POSTS = {  # highest rank first; none of these words is a post word of another set
    "desk": ("デスク責任者", "デスク担当"), "kakari": ("総括主任", "係員")}
OUTSIDE = (("みどり台税理士法人", "税理士補助"), ("株式会社はなみずき派遣", "派遣スタッフ"))
ADDRESSEES = ("各部署 担当者各位", "社員の皆さまへ")
NEW_UNITS = ("業務改革推進デスク",)

# byoto_betsu: a hospital's nursing department (the hospital is the company), its wards, the nursing
# ranks (highest first) and where nurses come from besides another ward.
HOSPITALS = ("医療法人 さくなみ会 さくなみ中央病院", "社会医療法人 あおば記念病院", "こうのとり市立総合病院")
WARDS = ("東４病棟", "西５病棟", "南３病棟", "ＨＣＵ", "手術室", "外来", "回復期リハビリ病棟", "地域包括ケア病棟")
NURSE_RANKS = ("看護師長", "副看護師長", "主任看護師", "スタッフ看護師")
NURSE_OFFICE = ("看護部 教育担当", "医療安全管理室 専従看護師", "入退院支援センター 退院調整看護師")

# tenpo_kaiten: a retail chain, its districts and stores (code, name), the store posts (highest
# first) and head-office posts store managers come from.
RETAILERS = ("株式会社マルタカ・ストアーズ", "ひなげしマート株式会社", "株式会社フレッシュ館しろがね")
DISTRICTS = ("北部地区", "中央地区", "湾岸地区", "西部地区")
STORES = ("緑ヶ丘店", "港南台店", "桜木町駅前店", "ひばりが丘店", "若葉台店", "鶴舞店", "浜風通り店", "大曲店",
          "三ツ池店", "新田原店", "柳橋店", "高砂北店")
STORE_RANKS = ("ストアマネジャー", "副ストアマネジャー", "売場チーフリーダー")
STORE_HQ = ("商品本部 青果バイヤー", "商品本部 精肉バイヤー", "店舗運営部 スーパーバイザー", "人材開発部 トレーナー")

# kyoshokuin_ido: a city's board of education (the announcing body), its schools, the ranks that
# change (highest first) and the board's own units a head teacher may come from.
BOARDS = ("かもめ市教育委員会", "ゆりの木町教育委員会", "しののめ市教育委員会")
SCHOOLS = ("かもめ第一小学校", "北浜小学校", "東雲台小学校", "若潮小学校", "汐見中学校", "かもめ西中学校",
           "緑風中学校", "松風小学校", "白浜義務教育学校", "岬ヶ丘中学校")
SCHOOL_RANKS = ("校長", "副校長", "教頭", "主幹教諭")
BOARD_UNITS = ("学校教育課 指導主事", "教育センター 研究主事", "教職員課 管理主事")

# sagyosho_haichi: a builder, its sites (each a 工事 with its own 作業所), the site ranks (highest
# first) and the head-office posts a site manager may come from.
BUILDERS = ("株式会社みさご建設", "あけびの工務店株式会社", "しらさぎ組株式会社")
SITES = ("みなと台マンション新築工事", "ひかり台小学校校舎改築工事", "こうのとり川護岸改修工事", "北浜物流センター新築工事",
         "県道しろがね線道路改良工事", "白鷺中央病院増築工事", "さざなみ浄水場更新工事", "汐見駅前再開発ビル新築工事")
SITE_RANKS = ("作業所長", "副作業所長", "工事担当主任")
BUILDER_UNITS = ("建築本部 工事監理室 工事監理役", "土木本部 技術課 設計担当", "安全品質部 安全指導役", "見積積算部 積算担当")

HELD_OUT_12 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                    depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
