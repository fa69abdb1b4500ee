import { formatJstDate, toJstDateTimeString } from '../../../shared/fiscal-year';

/**
 * The texts of the mails that carry one-time links. Japanese first, then
 * English, in one plain-text body: the reader may use either, and plain text
 * survives every municipal mail gateway.
 */

export interface ComposedMail {
  subject: string;
  bodyText: string;
}

function expiryJa(at: Date): string {
  return `${formatJstDate(at, 'ja')} ${toJstDateTimeString(at).slice(11)}（日本時間）`;
}

function expiryEn(at: Date): string {
  return `${formatJstDate(at, 'en')}, ${toJstDateTimeString(at).slice(11)} JST`;
}

const separator = '------------------------------------------------------------';

export function composeInvitationMail(input: {
  displayName: string;
  organizationName: string;
  organizationNameEn: string;
  link: string;
  expiresAt: Date;
}): ComposedMail {
  return {
    subject: '【Kakehashi】アカウントへのご招待 / Invitation to Kakehashi',
    bodyText: [
      `${input.displayName} 様`,
      '',
      `市町村DX支援プラットフォーム「Kakehashi」に、${input.organizationName} のアカウントが用意されました。`,
      '次のリンクを開いてパスワードを設定すると、利用を始められます。',
      '',
      input.link,
      '',
      `このリンクの有効期限: ${expiryJa(input.expiresAt)}`,
      '期限が過ぎた場合は、管理者に招待の再送を依頼してください。',
      'お心当たりのない場合は、このメールを破棄してください。',
      '',
      separator,
      '',
      `Dear ${input.displayName},`,
      '',
      `An account of ${input.organizationNameEn} has been prepared for you on Kakehashi, the municipal DX support platform.`,
      'Open the link below and set a password to start using it.',
      '',
      input.link,
      '',
      `The link is valid until ${expiryEn(input.expiresAt)}.`,
      'If it has expired, ask an administrator to send the invitation again.',
      'If you did not expect this e-mail, please ignore it.',
      '',
    ].join('\n'),
  };
}

export function composePasswordResetMail(input: {
  displayName: string;
  link: string;
  expiresAt: Date;
  validMinutes: number;
}): ComposedMail {
  return {
    subject: '【Kakehashi】パスワード再設定のご案内 / Resetting your password',
    bodyText: [
      `${input.displayName} 様`,
      '',
      'パスワード再設定の依頼を受け付けました。次のリンクを開いて、新しいパスワードを設定してください。',
      '',
      input.link,
      '',
      `このリンクは${input.validMinutes}分間、1回だけ有効です（${expiryJa(input.expiresAt)}まで）。`,
      'ご依頼に心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。',
      '',
      separator,
      '',
      `Dear ${input.displayName},`,
      '',
      'We received a request to reset your password. Open the link below to choose a new one.',
      '',
      input.link,
      '',
      `The link works once, for ${input.validMinutes} minutes (until ${expiryEn(input.expiresAt)}).`,
      'If you did not ask for this, please ignore this e-mail; your password stays as it is.',
      '',
    ].join('\n'),
  };
}
