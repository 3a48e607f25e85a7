import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  test('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 2], c: null } })).toBe('{"a":{"c":null,"d":[3,2]},"b":1}');
  });

  test.prop([fc.dictionary(fc.string(), fc.jsonValue())])('does not depend on key insertion order', (obj) => {
    const reversed = Object.fromEntries(Object.entries(obj).reverse());
    expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
  });

  test.prop([fc.jsonValue()])('is valid JSON that parses back to an equal value', (value) => {
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  test('writes typed arrays as number arrays and refuses non-finite numbers', () => {
    expect(canonicalJson(new Float32Array([0.5, 2]))).toBe('[0.5,2]');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });
});
