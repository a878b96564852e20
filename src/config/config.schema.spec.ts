import { loadConfig } from './config.schema';

const valid = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tocsin',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  PUBLIC_URL: 'https://tocsin.example',
  MAIL_FROM: 'Acme Security <security@acme.example>',
  NOTICE_TOKEN_SECRET: 'a-notice-secret-of-at-least-32-characters',
};

describe(loadConfig.name, () => {
  it('applies defaults to a minimal valid environment', () => {
    const c = loadConfig(valid);
    expect(c).toMatchObject({ PORT: 3000, QUEUE_PREFIX: 'tocsin', SEND_BATCH_SIZE: 100, BODY_LIMIT: '5mb' });
  });

  it('names every missing variable in one message', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL: is required[\s\S]*REDIS_URL: is required[\s\S]*SMTP_URL[\s\S]*PUBLIC_URL[\s\S]*MAIL_FROM/);
  });

  it('explains bad values', () => {
    const attempt = () => loadConfig({ ...valid, DATABASE_URL: 'mysql://x', PORT: '99999', TOCSIN_ADMIN_KEY: 'short' });
    expect(attempt).toThrow(/DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\//);
    expect(attempt).toThrow(/PORT: Too big/);
    expect(attempt).toThrow(/TOCSIN_ADMIN_KEY: must be at least 24 characters/);
  });

  it('requires NOTICE_TOKEN_SECRET in production only, and a long one', () => {
    const { NOTICE_TOKEN_SECRET: _, ...withoutSecret } = valid;
    expect(() => loadConfig(withoutSecret)).toThrow(/NOTICE_TOKEN_SECRET: is required in production/);
    expect(loadConfig({ ...withoutSecret, NODE_ENV: 'development' }).NOTICE_TOKEN_SECRET).toBeUndefined();
    expect(() => loadConfig({ ...valid, NOTICE_TOKEN_SECRET: 'short' })).toThrow(/NOTICE_TOKEN_SECRET: must be at least 32 characters/);
    expect(loadConfig(valid).NOTICE_TOKEN_TTL_DAYS).toBe(180);
  });
});
