"""Word lists for the fifth held-out set only: other surnames, given names, companies and
departments than the development set and the first four held-out sets (a test asserts it), with
the English names the bilingual release prints. Every name, company and post is made up.

𠮷 (U+20BB7) is not among the rare kanji: the PDF font leaves it out of the text layer."""
from __future__ import annotations

from samplegen.core import Vocab, pairs

FAMILIES = pairs(
    "藤原:ふじわら 岩崎:いわさき 三宅:みやけ 森田:もりた 原:はら 宮田:みやた 松下:まつした 小島:こじま 新田:にった "
    "荻野:おぎの 星野:ほしの 安田:やすだ 大久保:おおくぼ 坂口:さかぐち 川口:かわぐち 水谷:みずたに 関口:せきぐち "
    "宇野:うの 谷:たに 今村:いまむら 西川:にしかわ 堀内:ほりうち 吉村:よしむら 有馬:ありま 小山内:おさない "
    "八木:やぎ 鬼頭:きとう 海老原:えびはら 我孫子:あびこ 九十九:つくも "
    # Variant kanji, kept exactly in the truth (髙 is not 高, 﨑 is not 崎, 邉 is not 辺, 濵 is not 浜).
    "髙島:たかしま 髙村:たかむら 石﨑:いしざき 黒﨑:くろさき 岡邉:おかべ 德丸:とくまる 栁原:やなぎはら 濵中:はまなか")
GIVENS = pairs(
    "浩太:こうた 雅彦:まさひこ 英二:えいじ 哲郎:てつろう 良平:りょうへい 卓也:たくや 祐介:ゆうすけ 慶太:けいた "
    "航:わたる 美和:みわ 由美:ゆみ 佳子:よしこ 真紀:まき 薫:かおる 瞳:ひとみ 絵里:えり 朋子:ともこ 亜紀:あき "
    "忠:ただし 義雄:よしお 邦彦:くにひこ 晋作:しんさく 樹:いつき 肇:はじめ 暁:さとる")
COMPANIES = ("株式会社こもれび工業", "うみねこ物流株式会社", "ＡＳＵＫＡ精機株式会社", "株式会社はなみずき商事",
             "いなほ化学株式会社", "株式会社おおるり電子", "ＨＩＮＯＫＩ建設株式会社", "せせらぎ製紙株式会社")
# Each company's own subsidiaries (they share its brand), so a group notice names only its own group.
GROUP_OF = {
    "株式会社こもれび工業": ("こもれびサービス株式会社", "株式会社こもれびエンジニアリング"),
    "うみねこ物流株式会社": ("株式会社うみねこエクスプレス", "うみねこ倉庫株式会社"),
    "ＡＳＵＫＡ精機株式会社": ("ＡＳＵＫＡテクノサービス株式会社",),
    "株式会社はなみずき商事": ("はなみずきリテール株式会社", "株式会社はなみずきフーズ"),
    "いなほ化学株式会社": ("いなほアグリ株式会社",),
    "株式会社おおるり電子": ("株式会社おおるりデバイス", "おおるりシステムズ株式会社"),
    "ＨＩＮＯＫＩ建設株式会社": ("ＨＩＮＯＫＩリフォーム株式会社", "ＨＩＮＯＫＩ不動産株式会社"),
    "せせらぎ製紙株式会社": ("せせらぎパッケージ株式会社",)}
GROUP_COMPANIES = tuple(g for c in COMPANIES for g in GROUP_OF[c])
DEPTS = tuple((d.replace("_", " "), k) for d, k in pairs(
    "事業戦略部:bu 営業管理部:bu 産業機器営業部:bu 首都圏営業部:bu 海外事業推進部:bu 資材調達部:bu "
    "製品開発部:bu 品質企画部:bu 設備技術部:bu 人事労務部:bu 総務法務部:bu 財務経理部:bu システム企画部:bu "
    "事業企画部:bu 品質監査室:shitsu DX戦略室:shitsu 高崎支店:shiten 岐阜支店:shiten 北九州支店:shiten "
    "那覇営業所:sho 秋田営業所:sho 富山工場:kojo 堺工場:kojo 東海支社:shisha 首都圏支社:shisha "
    "研究開発本部:honbu 管理統括本部:honbu 生産技術研究所:lab"))
POSTS = {  # highest rank first
    "bu": ("部長", "副部長", "部付部長", "課長", "主任"), "shitsu": ("室長", "副室長", "室長代理"),
    "shiten": ("支店長", "副支店長", "業務課長"), "sho": ("所長", "所長代理"), "kojo": ("工場長", "副工場長", "工務課長"),
    "shisha": ("支社長", "副支社長"), "honbu": ("本部長", "副本部長"), "lab": ("所長", "副所長", "主任研究員")}
OUTSIDE = (("あかね総合法律事務所", "弁護士"), ("ＱＲ有限責任監査法人", "パートナー"), ("北嶺大学", "教授"),
           ("株式会社みずなら銀行", "執行役員"))
ADDRESSEES = ("各位", "社員各位", "関係者各位", "グループ社員の皆さまへ")
NEW_UNITS = ("データ活用推進室", "事業ポートフォリオ改革部", "お客さま体験デザイン室")

HELD_OUT_5 = Vocab(families=FAMILIES, givens=GIVENS, companies=COMPANIES, group_companies=GROUP_COMPANIES,
                   depts=DEPTS, posts=POSTS, outside=OUTSIDE, addressees=ADDRESSEES, new_units=NEW_UNITS)

# The bilingual release prints each company, department and post in English too.
COMPANY_EN = {
    "株式会社こもれび工業": "Komorebi Industries Co., Ltd.", "うみねこ物流株式会社": "Umineko Logistics Co., Ltd.",
    "ＡＳＵＫＡ精機株式会社": "ASUKA Precision Co., Ltd.", "株式会社はなみずき商事": "Hanamizuki Trading Co., Ltd.",
    "いなほ化学株式会社": "Inaho Chemical Co., Ltd.", "株式会社おおるり電子": "Oruri Electronics Co., Ltd.",
    "ＨＩＮＯＫＩ建設株式会社": "HINOKI Construction Co., Ltd.", "せせらぎ製紙株式会社": "Seseragi Paper Co., Ltd."}
DEPT_EN = {
    "事業戦略部": "Business Strategy Department", "営業管理部": "Sales Administration Department",
    "産業機器営業部": "Industrial Equipment Sales Department", "首都圏営業部": "Greater Tokyo Sales Department",
    "海外事業推進部": "Overseas Business Development Department", "資材調達部": "Procurement Department",
    "製品開発部": "Product Development Department", "品質企画部": "Quality Planning Department",
    "設備技術部": "Facilities Engineering Department", "人事労務部": "Human Resources and Labor Department",
    "総務法務部": "General Affairs and Legal Department", "財務経理部": "Finance and Accounting Department",
    "システム企画部": "IT Planning Department", "事業企画部": "Business Planning Department",
    "品質監査室": "Quality Audit Office", "DX戦略室": "DX Strategy Office", "高崎支店": "Takasaki Branch",
    "岐阜支店": "Gifu Branch", "北九州支店": "Kitakyushu Branch", "那覇営業所": "Naha Sales Office",
    "秋田営業所": "Akita Sales Office", "富山工場": "Toyama Plant", "堺工場": "Sakai Plant",
    "東海支社": "Tokai Regional Office", "首都圏支社": "Greater Tokyo Regional Office",
    "研究開発本部": "R&D Division", "管理統括本部": "Corporate Administration Division",
    "生産技術研究所": "Production Engineering Laboratory"}
POST_EN = {
    "部長": "General Manager", "副部長": "Deputy General Manager", "部付部長": "Senior Manager", "課長": "Manager",
    "主任": "Assistant Manager", "室長": "Head", "副室長": "Deputy Head", "室長代理": "Acting Deputy Head",
    "支店長": "General Manager", "副支店長": "Deputy General Manager", "業務課長": "Operations Manager",
    "所長": "Director", "所長代理": "Deputy Director", "工場長": "Plant Manager", "副工場長": "Deputy Plant Manager",
    "工務課長": "Engineering Manager", "支社長": "General Manager", "副支社長": "Deputy General Manager",
    "本部長": "Division Head", "副本部長": "Deputy Division Head", "副所長": "Deputy Director",
    "主任研究員": "Senior Researcher", "執行役員": "Executive Officer", "常務執行役員": "Managing Executive Officer"}
