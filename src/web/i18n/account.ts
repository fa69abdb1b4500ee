import type { Widen } from './widen';

/** UI text of the account pages; composed into the catalogs in ja.ts and en.ts. */
export const accountJa = {
  account: {
    title: 'アカウント',
    description: 'ご自身のアカウント情報の確認と、パスワード・二要素認証の設定を行います。',
    profile: 'アカウント情報',
    displayName: '表示名',
    organization: '所属',
    roles: '役割',
    profileNote: '所属・役割の変更は、県の管理者に依頼してください。',
    displayNameTitle: '表示名の変更',
    saveDisplayName: '表示名を変更する',
    displayNameSaved: '表示名を変更しました。',
    notificationsTitle: 'お知らせメール',
    notificationsDescription:
      'お知らせの種類ごとに、メールをすぐ受け取るか、1日1回まとめて受け取るか、受け取らないかを選べます。',
    notificationsLink: 'お知らせメールの設定を開く',
    passwordTitle: 'パスワードの変更',
    passwordDescription: '変更すると、この端末以外でのログインはすべて終了します。',
    currentPassword: '現在のパスワード',
    changePassword: 'パスワードを変更する',
    passwordChanged: 'パスワードを変更しました。',
    mfaTitle: '二要素認証',
    mfaOn: '設定済み',
    mfaOff: '未設定',
    mfaOnBody:
      'ログインのたびに、認証アプリの確認コードが必要です。認証アプリを使えなくなった場合は、県の管理者に再設定を依頼してください。',
    mfaOffBody: '二要素認証を設定すると、パスワードが漏れても第三者はログインできません。',
    mfaStart: '二要素認証を設定する',
    mfaChange: '認証アプリを変更する',
    mfaChangeBody:
      '新しい認証アプリに切り替えるには、現在のパスワードを入力してください。新しいアプリの確認コードで確定するまで、今のアプリが引き続き使えます。',
    mfaChanged: '新しい認証アプリに切り替えました。',
  },
};

export const accountEn: Widen<typeof accountJa> = {
  account: {
    title: 'Account',
    description: 'Your account details, your password and two-factor authentication.',
    profile: 'Account details',
    displayName: 'Display name',
    organization: 'Organization',
    roles: 'Roles',
    profileNote: 'To change your organization or roles, ask a prefecture administrator.',
    displayNameTitle: 'Display name',
    saveDisplayName: 'Change display name',
    displayNameSaved: 'Your display name has been changed.',
    notificationsTitle: 'Notification e-mails',
    notificationsDescription:
      'For each kind of notification, choose an e-mail at once, one daily digest, or none.',
    notificationsLink: 'Open the e-mail notification settings',
    passwordTitle: 'Change your password',
    passwordDescription: 'Changing it signs you out on every other device.',
    currentPassword: 'Current password',
    changePassword: 'Change password',
    passwordChanged: 'Your password has been changed.',
    mfaTitle: 'Two-factor authentication',
    mfaOn: 'On',
    mfaOff: 'Off',
    mfaOnBody:
      'Every sign-in asks for a code from your authenticator app. If you lose access to the app, ask a prefecture administrator to reset it.',
    mfaOffBody: 'With two-factor authentication, nobody can sign in as you even if your password leaks.',
    mfaStart: 'Set up two-factor authentication',
    mfaChange: 'Change authenticator',
    mfaChangeBody:
      'To move to a new authenticator app, enter your current password. The current app keeps working until the new one is confirmed with a code.',
    mfaChanged: 'The new authenticator is now in use.',
  },
};
