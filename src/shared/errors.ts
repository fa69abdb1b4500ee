/**
 * The closed set of error codes the API returns, with the message a person
 * reads in each language. Shared so the browser shows the same words the
 * server would.
 */
export const errorCatalog = {
  VALIDATION_FAILED: {
    status: 422,
    ja: '入力内容に誤りがあります。各項目をご確認ください。',
    en: 'Some fields are invalid. Please check each field.',
  },
  MALFORMED_REQUEST: {
    status: 400,
    ja: 'リクエストの形式が正しくありません。',
    en: 'The request is malformed.',
  },
  UNAUTHENTICATED: { status: 401, ja: 'ログインしてください。', en: 'Please sign in.' },
  INVALID_CREDENTIALS: {
    status: 401,
    ja: 'メールアドレスまたはパスワードが正しくありません。',
    en: 'The e-mail address or password is incorrect.',
  },
  MFA_REQUIRED: {
    status: 401,
    ja: '確認コード（二要素認証）の入力が必要です。',
    en: 'A verification code (two-factor authentication) is required.',
  },
  MFA_SETUP_REQUIRED: {
    status: 403,
    ja: 'この役割では二要素認証の設定が必要です。',
    en: 'Two-factor authentication must be set up for this role.',
  },
  INVALID_MFA_CODE: {
    status: 401,
    ja: '確認コードが正しくないか、有効期限が切れています。',
    en: 'The verification code is incorrect or has expired.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    ja: 'ログインの失敗が続いたため、アカウントを一時的にロックしました。しばらくしてからお試しください。',
    en: 'Too many failed sign-in attempts. The account is temporarily locked; please try again later.',
  },
  ACCOUNT_INACTIVE: {
    status: 403,
    ja: 'このアカウントは無効化されています。管理者にお問い合わせください。',
    en: 'This account has been deactivated. Please contact an administrator.',
  },
  FORBIDDEN: {
    status: 403,
    ja: 'この操作を行う権限がありません。',
    en: 'You do not have permission to do this.',
  },
  CSRF_REJECTED: {
    status: 403,
    ja: '不正な送信元からのリクエストを拒否しました。ページを再読み込みしてください。',
    en: 'The request came from an unexpected origin and was rejected. Please reload the page.',
  },
  NOT_FOUND: { status: 404, ja: '対象が見つかりません。', en: 'Not found.' },
  VERSION_CONFLICT: {
    status: 409,
    ja: '他の人が先に更新しました。最新の内容を確認してから、もう一度保存してください。',
    en: 'Someone else saved a change first. Review the latest version, then save again.',
  },
  DUPLICATE: { status: 409, ja: '同じものが既に登録されています。', en: 'This already exists.' },
  TOKEN_INVALID: {
    status: 410,
    ja: 'このリンクは無効か、有効期限が切れています。',
    en: 'This link is invalid or has expired.',
  },
  SURVEY_CLOSED: {
    status: 422,
    ja: 'この調査は回答期間外のため、保存・提出できません（締切を過ぎたか、まだ受付が始まっていません）。',
    en: 'This survey is not open for answers (the deadline has passed or it has not opened yet).',
  },
  DEADLINE_PASSED: { status: 422, ja: '締切を過ぎています。', en: 'The deadline has passed.' },
  SEAT_LIMIT_REACHED: {
    status: 422,
    ja: 'このセミナーは1市町村あたりの申込数に上限があり、貴団体の申込みは上限に達しています。',
    en: 'This seminar limits registrations per municipality, and your municipality has reached the limit.',
  },
  IN_USE: {
    status: 422,
    ja: 'ほかのデータから使われているため、削除できません。',
    en: 'This is still in use by other records, so it cannot be deleted.',
  },
  IMPORT_REJECTED: {
    status: 422,
    ja: 'ファイルに誤りがあるため、取り込みませんでした（1件も登録していません）。',
    en: 'The file has errors, so nothing was imported.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, ja: '送信データが大きすぎます。', en: 'The request is too large.' },
  RATE_LIMITED: {
    status: 429,
    ja: '短時間に多くのリクエストがありました。しばらくしてからお試しください。',
    en: 'Too many requests. Please try again shortly.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    ja: 'データベースに接続できません。',
    en: 'The database is not reachable.',
  },
  STORAGE_UNAVAILABLE: {
    status: 503,
    ja: 'サーバーのディスクに空きがないため、保存できませんでした。閲覧は引き続きできます。管理者に連絡してください。',
    en: 'The server has no disk space left, so nothing could be saved. Reading still works; please tell the administrator.',
  },
  INTERNAL: {
    status: 500,
    ja: 'システムエラーが発生しました。お手数ですが時間をおいて再度お試しください。',
    en: 'An internal error occurred. Please try again later.',
  },
} as const satisfies Record<string, { status: number; ja: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalog;

/** One failing field: path as in the request body, with a message in both languages. */
export interface FieldError {
  path: (string | number)[];
  code: string;
  ja: string;
  en: string;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: { ja: string; en: string };
    fields?: FieldError[];
    /** For VERSION_CONFLICT: the record as it is now, so the client can show what changed. */
    current?: unknown;
    requestId?: string;
  };
}
