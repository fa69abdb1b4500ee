/**
 * Everything the platform tells people, by kind: the in-app inbox and the e-mail preferences list
 * these, in this order. A feature that sends a new kind adds it here (and its mail template with
 * `mailExamples` in its `<feature>.mails.ts`).
 */
export const notificationKinds = [
  'surveys.opened',
  'surveys.reminder',
  'menus.reviewer_assigned',
  'menus.proposal_decision',
  'applications.allocation_result',
  'applications.company_projects',
  'seminars.registered',
  'seminars.seat_given',
  'seminars.reminder',
  'projects.report_reminder',
  'projects.report_returned',
  'projects.evaluation_request',
  'cases.approval_requested',
  'cases.approved',
  'cases.returned',
] as const;
export type NotificationKind = (typeof notificationKinds)[number] | 'auth.invitation' | 'auth.password_reset';

/** How a notification's mail goes out: at once, in the daily digest (08:00 JST), or not at all. */
export const emailDeliveries = ['immediate', 'digest', 'off'] as const;
export type EmailDelivery = (typeof emailDeliveries)[number];

/**
 * Mails that carry a one-time sign-in link go out at once whatever the preferences say, and never
 * into the inbox: the person cannot sign in without them.
 */
export const mandatoryMailKinds: readonly NotificationKind[] = ['auth.invitation', 'auth.password_reset'];

export const notificationKindLabels: Record<(typeof notificationKinds)[number], { ja: string; en: string }> =
  {
    'surveys.opened': { ja: 'アンケートの回答受付開始', en: 'A survey opens for answers' },
    'surveys.reminder': { ja: 'アンケート回答のお願い（督促）', en: 'Survey reminders' },
    'menus.reviewer_assigned': { ja: '支援メニューの審査依頼', en: 'Proposals assigned to you for review' },
    'menus.proposal_decision': { ja: '支援メニューの選定結果', en: 'Decisions on your proposals' },
    'applications.allocation_result': { ja: '申請の支援決定結果', en: 'Results of your applications' },
    'applications.company_projects': {
      ja: '担当する支援事業の決定',
      en: 'Support projects given to your company',
    },
    'seminars.registered': { ja: 'セミナー申込の受付', en: 'Seminar registrations received' },
    'seminars.seat_given': {
      ja: 'セミナーのキャンセル待ちからの繰り上げ',
      en: 'A seminar seat from the waiting list',
    },
    'seminars.reminder': { ja: 'セミナー開催前日のご案内', en: 'Seminar reminders the day before' },
    'projects.report_reminder': { ja: '完了報告の提出期限のお知らせ', en: 'Completion report due dates' },
    'projects.report_returned': { ja: '完了報告の差し戻し', en: 'Completion reports returned for changes' },
    'projects.evaluation_request': {
      ja: '支援後アンケート・追跡アンケートの依頼',
      en: 'Evaluation and follow-up questionnaires',
    },
    'cases.approval_requested': { ja: '事例の承認依頼', en: 'Case studies awaiting your approval' },
    'cases.approved': { ja: '事例の承認・公開', en: 'Case studies approved or published' },
    'cases.returned': { ja: '事例の差し戻し', en: 'Case studies returned for changes' },
  };

export const emailDeliveryLabels: Record<EmailDelivery, { ja: string; en: string }> = {
  immediate: { ja: 'すぐにメールで受け取る', en: 'E-mail at once' },
  digest: { ja: '1日1回まとめて受け取る（8時）', en: 'One daily digest (08:00)' },
  off: { ja: 'メールは受け取らない（お知らせ一覧のみ）', en: 'No e-mail (inbox only)' },
};
