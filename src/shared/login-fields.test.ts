import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loginFieldProblems, mfaCodeProblems } from './login-fields';
import { loginRequestSchema, mfaCodeRequestSchema } from './schemas/auth';
import { toFieldErrors } from './validation';

/** What the server's schema reports for the values. */
function viaSchema(schema: z.ZodType, values: unknown) {
  const result = schema.safeParse(values);
  return result.success ? [] : toFieldErrors(result.error.issues);
}

describe('login field checks without zod', () => {
  it('find exactly the problems the server schema finds, with the same wording', () => {
    const cases = [
      { email: 'dx@nishiaizu.example.jp', password: 'secret' },
      { email: '  DX@Nishiaizu.Example.JP ', password: 'x' },
      { email: '', password: '' },
      { email: 'no-at-sign', password: 'p' },
      { email: 'a@b', password: 'p' },
      { email: 'a..b@example.jp', password: 'p' },
      { email: `${'a'.repeat(250)}@example.jp`, password: 'p' },
      { email: 'ok@example.jp', password: 'p'.repeat(201) },
      { email: 'ok@example.jp', password: 'p'.repeat(200) },
    ];
    for (const values of cases) {
      expect(loginFieldProblems(values), JSON.stringify(values).slice(0, 60)).toEqual(
        viaSchema(loginRequestSchema, values),
      );
    }
  });

  it('accept a 6-digit code (spaces around allowed) and word anything else as the schema does', () => {
    for (const code of ['123456', ' 654321 ', '12345', '1234567', 'abcdef', '']) {
      expect(mfaCodeProblems({ code }), code).toEqual(viaSchema(mfaCodeRequestSchema, { code }));
    }
    expect(mfaCodeProblems({ code: '123456' })).toEqual([]);
    expect(mfaCodeProblems({ code: '12a456' })[0]?.ja).toBe('6桁の数字を入力してください。');
  });
});
