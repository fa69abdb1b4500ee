import {
  addressee,
  type ComposedMail,
  formatMailDateTime,
  type MailExample,
} from '../../platform/mail/templates';

/**
 * The texts of the mails that carry one-time links. Japanese first, then
 * English, in one plain-text body: the reader may use either, and plain text
 * survives every municipal mail gateway.
 */

/** A one-time link to a page of the web app (`invitations/accept`, `password-reset/confirm`). */
function oneTimeLink(publicUrl: string, pagePath: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${pagePath}?token=${encodeURIComponent(token)}`;
}

const separator = '------------------------------------------------------------';

export function composeInvitationMail(input: {
  displayName: string;
  organizationName: string;
  organizationNameEn: string;
  publicUrl: string;
  token: string;
  expiresAt: Date;
}): ComposedMail {
  const link = oneTimeLink(input.publicUrl, '/invitations/accept', input.token);
  // An English name is optional for an organization; the Japanese one always exists.
  const organizationNameEn = input.organizationNameEn.trim() || input.organizationName;
  return {
    subject: '【Kakehashi】アカウントへのご招待 / Invitation to Kakehashi',
    bodyText: [
      addressee(input.displayName, 'ja'),
      '',
      `市町村DX支援プラットフォーム「Kakehashi」に、${input.organizationName} のアカウントが用意されました。`,
      '次のリンクを開いてパスワードを設定すると、利用を始められます。',
      '',
      link,
      '',
      `このリンクの有効期限: ${formatMailDateTime(input.expiresAt, 'ja')}`,
      '期限が過ぎた場合は、管理者に招待の再送を依頼してください。',
      'お心当たりのない場合は、このメールを破棄してください。',
      '',
      separator,
      '',
      addressee(input.displayName, 'en'),
      '',
      `An account of ${organizationNameEn} has been prepared for you on Kakehashi, the municipal DX support platform.`,
      'Open the link below and set a password to start using it.',
      '',
      link,
      '',
      `The link is valid until ${formatMailDateTime(input.expiresAt, 'en')}.`,
      'If it has expired, ask an administrator to send the invitation again.',
      'If you did not expect this e-mail, please ignore it.',
      '',
    ].join('\n'),
  };
}

export function composePasswordResetMail(input: {
  displayName: string;
  publicUrl: string;
  token: string;
  expiresAt: Date;
  validMinutes: number;
}): ComposedMail {
  const link = oneTimeLink(input.publicUrl, '/password-reset/confirm', input.token);
  return {
    subject: '【Kakehashi】パスワード再設定のご案内 / Resetting your password',
    bodyText: [
      addressee(input.displayName, 'ja'),
      '',
      'パスワード再設定の依頼を受け付けました。次のリンクを開いて、新しいパスワードを設定してください。',
      '',
      link,
      '',
      `このリンクは${input.validMinutes}分間、1回だけ有効です（${formatMailDateTime(input.expiresAt, 'ja')}まで）。`,
      'ご依頼に心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。',
      '',
      separator,
      '',
      addressee(input.displayName, 'en'),
      '',
      'We received a request to reset your password. Open the link below to choose a new one.',
      '',
      link,
      '',
      `The link works once, for ${input.validMinutes} minutes (until ${formatMailDateTime(input.expiresAt, 'en')}).`,
      'If you did not ask for this, please ignore this e-mail; your password stays as it is.',
      '',
    ].join('\n'),
  };
}

const exampleExpiry = new Date('2024-06-21T06:00:00Z');

export const mailExamples: MailExample[] = [
  {
    kind: 'auth.invitation',
    recipientName: '喜多方 次郎',
    languages: 'both-in-one',
    render: (publicUrl) =>
      composeInvitationMail({
        displayName: '喜多方 次郎',
        organizationName: '喜多方市',
        // Left empty, as an administrator may: the English part falls back to the Japanese name.
        organizationNameEn: '',
        publicUrl,
        token: 'example-token',
        expiresAt: exampleExpiry,
      }),
    singleLanguageData: ['喜多方 次郎', '喜多方市'],
  },
  {
    kind: 'auth.password_reset',
    recipientName: '喜多方 次郎',
    languages: 'both-in-one',
    render: (publicUrl) =>
      composePasswordResetMail({
        displayName: '喜多方 次郎',
        publicUrl,
        token: 'example-token',
        expiresAt: exampleExpiry,
        validMinutes: 60,
      }),
    singleLanguageData: ['喜多方 次郎'],
  },
];
