import type { Widen } from './widen';
import { authJa } from './auth';
import { homeJa } from './home';
import { municipalitiesJa } from './municipalities';
import { fiscalYearsJa } from './fiscal-years';
import { accountJa } from './account';
import { adminJa } from './admin';
import { aboutJa } from './about';
import { menusJa } from './menus';
import { surveysJa } from './surveys';
import { seminarsJa } from './seminars';
import { applicationsJa } from './applications';

/**
 * UI text in Japanese, the product's first language. en.ts must have exactly
 * the same keys (the type system and catalog.test.ts both check). `{name}`
 * marks a value filled in at run time.
 */
export const ja = {
  shell: {
    skipToContent: '本文へ移動',
    tagline: '市町村DX支援プラットフォーム',
    language: '表示言語',
    mainNav: 'メインメニュー',
    breadcrumbs: 'パンくずリスト',
    signedInAs: 'ログイン中：',
    logout: 'ログアウト',
    footer: {
      about: 'データの出典とライセンス',
      account: 'アカウント設定',
      apiDocs: 'API仕様',
      note: 'Kakehashi 架け橋 — 県と市町村、ICT企業をつなぐ市町村DX支援事業の運営基盤',
    },
  },
  nav: {
    home: 'ホーム',
    fiscalYears: '年度・事業',
    municipalities: '市町村',
    municipalityList: '市町村一覧',
    users: 'ユーザー管理',
    organizations: '組織',
    outbox: '送信メール',
    audit: '監査ログ',
    seminars: 'DXセミナー',
    account: 'アカウント',
    surveys: 'アンケート',
  },
  common: {
    all: 'すべて',
    none: 'なし',
    save: '保存する',
    cancel: 'キャンセル',
    edit: '編集',
    delete: '削除',
    actions: '操作',
    choose: '選択してください',
  },
  form: {
    required: '※必須',
    optional: '任意',
  },
  alert: {
    info: 'お知らせ：',
    success: '完了：',
    warning: '注意：',
    error: 'エラー：',
  },
  state: {
    loading: '読み込んでいます…',
    loadFailed: 'データを読み込めませんでした',
    retry: '再読み込み',
    unknownError: '予期しないエラーが発生しました。時間をおいて再度お試しください。',
  },
  errors: {
    notFoundTitle: 'ページが見つかりません',
    notFoundBody: 'お探しのページは移動または削除されたか、URLが間違っている可能性があります。',
    crashTitle: 'ページを表示できませんでした',
    crashBody:
      '画面の表示中に問題が発生しました。ページを再読み込みしてください。解決しない場合は管理者にお問い合わせください。',
    forbiddenTitle: 'このページを表示する権限がありません',
    forbiddenBody: 'このページは県の管理者のみが利用できます。必要な場合は管理者にお問い合わせください。',
    reload: 'ページを再読み込みする',
    backHome: 'ホームへ戻る',
    conflictTitle: '他の人が先に更新しました',
    reloadLatest: '最新の内容を読み込む',
  },
  ...authJa,
  ...homeJa,
  ...municipalitiesJa,
  ...fiscalYearsJa,
  ...accountJa,
  ...adminJa,
  ...aboutJa,
  ...menusJa,
  ...surveysJa,
  ...seminarsJa,
  ...applicationsJa,
};

/** The shape every catalog has: the same keys, any string values. */
export type Catalog = Widen<typeof ja>;
