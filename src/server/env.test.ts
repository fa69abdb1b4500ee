import { describe, expect, it } from 'vitest';
import { loadEnv } from './env';

describe('PUBLIC_URL', () => {
  it('defaults to localhost on the configured PORT, so e-mail links reach this server', () => {
    expect(loadEnv({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadEnv({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
  });

  it('keeps an explicit PUBLIC_URL whatever the PORT', () => {
    expect(loadEnv({ PORT: '8080', PUBLIC_URL: 'http://kakehashi.example.jp' }).PUBLIC_URL).toBe(
      'http://kakehashi.example.jp',
    );
  });

  it('rejects a PUBLIC_URL that is not a URL', () => {
    expect(() => loadEnv({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });
});
