import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { ensureAdminKey, requireAdmin } from './admin-key.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'axiom-admin-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('generates a key once, stores it privately, and reuses it; a configured key wins', () => {
  const first = ensureAdminKey(dir, undefined);
  expect(first.isGenerated).toBe(true);
  expect(first.key).toMatch(/^[0-9a-f]{48}$/);
  expect(readFileSync(join(dir, 'admin-key'), 'utf8').trim()).toBe(first.key);
  expect(statSync(join(dir, 'admin-key')).mode & 0o077).toBe(0);
  expect(ensureAdminKey(dir, undefined)).toEqual({ key: first.key, isGenerated: false });
  expect(ensureAdminKey(dir, 'configured-key-0123')).toEqual({ key: 'configured-key-0123', isGenerated: false });
});

test('requireAdmin accepts only the exact key as a bearer token', () => {
  const key = 'k'.repeat(24);
  expect(() => requireAdmin(key, `Bearer ${key}`)).not.toThrow();
  for (const header of [undefined, key, `Bearer ${key}x`, `Bearer ${key.slice(1)}`, `Basic ${key}`, `Bearer  ${key}`]) {
    expect(() => requireAdmin(key, header)).toThrow(AppError);
  }
});
