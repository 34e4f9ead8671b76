"""Word lists for the held-out forms only: other surnames, given names, departments, companies
and post words than samplegen/vocab.py. Every name, company and post is made up."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "安藤:あんどう 遠藤:えんどう 大野:おおの 菅原:すがわら 杉山:すぎやま 千葉:ちば 野口:のぐち 松田:まつだ "
    "小野寺:おのでら 桑原:くわばら 久保田:くぼた 宇佐美:うさみ 土屋:つちや 武田:たけだ 福島:ふくしま 三浦:みうら "
    "内田:うちだ 今井:いまい 堀:ほり 関:せき 大槻:おおつき 五十嵐:いがらし 東海林:しょうじ 仁科:にしな "
    "髙野:たかの 濱口:はまぐち 齊藤:さいとう 邉見:へんみ 嶋﨑:しまざき 德田:とくだ 廣瀬:ひろせ 冨永:とみなが")
GIVENS = pairs(
    "康弘:やすひろ 雅人:まさと 正樹:まさき 和也:かずや 秀樹:ひでき 聡:さとし 剛:つよし 茂:しげる 裕子:ゆうこ "
    "香織:かおり 千尋:ちひろ 真理子:まりこ 智也:ともや 悠斗:ゆうと 結衣:ゆい 葵:あおい 哲也:てつや "
    "俊介:しゅんすけ 明美:あけみ 紀子:のりこ 昌平:しょうへい 賢治:けんじ 早苗:さなえ 尚美:なおみ 渉:わたる")
COMPANIES = ("株式会社あおぞら製薬", "日進テクノロジー株式会社", "ＳＫＹ物産株式会社", "株式会社つばさ工業",
             "丸の内トラスト株式会社", "株式会社はやて運輸", "ＭＩＲＡＩ電子株式会社", "三つ葉商事株式会社")
GROUP_COMPANIES = ("あおぞらメディカル株式会社", "日進ソリューションズ株式会社", "株式会社つばさエンジニアリング",
                   "丸の内ビルサービス株式会社")
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "事業推進部:bu 財務部:bu 人材開発部:bu 生産技術部:bu 設計部:bu 資材部:bu 品質管理部:bu 国際部:bu "
    "法人営業部:bu 第1営業部:bu 営業本部_法人営業部:bu 秘書室:shitsu 広報IR室:shitsu 監査室:shitsu "
    "技術開発センター:center 横浜支店:shiten 札幌支店:shiten 広島支店:shiten 京都営業所:sho 千葉工場:kojo "
    "静岡工場:kojo 関西支社:shisha 九州支社:shisha 第1事業本部:honbu"))
POSTS = {  # highest rank first
    "bu": ("部長", "部長代理", "担当部長", "課長", "主査"), "shitsu": ("室長", "室長代理", "担当課長"),
    "center": ("センター長", "副センター長", "主任研究員"), "shiten": ("支店長", "副支店長", "営業課長"),
    "sho": ("所長", "所長代理"), "kojo": ("工場長", "副工場長", "製造課長"), "shisha": ("支社長", "副支社長"),
    "honbu": ("本部長", "本部長補佐")}
OUTSIDE = (("光和法律事務所", "弁護士"), ("ＮＳＫ監査法人", "代表社員"), ("北都大学", "名誉教授"),
           ("株式会社ひばり銀行", "取締役専務執行役員"))
ADDRESSEES = ("関係各位", "お取引先各位", "各位", "社員の皆様へ")
NEW_UNITS = ("デジタル推進本部", "カスタマーサクセス部", "環境企画室")

HELD_OUT = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                 depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)
