import type { Widen } from './widen';

/** UI text of the auth pages; composed into the catalogs in ja.ts and en.ts. */
export const authJa = {
  auth: {
    backToLogin: 'ログイン画面へ戻る',
    tokenMissingTitle: 'リンクが正しくありません',
    tokenMissingBody: 'メールに記載されたリンクを、途中で切れないようにそのまま開いてください。',
    login: {
      title: 'ログイン',
      description:
        '県・市町村・協議会・会員企業の担当者向けのページです。登録済みのメールアドレスとパスワードでログインしてください。',
      formTitle: 'メールアドレスでログイン',
      email: 'メールアドレス',
      password: 'パスワード',
      submit: 'ログイン',
      forgot: 'パスワードをお忘れの方',
      signInToContinue: '続けるにはログインしてください。ログイン後、元のページに戻ります。',
    },
    mfa: {
      title: '確認コードの入力',
      description: '認証アプリに表示されている6桁の確認コードを入力してください。',
      setupTitle: '二要素認証の設定',
      setupDescription:
        'この役割では二要素認証が必要です。認証アプリ（Microsoft Authenticator、Google Authenticator など）に次の設定キーを登録し、表示された6桁の確認コードを入力してください。',
      secretLabel: '設定キー',
      uriLabel: '設定用URI（otpauth）を表示',
      code: '確認コード',
      codeHint: '半角数字6桁。コードは30秒ごとに変わります。',
      submit: '確認',
      startOver: '最初からやり直す',
    },
    demo: {
      badge: 'デモ環境専用',
      title: 'デモ用アカウント',
      description:
        'この欄はデモ環境でのみ表示され、本番環境には表示されません。「このアカウントでログイン」を押すと入力欄に記入されます。',
      adminCode: '県管理者の現在の確認コード：',
      adminCodeNote: '（30秒ごとに更新）',
      tableCaption: 'デモ用アカウントの一覧',
      role: '役割',
      account: 'アカウント',
      useAccount: 'このアカウントでログイン',
      filled: '{name}のメールアドレスとパスワードを入力しました。「ログイン」ボタンを押してください。',
    },
    reset: {
      title: 'パスワードの再設定',
      description:
        '登録済みのメールアドレスを入力してください。パスワードを再設定するためのリンクをお送りします。',
      submit: '再設定のメールを送信',
      sentTitle: '受け付けました',
    },
    resetConfirm: {
      title: '新しいパスワードの設定',
      description:
        '新しいパスワードを入力してください。設定すると、ほかの端末でのログインはすべて終了します。',
      submit: 'パスワードを設定する',
      doneTitle: 'パスワードを設定しました',
      doneBody: '新しいパスワードでログインしてください。',
    },
    newPassword: {
      label: '新しいパスワード',
      hint: '12文字以上。推測されにくい長めの文章（パスフレーズ）がおすすめです。',
      confirmation: '新しいパスワード（確認用）',
    },
    invitation: {
      title: 'アカウントの登録',
      description:
        '招待メールのリンクから開いています。表示名とパスワードを設定すると、アカウントが使えるようになります。',
      organization: '所属',
      displayName: '表示名',
      displayNameHint: '画面やメールに表示される名前です（例：西会津町 DX担当 山田）。',
      submit: '登録する',
      invalidTitle: 'この招待リンクは使用できません',
      askAgain: 'お手数ですが、県の管理者に招待メールの再送を依頼してください。',
      doneTitle: 'アカウントを登録しました',
      doneBody: '設定したメールアドレスとパスワードでログインしてください。',
    },
  },
};

export const authEn: Widen<typeof authJa> = {
  auth: {
    backToLogin: 'Back to sign-in',
    tokenMissingTitle: 'The link is incomplete',
    tokenMissingBody: 'Open the link from the e-mail exactly as it is, without cutting it short.',
    login: {
      title: 'Sign in',
      description:
        'For staff of the prefecture, municipalities, the council and member companies. Sign in with your registered e-mail address and password.',
      formTitle: 'Sign in with your e-mail address',
      email: 'E-mail address',
      password: 'Password',
      submit: 'Sign in',
      forgot: 'Forgot your password?',
      signInToContinue: 'Please sign in to continue. You will return to the page you opened.',
    },
    mfa: {
      title: 'Enter your verification code',
      description: 'Enter the 6-digit verification code shown in your authenticator app.',
      setupTitle: 'Set up two-factor authentication',
      setupDescription:
        'Your role requires two-factor authentication. Add the setup key below to an authenticator app (Microsoft Authenticator, Google Authenticator, etc.) and enter the 6-digit code it shows.',
      secretLabel: 'Setup key',
      uriLabel: 'Show the setup URI (otpauth)',
      code: 'Verification code',
      codeHint: '6 digits. The code changes every 30 seconds.',
      submit: 'Verify',
      startOver: 'Start over',
    },
    demo: {
      badge: 'Demo only',
      title: 'Demo accounts',
      description:
        'This box appears only in the demo environment, never in production. "Use this account" fills in the sign-in form.',
      adminCode: "Prefecture administrator's current code:",
      adminCodeNote: '(changes every 30 seconds)',
      tableCaption: 'Demo accounts',
      role: 'Role',
      account: 'Account',
      useAccount: 'Use this account',
      filled: 'The e-mail address and password of {name} are filled in. Press "Sign in".',
    },
    reset: {
      title: 'Reset your password',
      description: 'Enter your registered e-mail address. We will send you a link to set a new password.',
      submit: 'Send reset e-mail',
      sentTitle: 'Request received',
    },
    resetConfirm: {
      title: 'Set a new password',
      description: 'Enter your new password. Setting it signs you out on every other device.',
      submit: 'Set password',
      doneTitle: 'Your password has been set',
      doneBody: 'Please sign in with your new password.',
    },
    newPassword: {
      label: 'New password',
      hint: 'At least 12 characters. A long phrase that is hard to guess works best.',
      confirmation: 'New password (again)',
    },
    invitation: {
      title: 'Register your account',
      description:
        'You opened the link from your invitation. Set your display name and password to start using your account.',
      organization: 'Organization',
      displayName: 'Display name',
      displayNameHint: 'The name shown on screens and in e-mails (e.g. Nishiaizu DX lead Yamada).',
      submit: 'Register',
      invalidTitle: 'This invitation link cannot be used',
      askAgain: 'Please ask a prefecture administrator to send the invitation again.',
      doneTitle: 'Your account is registered',
      doneBody: 'Sign in with your e-mail address and the password you set.',
    },
  },
};
