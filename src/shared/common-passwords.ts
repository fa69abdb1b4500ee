/**
 * Passwords people pick first, which guessing tools try first (ASVS 6.2.4). Because the
 * platform asks for 12 characters, what matters is the long forms: a common word or keyboard
 * run padded with digits and symbols ("Password1234!", "qwertyuiop12"). The list ships with the
 * code (no outside service may be called). Words are compared lower-cased, after the digits and
 * symbols around them are removed.
 */
const commonWords = [
  'password',
  'passw0rd',
  'pass',
  'passwd',
  'qwerty',
  'qwertyuiop',
  'qwertyui',
  'asdfgh',
  'asdfghjkl',
  'zxcvbnm',
  'azerty',
  'letmein',
  'welcome',
  'admin',
  'administrator',
  'root',
  'login',
  'master',
  'dragon',
  'monkey',
  'football',
  'baseball',
  'soccer',
  'iloveyou',
  'sunshine',
  'princess',
  'shadow',
  'superman',
  'batman',
  'trustno',
  'abc',
  'abcdef',
  'abcdefg',
  'abcdefgh',
  'secret',
  'changeme',
  'default',
  'guest',
  'user',
  'test',
  'tester',
  'hello',
  'hellohello',
  'starwars',
  'whatever',
  'freedom',
  'computer',
  'internet',
  'michael',
  'jennifer',
  'jordan',
  'hunter',
  'ranger',
  'buster',
  'charlie',
  'thomas',
  'tigger',
  'pokemon',
  'naruto',
  'doraemon',
  'pikachu',
  'sakura',
  'tokyo',
  'japan',
  'nippon',
  'fukushima',
  'summer',
  'winter',
  'spring',
  'autumn',
  'january',
  'december',
  'flower',
  'cookie',
  'chocolate',
  'purple',
  'orange',
  'banana',
  'apple',
  'samsung',
  'google',
  'microsoft',
  'windows',
  'linux',
  'access',
  'mustang',
  'harley',
  'ginger',
  'killer',
  'matrix',
  'kakehashi',
  'demo',
  'sample',
  'example',
  'company',
  'office',
  'system',
  'security',
  'network',
];

const commonWordSet = new Set(commonWords);

/** Keyboard rows and counting runs: a password that is a piece of one is no password. */
const runs = [
  '1234567890123456789012345678901234567890',
  '0987654321098765432109876543210987654321',
  'qwertyuiopasdfghjklzxcvbnmqwertyuiop',
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) return true;
  if (runs.some((run) => run.includes(lower))) return true;
  const letters = lower.replace(/[^a-z]/g, '');
  if (letters === '') {
    // Only digits and symbols: a date, a phone number or a run; too easy to enumerate.
    return /^[\d\W_]+$/.test(lower) && new Set(lower.replace(/\D/g, '')).size <= 4;
  }
  if (commonWordSet.has(letters)) return true;
  return runs.some((run) => letters.length >= 6 && run.includes(letters));
}

/**
 * A password built on the holder's own e-mail address or name is among the first guesses of
 * anyone who knows them (ASVS 6.2.11). Parts shorter than four characters are not checked.
 */
export function isPersonalPassword(
  password: string,
  person: { email: string; displayName?: string },
): boolean {
  const lower = password.toLowerCase().replace(/[\s._-]/g, '');
  const [localPart = '', domain = ''] = person.email.toLowerCase().split('@');
  const parts = [
    localPart,
    ...localPart.split(/[._+-]/),
    domain.split('.')[0] ?? '',
    ...(person.displayName ?? '').toLowerCase().split(/\s+/),
    (person.displayName ?? '').toLowerCase().replace(/\s+/g, ''),
  ].map((p) => p.replace(/[\s._-]/g, ''));
  return parts.some((part) => part.length >= 4 && lower.includes(part));
}
