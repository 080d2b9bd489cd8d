// Configuration: defaults for an empty environment, and one error naming the variable for a bad value.
import { describe, expect, it } from 'vitest';
import { ConfigError, hasLlm, hasRealMetaAccount, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('fills the defaults from DESIGN.md for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      ADNAVI_DATA_DIR: './.adnavi',
      PORT: 8787,
      META_GRAPH_URL: 'https://graph.facebook.com',
      LOG_LEVEL: 'info',
    });
    for (const unset of ['DATABASE_URL', 'META_ACCESS_TOKEN', 'OPENAI_API_KEY', 'REDIS_URL'] as const) {
      expect(config[unset], unset).toBeUndefined();
    }
    expect(config.META_API_VERSION).toMatch(/^v\d+\.\d+$/);
    expect(hasRealMetaAccount(config)).toBe(false);
    expect(hasLlm(config)).toBe(false);
  });

  it('treats blank values as unset and trims what is set', () => {
    const config = loadConfig({ PORT: '  ', DATABASE_URL: '', META_GRAPH_URL: ' http://127.0.0.1:9000/// ' });
    expect(config.PORT).toBe(8787);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.META_GRAPH_URL).toBe('http://127.0.0.1:9000');
  });

  it('reads set values', () => {
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: 'postgres://u@db:5432/adnavi',
      META_ACCESS_TOKEN: 'tok',
      META_AD_ACCOUNT_ID: 'act_123',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
    });
    expect(config.PORT).toBe(0);
    expect(config.DATABASE_URL).toBe('postgres://u@db:5432/adnavi');
    expect(loadConfig({ ADNAVI_RESULT_CACHE: '0' }).ADNAVI_RESULT_CACHE).toBe(0);
    expect(loadConfig({}).ADNAVI_RESULT_CACHE).toBe(500);
    expect(hasRealMetaAccount(config)).toBe(true);
    expect(hasLlm(config)).toBe(true);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'not a url'],
    ['META_GRAPH_URL', 'graph.facebook.com'],
    ['META_API_VERSION', '24'],
    ['META_AD_ACCOUNT_ID', 'account-1'],
    ['ADNAVI_ENCRYPTION_KEY', Buffer.alloc(16).toString('base64')],
    ['REDIS_URL', 'redis host'],
    ['LOG_LEVEL', 'loud'],
    ['ADNAVI_SYNC_BACKFILL_DAYS', '0'],
    ['ADNAVI_SYNC_LOOKBACK_DAYS', 'four weeks'],
    ['ADNAVI_AUTH', 'sometimes'],
    ['ADNAVI_RATE_LIMIT', '0'],
    ['ADNAVI_RESULT_CACHE', '-1'],
    ['ADNAVI_RESULT_CACHE', 'lots'],
    ['ADNAVI_TRUST_PROXY', 'yes'],
    ['ADNAVI_TRUST_PROXY', '10.0.0.0/40'],
  ])('stops with one line naming %s for %j', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(variable);
    expect(message).not.toContain('\n');
  });

  it('trusts no proxy unless ADNAVI_TRUST_PROXY names one', () => {
    expect(loadConfig({}).ADNAVI_TRUST_PROXY).toBe(false);
    expect(loadConfig({ ADNAVI_TRUST_PROXY: '1' }).ADNAVI_TRUST_PROXY).toBe(1);
    expect(loadConfig({ ADNAVI_TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).ADNAVI_TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
  });

  it('accepts a 32-byte base64 encryption key', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ADNAVI_ENCRYPTION_KEY: key }).ADNAVI_ENCRYPTION_KEY).toBe(key);
  });

  it('reads the sync window sizes as whole days', () => {
    const config = loadConfig({ ADNAVI_SYNC_BACKFILL_DAYS: '395', ADNAVI_SYNC_LOOKBACK_DAYS: '7' });
    expect(config.ADNAVI_SYNC_BACKFILL_DAYS).toBe(395);
    expect(config.ADNAVI_SYNC_LOOKBACK_DAYS).toBe(7);
    expect(loadConfig({}).ADNAVI_SYNC_BACKFILL_DAYS).toBeUndefined();
  });
});
