import { describe, expect, it } from 'vitest';
import { getEnv } from '@/lib/env';

describe('environment', () => {
  it('applies defaults with no variables at all', () => {
    const env = getEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: '.data', RATE_LIMIT_AUTH_ACCOUNT_PER_MIN: 5, RATE_LIMIT_READ_PER_MIN: 120 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.CORS_ORIGINS).toEqual([]);
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ CORS_ORIGINS: 'https://ok.example, not a url' }, 'CORS_ORIGINS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ RATE_LIMIT_CRUD_PER_MIN: '-1' }, 'RATE_LIMIT_CRUD_PER_MIN'],
    [{ HEALTH_TOKEN: 'short' }, 'HEALTH_TOKEN'],
  ])('a wrong value stops start-up naming the variable (%j)', (source, name) => {
    expect(() => getEnv(source)).toThrow(new RegExp(`Invalid environment variables:[\\s\\S]*${name}`));
  });

  it('parses lists and numbers', () => {
    const env = getEnv({ CORS_ORIGINS: 'https://a.example, https://b.example', PORT: '8080' });
    expect(env.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(env.PORT).toBe(8080);
  });
});
