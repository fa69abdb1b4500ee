import type { FieldError } from './errors';
import { toFieldErrors } from './validation';

/**
 * The login page's field checks without zod: the login page is the first page many people open,
 * on old PCs and slow lines, and zod is the largest library the app has. The rules are those of
 * loginRequestSchema and mfaCodeRequestSchema (schemas/auth.ts, which the server applies; a test
 * keeps both in step), and the messages come from the same wording (toFieldErrors).
 */

type Issue = Parameters<typeof toFieldErrors>[0][number];

/** zod's own e-mail pattern (z.email()), so the page and the server agree on every address. */
const emailPattern =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export const mfaCodeFormatMessage = { ja: '6桁の数字を入力してください。', en: 'Enter the 6-digit code.' };

function tooBig(path: string, maximum: number, input: string): Issue {
  return {
    code: 'too_big',
    origin: 'string',
    maximum,
    inclusive: true,
    path: [path],
    input,
    message: '',
  } as Issue;
}

export function loginFieldProblems({ email, password }: { email: string; password: string }): FieldError[] {
  const issues: Issue[] = [];
  const address = email.trim().toLowerCase();
  if (address.length > 254) issues.push(tooBig('email', 254, address));
  else if (!emailPattern.test(address))
    issues.push({
      code: 'invalid_format',
      format: 'email',
      path: ['email'],
      input: address,
      message: '',
    } as Issue);
  if (password.length < 1)
    issues.push({
      code: 'too_small',
      origin: 'string',
      minimum: 1,
      inclusive: true,
      path: ['password'],
      input: password,
      message: '',
    } as Issue);
  else if (password.length > 200) issues.push(tooBig('password', 200, password));
  return toFieldErrors(issues);
}

export function mfaCodeProblems({ code }: { code: string }): FieldError[] {
  if (/^\d{6}$/.test(code.trim())) return [];
  return toFieldErrors([
    {
      code: 'custom',
      path: ['code'],
      input: code.trim(),
      params: mfaCodeFormatMessage,
      message: '',
    } as Issue,
  ]);
}
