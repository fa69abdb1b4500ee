import type { z } from 'zod';
import type { FieldError } from './errors';

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into field errors a person can act on, in Japanese and
 * English. Custom rules pass their own wording as `params: { ja, en }` so the
 * message can say what the rule means (e.g. "check digit is wrong").
 */
export function toFieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues.map((issue) => {
    const { ja, en } = describeIssue(issue);
    return { path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), code: issue.code, ja, en };
  });
}

function describeIssue(issue: Issue): { ja: string; en: string } {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { ja: '必須項目です。', en: 'This field is required.' };
      return {
        ja: `形式が正しくありません（${typeJa(issue.expected)}を入力してください）。`,
        en: `Invalid value: expected ${issue.expected}.`,
      };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { ja: '必須項目です。', en: 'This field is required.' }
          : {
              ja: `${issue.minimum}文字以上で入力してください。`,
              en: `Enter at least ${issue.minimum} characters.`,
            };
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return { ja: `${issue.minimum}件以上選択してください。`, en: `Choose at least ${issue.minimum}.` };
      return {
        ja: `${issue.minimum}${issue.inclusive ? '以上' : 'より大きい値'}を入力してください。`,
        en: `Enter a value ${issue.inclusive ? 'of at least' : 'greater than'} ${issue.minimum}.`,
      };
    case 'too_big':
      if (issue.origin === 'string')
        return {
          ja: `${issue.maximum}文字以内で入力してください。`,
          en: `Enter at most ${issue.maximum} characters.`,
        };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { ja: `${issue.maximum}件以内にしてください。`, en: `Choose at most ${issue.maximum}.` };
      return {
        ja: `${issue.maximum}${issue.inclusive ? '以下' : '未満'}の値を入力してください。`,
        en: `Enter a value ${issue.inclusive ? 'of at most' : 'less than'} ${issue.maximum}.`,
      };
    case 'invalid_format':
      return describeFormat(issue.format);
    case 'not_multiple_of':
      return {
        ja: `${issue.divisor}の倍数を入力してください。`,
        en: `Enter a multiple of ${issue.divisor}.`,
      };
    case 'unrecognized_keys':
      return {
        ja: `不明な項目が含まれています: ${issue.keys.join(', ')}`,
        en: `Unknown fields: ${issue.keys.join(', ')}`,
      };
    case 'invalid_value':
      return { ja: '選択肢の中から選んでください。', en: 'Choose one of the allowed values.' };
    case 'invalid_union':
      return { ja: '形式が正しくありません。', en: 'The value does not match any allowed form.' };
    case 'custom': {
      const params = issue.params as { ja?: string; en?: string } | undefined;
      if (params?.ja && params.en) return { ja: params.ja, en: params.en };
      return { ja: '入力内容を確認してください。', en: issue.message || 'Invalid value.' };
    }
    default:
      return { ja: '入力内容を確認してください。', en: 'Invalid value.' };
  }
}

function typeJa(expected: string): string {
  const names: Record<string, string> = {
    string: '文字列',
    number: '数値',
    int: '整数',
    boolean: '真偽値',
    array: '配列',
    object: 'オブジェクト',
    date: '日付',
  };
  return names[expected] ?? expected;
}

function describeFormat(format: string): { ja: string; en: string } {
  switch (format) {
    case 'email':
      return { ja: 'メールアドレスの形式で入力してください。', en: 'Enter a valid e-mail address.' };
    case 'uuid':
      return { ja: 'IDの形式が正しくありません。', en: 'Invalid id.' };
    case 'date':
      return { ja: '日付をYYYY-MM-DDの形式で入力してください。', en: 'Enter a date as YYYY-MM-DD.' };
    case 'datetime':
      return { ja: '日時の形式が正しくありません。', en: 'Invalid date and time.' };
    case 'url':
      return { ja: 'URLの形式で入力してください。', en: 'Enter a valid URL.' };
    default:
      return { ja: '形式が正しくありません。', en: 'Invalid format.' };
  }
}
