import type { Widen } from './widen';

/** UI text of the about pages; composed into the catalogs in ja.ts and en.ts. */
export const aboutJa = {
  about: {
    title: 'データの出典とライセンス',
    description: 'Kakehashi に同梱している参照データの出典と利用条件です。',
    creditTitle: '出典の表示',
    creditTranslation: '国土交通省「国土数値情報」の利用条件に基づく出典の表示です。',
    creditBody:
      '市町村の境界データ（地図）と全国の市町村コード一覧は、国土交通省の国土数値情報（行政区域データ）を加工して作成しています。地図を表示する画面には、上記の出典を表示します。',
    filesTitle: '同梱データ',
    filesCaption: '同梱している参照データの一覧',
    file: 'ファイル',
    what: '内容',
    source: '出典',
    files: {
      municipalities:
        '福島県の59市町村：全国地方公共団体コード（検査数字付き6桁）、名称、よみ、英語表記、種別（市・町・村）、地域（7）、地方（3）、避難地域（2011年の避難指示等の対象12市町村）',
      topojson: '福島県の市町村境界（簡略化したもの）',
      japan: '全国の行政区域コード（1,894件。政令指定都市は区ごと）と都道府県コード・名称',
    },
    sources: {
      municipalities:
        '団体コード：総務省「全国地方公共団体コード」。名称・コードは国土数値情報（行政区域データ）N03（2021年1月1日時点）と一致。地域・地方は福島県の区分（中通り＝県北・県中・県南、会津＝会津・南会津、浜通り＝相双・いわき）による。',
      topojson:
        'smartnews-smri/japan-topography（国土交通省 国土数値情報（行政区域）N03 を簡略化、2021年1月1日時点）',
      japan: '国土数値情報（行政区域データ）N03 から作成（N03_007 ごとに1行、検査数字を計算）',
    },
    terms: {
      title: '利用条件',
      municipalities: '公的な識別子と事実の情報。本プロジェクトで編集。',
      mlit: '国土交通省の国土数値情報の利用条件に従い、出典を表示します。',
    },
    populationTitle: '人口について',
    populationBody:
      '人口は同梱していません。公式統計（例：総務省統計局 令和2年国勢調査）から、出典とあわせて県の管理者が登録します。Kakehashi が人口を推計することはありません。',
    softwareTitle: 'ソフトウェアについて',
    softwareBody:
      '画面はデジタル庁デザインシステムに沿って作られています。外部のサーバー（Webフォント、CDN、アクセス解析など）には一切接続しないため、LGWAN などの閉域網でも利用できます。',
  },
};

export const aboutEn: Widen<typeof aboutJa> = {
  about: {
    title: 'Data sources and licences',
    description: 'Where the reference data shipped with Kakehashi comes from, and the terms of its use.',
    creditTitle: 'Credit',
    creditTranslation:
      'Credit line required by the terms of MLIT\'s National Land Numerical Information: "Created by processing the National Land Numerical Information (Administrative Area Data), Ministry of Land, Infrastructure, Transport and Tourism".',
    creditBody:
      "The municipality boundaries (map) and the national list of municipality codes are derived from MLIT's National Land Numerical Information (administrative areas). Every screen that shows the map shows this credit.",
    filesTitle: 'Data shipped with the app',
    filesCaption: 'Reference data shipped with Kakehashi',
    file: 'File',
    what: 'Contents',
    source: 'Source',
    files: {
      municipalities:
        "Fukushima Prefecture's 59 municipalities: 6-digit local government code (with check digit), name, kana reading, romanised name, kind (city, town, village), area (7), region (3) and the evacuation-area flag (the 12 municipalities under evacuation orders in 2011)",
      topojson: 'Simplified municipality boundaries of Fukushima',
      japan:
        'Every code of the national boundary file (1,894 rows; designated cities by ward), with prefecture code and names',
    },
    sources: {
      municipalities:
        "Codes: Ministry of Internal Affairs and Communications, local government codes. Names and codes match MLIT N03 administrative areas (as of 1 January 2021). Areas and regions follow Fukushima Prefecture's own division (Nakadori = Kenpoku, Kenchu, Kennan; Aizu = Aizu, Minamiaizu; Hamadori = Soso, Iwaki).",
      topojson:
        'smartnews-smri/japan-topography, simplified from MLIT National Land Numerical Information N03 (as of 1 January 2021)',
      japan: 'Derived from MLIT N03 (one row per N03_007, check digits computed)',
    },
    terms: {
      title: 'Terms',
      municipalities: 'Public identifiers and facts, compiled for this project.',
      mlit: 'Credited as the terms of MLIT National Land Numerical Information require.',
    },
    populationTitle: 'About population',
    populationBody:
      'Population is not shipped. A prefecture administrator records it from official statistics (e.g. the 2020 Census by the Statistics Bureau of Japan) together with its source. Kakehashi never estimates it.',
    softwareTitle: 'About this software',
    softwareBody:
      "The screens follow the Digital Agency's design system. Kakehashi never connects to outside servers (web fonts, CDNs, analytics), so it works on closed networks such as LGWAN.",
  },
};
