/**
 * The audit log in sentences: 「県 管理者が 支援メニュー提案『RPA試行導入支援』を提出しました」.
 * An administrator reads who did what to which record without knowing the action codes; the codes
 * stay in the entry for filtering and are shown behind a toggle.
 */

export type AuditSentence = { ja: string; en: string };

const entityNouns: Record<string, { ja: string; en: string }> = {
  advisor_profile: { ja: 'アドバイザー情報', en: 'the advisor profile' },
  allocation_run: { ja: '支援先決定の計算', en: 'the allocation run' },
  application: { ja: '申請', en: 'the application' },
  application_call: { ja: '公募', en: 'the call' },
  case_study: { ja: '事例', en: 'the case study' },
  notification_preferences: { ja: 'お知らせメールの設定', en: 'the notification settings' },
  project_activity: { ja: '活動記録', en: 'the activity record' },
  project_attachment: { ja: '添付ファイル', en: 'the attachment' },
  project_evaluation: { ja: '支援後評価', en: 'the evaluation' },
  project_plan: { ja: '支援計画', en: 'the support plan' },
  project_report: { ja: '完了報告', en: 'the completion report' },
  project_settings: { ja: '支援の上限設定', en: 'the support caps' },
  fiscal_year: { ja: '年度', en: 'the fiscal year' },
  menu_proposal: { ja: '支援メニュー提案', en: 'the support menu proposal' },
  menu_review: { ja: '審査', en: 'the review' },
  menu_settings: { ja: '審査基準', en: 'the review rubric' },
  municipality: { ja: '市町村', en: 'the municipality' },
  municipality_list: { ja: '市町村一覧', en: 'the municipality list' },
  organization: { ja: '組織', en: 'the organization' },
  program: { ja: '事業', en: 'the program' },
  program_phase: { ja: '事業の工程', en: 'the program phase' },
  request: { ja: 'リクエスト', en: 'a request' },
  seminar_attendance_import: { ja: '出欠の取込', en: 'the attendance import' },
  seminar_event: { ja: 'セミナー', en: 'the seminar' },
  seminar_file: { ja: 'セミナー資料', en: 'the seminar file' },
  seminar_registration: { ja: 'セミナー申込', en: 'the seminar registration' },
  seminar_series: { ja: 'セミナーシリーズ', en: 'the seminar series' },
  seminar_walk_in: { ja: 'セミナー当日参加者', en: 'the seminar walk-in' },
  support_project: { ja: '支援実績', en: 'the support project' },
  survey: { ja: 'アンケート', en: 'the survey' },
  survey_response: { ja: 'アンケート回答', en: 'the survey answers' },
  user: { ja: 'アカウント', en: 'the account' },
};

/** `{e}` is the record: its noun and, when known, its name (支援メニュー提案『…』). */
type Template = readonly [ja: string, en: string];

export const auditSentenceTemplates: Record<string, Template> = {
  'advisor_profile.create': ['{e}を登録しました', 'created {e}'],
  'advisor_profile.update': ['{e}を更新しました', 'updated {e}'],
  'allocation_run.approve': ['{e}を承認しました', 'approved {e}'],
  'allocation_run.create': ['{e}を開始しました', 'started {e}'],
  'allocation_run.publish': ['{e}の結果を公表しました', 'published the result of {e}'],
  'application.confirm': ['{e}を確認しました', 'confirmed {e}'],
  'application.create': ['{e}を作成しました', 'created {e}'],
  'application.lock': ['{e}を確定しました', 'locked {e}'],
  'application.submit': ['{e}を提出しました', 'submitted {e}'],
  'application.update': ['{e}を更新しました', 'updated {e}'],
  'application.withdraw': ['{e}を取り下げました', 'withdrew {e}'],
  'application_call.create': ['{e}を作成しました', 'created {e}'],
  'application_call.update': ['{e}を更新しました', 'updated {e}'],
  'auth.locked': [
    'サインインに続けて失敗し、アカウントがロックされました',
    'failed to sign in too often; the account is locked',
  ],
  'auth.login': ['サインインしました', 'signed in'],
  'auth.login_failed': ['サインインに失敗しました', 'failed to sign in'],
  'auth.login_unknown_account': [
    '登録のないアカウントでサインインを試みました',
    'tried to sign in with an unknown account',
  ],
  'auth.logout': ['サインアウトしました', 'signed out'],
  'auth.mfa_enrolled': ['2要素認証を設定しました', 'set up two-factor authentication'],
  'auth.mfa_failed': ['2要素認証のコードを誤りました', 'entered a wrong two-factor code'],
  'auth.mfa_replaced': ['2要素認証を設定し直しました', 'replaced two-factor authentication'],
  'auth.password_change_failed': [
    'パスワードの変更に失敗しました（現在のパスワードの誤り）',
    'failed to change the password (wrong current password)',
  ],
  'auth.password_changed': ['パスワードを変更しました', 'changed the password'],
  'auth.password_ok': [
    'パスワードを確認しました（2要素認証待ち）',
    'passed the password step (two-factor pending)',
  ],
  'auth.password_reset': ['パスワードを再設定しました', 'reset the password'],
  'auth.password_reset_rate_limited': [
    'パスワード再設定の依頼が多すぎるため制限されました',
    'was rate-limited requesting password resets',
  ],
  'auth.password_reset_requested': ['パスワードの再設定を依頼しました', 'requested a password reset'],
  'case_study.approve_municipality': ['{e}を市町村として承認しました', 'approved {e} for the municipality'],
  'case_study.create': ['{e}を作成しました', 'created {e}'],
  'case_study.create_from_project': ['完了報告から{e}を作成しました', 'created {e} from a completion report'],
  'case_study.publish': ['{e}を承認し公開しました', 'approved and published {e}'],
  'case_study.return': ['{e}を差し戻しました', 'returned {e} for changes'],
  'case_study.submit': ['{e}の承認を依頼しました', 'asked for approval of {e}'],
  'case_study.unpublish': ['{e}の公開を取り下げました', 'unpublished {e}'],
  'case_study.update': ['{e}を更新しました', 'updated {e}'],
  'notification_preferences.update': ['{e}を変更しました', 'changed {e}'],
  'project_activity.create': ['{e}を登録しました', 'logged {e}'],
  'project_activity.delete': ['{e}を削除しました', 'deleted {e}'],
  'project_activity.update': ['{e}を修正しました', 'edited {e}'],
  'project_attachment.create': ['{e}を登録しました', 'uploaded {e}'],
  'project_attachment.delete': ['{e}を削除しました', 'deleted {e}'],
  'project_evaluation.follow_up': ['{e}の追跡アンケートを開始しました', 'opened the follow-up of {e}'],
  'project_evaluation.open': ['{e}のアンケートを開始しました', 'opened the questionnaire of {e}'],
  'project_evaluation.record': ['{e}の回答を記録しました', 'recorded the answers of {e}'],
  'project_exceedance.approve': ['{e}を承認しました', 'approved {e}'],
  'project_plan.save': ['{e}を保存しました', 'saved {e}'],
  'project_report.approve': ['{e}を承認しました', 'approved {e}'],
  'project_report.return': ['{e}を差し戻しました', 'returned {e} for changes'],
  'project_report.save': ['{e}を保存しました', 'saved {e}'],
  'project_report.submit': ['{e}を提出しました', 'submitted {e}'],
  'project_settings.save': ['{e}を保存しました', 'saved {e}'],
  'fiscal_year.close': ['{e}を締めました', 'closed {e}'],
  'fiscal_year.create': ['{e}を作成しました', 'created {e}'],
  'fiscal_year.update': ['{e}を更新しました', 'updated {e}'],
  'fiscal_year.prepare': ['前年度から{e}を準備しました', 'prepared {e} from the previous year'],
  'menu_proposal.create': ['{e}を作成しました', 'created {e}'],
  'menu_proposal.decide': ['{e}の採否を決定しました', 'decided on {e}'],
  'menu_proposal.submit': ['{e}を提出しました', 'submitted {e}'],
  'menu_proposal.update': ['{e}を更新しました', 'updated {e}'],
  'menu_review.assign': ['{e}を割り当てました', 'assigned {e}'],
  'menu_review.conflict': ['{e}で利害関係を申告しました', 'declared a conflict of interest on {e}'],
  'menu_review.save': ['{e}を一時保存しました', 'saved {e}'],
  'menu_review.submit': ['{e}を提出しました', 'submitted {e}'],
  'menu_review.unassign': ['{e}の割り当てを外しました', 'unassigned {e}'],
  'menu_settings.create': ['{e}を作成しました', 'created {e}'],
  'menu_settings.update': ['{e}を更新しました', 'updated {e}'],
  'municipality.import': ['{e}を取り込みました', 'imported {e}'],
  'municipality.update': ['{e}を更新しました', 'updated {e}'],
  'organization.create': ['{e}を作成しました', 'created {e}'],
  'organization.update': ['{e}を更新しました', 'updated {e}'],
  'program.create': ['{e}を作成しました', 'created {e}'],
  'program.delete': ['{e}を削除しました', 'deleted {e}'],
  'program.update': ['{e}を更新しました', 'updated {e}'],
  'program_phase.create': ['{e}を作成しました', 'created {e}'],
  'program_phase.open': ['{e}を開始しました', 'opened {e}'],
  'program_phase.delete': ['{e}を削除しました', 'deleted {e}'],
  'program_phase.update': ['{e}を更新しました', 'updated {e}'],
  'request.csrf_rejected': [
    '送信元を確認できないリクエストを拒否されました',
    'was refused a request of unverified origin',
  ],
  'request.forbidden': ['権限のない操作を拒否されました', 'was refused an action without permission'],
  'seminar_attendance_import.confirm': ['{e}を確定しました', 'confirmed {e}'],
  'seminar_event.archive': ['{e}をアーカイブ公開しました', 'published the archive of {e}'],
  'seminar_event.create': ['{e}を作成しました', 'created {e}'],
  'seminar_event.update': ['{e}を更新しました', 'updated {e}'],
  'seminar_file.create': ['{e}を登録しました', 'uploaded {e}'],
  'seminar_file.delete': ['{e}を削除しました', 'deleted {e}'],
  'seminar_registration.attendance': ['{e}の出欠を記録しました', 'recorded attendance on {e}'],
  'seminar_registration.cancel': ['{e}を取り消しました', 'cancelled {e}'],
  'seminar_registration.create': ['{e}を受け付けました', 'registered {e}'],
  'seminar_registration.promote': [
    '{e}をキャンセル待ちから繰り上げました',
    'moved {e} up from the waiting list',
  ],
  'seminar_series.create': ['{e}を作成しました', 'created {e}'],
  'seminar_walk_in.create': ['{e}を記録しました', 'recorded {e}'],
  'seminar_walk_in.update': ['{e}を更新しました', 'updated {e}'],
  'support_project.create': ['{e}を作成しました', 'created {e}'],
  'support_project.import': ['過去の{e}を取り込みました', 'imported past {e}'],
  'support_project.status': ['{e}の状況を変更しました', 'changed the status of {e}'],
  'survey.create': ['{e}を作成しました', 'created {e}'],
  'survey.new_version': ['{e}の新しい版を作成しました', 'created a new version of {e}'],
  'survey.remind': ['{e}の督促を送りました', 'sent reminders for {e}'],
  'survey.share': ['{e}の企業への共有を変更しました', 'changed how {e} is shared with companies'],
  'survey.update': ['{e}を更新しました', 'updated {e}'],
  'survey.publish': ['{e}を公開しました', 'published {e}'],
  'survey_response.proxy_save': ['{e}を代理入力しました', 'entered {e} on behalf of the municipality'],
  'survey_response.save': ['{e}を一時保存しました', 'saved {e}'],
  'survey_response.submit': ['{e}を提出しました', 'submitted {e}'],
  'user.invitation_accepted': ['招待を受けて{e}を有効にしました', 'accepted the invitation to {e}'],
  'user.invitation_resent': ['{e}への招待を再送しました', 'resent the invitation to {e}'],
  'user.invite': ['{e}を招待しました', 'invited {e}'],
  'user.mfa_reset': ['{e}の2要素認証をリセットしました', 'reset two-factor authentication of {e}'],
  'user.unlock': ['{e}のロックを解除しました', 'unlocked {e}'],
  'user.update': ['{e}を更新しました', 'updated {e}'],
  'user.update_own_profile': ['自分のプロフィールを更新しました', 'updated their own profile'],
};

/** Fields of a record snapshot that name it, in order of preference. */
const labelKeys = ['title', 'name', 'displayName', 'label', 'email'] as const;

function snapshotsOf(before: unknown, after: unknown): Record<string, unknown>[] {
  return [after, before].filter(
    (snapshot): snapshot is Record<string, unknown> => snapshot !== null && typeof snapshot === 'object',
  );
}

/** Names of the records a snapshot points at, looked up once per page of entries. */
export type ReferencedNames = { municipalities: Map<string, string>; proposals: Map<string, string> };

/** The municipality and the menu proposal a snapshot points at: they name records that have no name of their own. */
export function referencesOf(
  before: unknown,
  after: unknown,
): { municipalityId: string | null; proposalId: string | null } {
  // Only well-formed ids reach the uuid columns they are looked up in.
  const isUuid = (value: unknown): value is string =>
    typeof value === 'string' &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
  let municipalityId: string | null = null;
  let proposalId: string | null = null;
  for (const fields of snapshotsOf(before, after)) {
    if (!municipalityId && isUuid(fields.municipalityId)) municipalityId = fields.municipalityId;
    for (const key of ['proposalId', 'menuProposalId']) {
      const value = fields[key];
      if (!proposalId && isUuid(value)) proposalId = value;
    }
  }
  return { municipalityId, proposalId };
}

/**
 * The record's name from its snapshot after (or before) the change: no query, and a deleted record
 * keeps its name. A record without a name (an application, a review) is named by the municipality
 * and the proposal it belongs to, when they still exist.
 */
export function recordLabelOf(before: unknown, after: unknown, names?: ReferencedNames): string | null {
  for (const fields of snapshotsOf(before, after)) {
    for (const key of labelKeys) {
      const value = fields[key];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
  }
  if (!names) return null;
  const { municipalityId, proposalId } = referencesOf(before, after);
  const parts = [
    municipalityId ? names.municipalities.get(municipalityId) : undefined,
    proposalId ? names.proposals.get(proposalId) : undefined,
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join('・') : null;
}

export function auditSentence(entry: {
  action: string;
  entityType: string;
  actorDisplayName: string | null;
  label: string | null;
}): AuditSentence {
  const actor = entry.actorDisplayName
    ? { ja: `${entry.actorDisplayName}が`, en: entry.actorDisplayName }
    : { ja: '（サインインしていない利用者またはシステム）が', en: 'Someone not signed in (or the system)' };
  const noun = entityNouns[entry.entityType] ?? { ja: entry.entityType, en: entry.entityType };
  const record = entry.label
    ? { ja: `${noun.ja}『${entry.label}』`, en: `${noun.en} '${entry.label}'` }
    : noun;
  const template = auditSentenceTemplates[entry.action];
  // An action without a sentence (the test lists every one the app writes) still reads as a sentence.
  const [ja, en] = template ?? [`{e}に「${entry.action}」を行いました`, `did '${entry.action}' on {e}`];
  return {
    ja: `${actor.ja} ${ja.replace('{e}', record.ja)}`,
    en: `${actor.en} ${en.replace('{e}', record.en)}`,
  };
}
