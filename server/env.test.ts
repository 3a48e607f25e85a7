import { describe, expect, test } from 'vitest';
import { loadEnv } from './env.ts';

describe('loadEnv', () => {
  test('gives the documented defaults for an empty environment', () => {
    const e = loadEnv({});
    expect(e).toEqual({
      PORT: 8080, HOST: '127.0.0.1', DATA_DIR: './data', DATABASE_URL: 'sqlite:./data/axiom.db', ADMIN_KEY: undefined,
      WEB_DIST: './dist', DEFAULT_SWEEP: 'full', DEFAULT_MIN_QUORUM: 1, DELAY_BOUND_S: 604_800,
      TRANSITIONER_INTERVAL_MS: 5000,
    });
  });

  test('derives DATABASE_URL from DATA_DIR and coerces numbers', () => {
    const e = loadEnv({ DATA_DIR: '/tmp/x', PORT: '9000', DEFAULT_MIN_QUORUM: '2', DEFAULT_SWEEP: 'small', PORT_UNUSED: 'y' });
    expect(e.DATABASE_URL).toBe('sqlite:/tmp/x/axiom.db');
    expect(e.PORT).toBe(9000);
    expect(e.DEFAULT_MIN_QUORUM).toBe(2);
    expect(e.DEFAULT_SWEEP).toBe('small');
  });

  test('treats empty strings as unset', () => {
    expect(loadEnv({ PORT: '', ADMIN_KEY: '' })).toMatchObject({ PORT: 8080, ADMIN_KEY: undefined });
  });

  test('names every bad variable at once', () => {
    const bad = { PORT: 'eighty', DEFAULT_SWEEP: 'huge', DATABASE_URL: 'mysql://x', ADMIN_KEY: 'short' };
    expect(() => loadEnv(bad)).toThrow(/invalid server environment/);
    const message = (() => { try { loadEnv(bad); return ''; } catch (e) { return e instanceof Error ? e.message : ''; } })();
    for (const name of Object.keys(bad)) expect(message).toContain(name);
  });
});
