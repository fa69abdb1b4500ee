import { describe, expect, it } from 'vitest';
import { maskSecretsInPath } from './middleware';

describe('maskSecretsInPath', () => {
  it('hides invitation tokens and leaves other paths alone', () => {
    expect(maskSecretsInPath('/api/auth/invitations/abcDEF123_-')).toBe('/api/auth/invitations/[token]');
    expect(maskSecretsInPath('/api/municipalities/6f1c')).toBe('/api/municipalities/6f1c');
  });
});
