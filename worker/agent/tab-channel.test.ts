import { expect, test } from 'vitest';
import { readTabMessage } from './tab-channel.ts';

test('accepts the messages tabs send each other and ignores anything else', () => {
  expect(readTabMessage({ type: 'hello' })).toEqual({ type: 'hello' });
  expect(readTabMessage({ type: 'command', command: { kind: 'set-running', isRunning: true } })?.type).toBe('command');
  expect(readTabMessage({ type: 'command', command: { kind: 'format-disk' } })).toBeNull();
  expect(readTabMessage({ type: 'snapshot' })).toBeNull();
  expect(readTabMessage('hello')).toBeNull();
  expect(readTabMessage(null)).toBeNull();
});
