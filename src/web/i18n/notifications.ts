import type { Widen } from './widen';

/** UI text of the inbox and the e-mail preferences; composed into the catalogs in ja.ts and en.ts. */
export const notificationsJa = {
  notifications: {
    title: 'お知らせ',
    description:
      'アンケートの依頼、審査の割当、決定の通知、セミナーのご案内などをここでまとめて確認できます。',
    unreadOnly: '未読のみ表示',
    markRead: '既読にする',
    markAllRead: 'すべて既読にする',
    allMarkedRead: '{count}件を既読にしました。',
    open: '開く',
    unread: '未読',
    read: '既読',
    receivedAt: '受信日時',
    subject: '件名',
    status: '状態',
    actions: '操作',
    empty: 'お知らせはありません。',
    emptyUnread: '未読のお知らせはありません。',
    more: 'さらに表示',
    tableCaption: 'お知らせ一覧（新しい順）',
    preferencesLink: 'メールの受け取り方を変更する',
    preferences: {
      title: 'お知らせメールの設定',
      description:
        '種類ごとに、メールをすぐに受け取るか、1日1回（8時）まとめて受け取るか、メールでは受け取らないかを選べます。どの設定でも、お知らせ一覧には表示されます。',
      mandatoryNote:
        'ログイン用のリンク（招待・パスワード再設定）は、設定にかかわらず、すぐにメールで送られます。',
      kind: 'お知らせの種類',
      save: '設定を保存する',
      saved: 'お知らせメールの設定を保存しました。',
      backToInbox: 'お知らせ一覧へ戻る',
    },
  },
};

export const notificationsEn: Widen<typeof notificationsJa> = {
  notifications: {
    title: 'Notifications',
    description:
      'Survey requests, review assignments, decisions, seminar notices and more, all in one place.',
    unreadOnly: 'Unread only',
    markRead: 'Mark as read',
    markAllRead: 'Mark all as read',
    allMarkedRead: '{count} marked as read.',
    open: 'Open',
    unread: 'Unread',
    read: 'Read',
    receivedAt: 'Received',
    subject: 'Subject',
    status: 'Status',
    actions: 'Actions',
    empty: 'No notifications.',
    emptyUnread: 'No unread notifications.',
    more: 'Show more',
    tableCaption: 'Notifications (newest first)',
    preferencesLink: 'Change how you receive e-mail',
    preferences: {
      title: 'E-mail notification settings',
      description:
        'For each kind, choose to get an e-mail at once, one daily digest (08:00), or no e-mail. Whatever you choose, every notification is in your inbox.',
      mandatoryNote:
        'Sign-in links (invitations, password resets) are always e-mailed at once, whatever these settings say.',
      kind: 'Kind of notification',
      save: 'Save settings',
      saved: 'Your e-mail notification settings have been saved.',
      backToInbox: 'Back to notifications',
    },
  },
};
