import type { AgentSnapshot, SettingsPatch } from '../api.ts';

/** Name of the BroadcastChannel shared by the agent Workers of every tab of this profile. */
export const TAB_CHANNEL = 'axiom-web/agent';

/** Messages between tabs: the leader broadcasts its state; followers ask for it and forward the volunteer's commands. */
export type TabMessage =
  | { readonly type: 'snapshot'; readonly snapshot: AgentSnapshot }
  | { readonly type: 'hello' }
  | { readonly type: 'command'; readonly command: TabCommand };

export type TabCommand =
  | { readonly kind: 'set-running'; readonly isRunning: boolean }
  | { readonly kind: 'update-settings'; readonly patch: SettingsPatch }
  | { readonly kind: 'retry-outbox' };

/**
 * Checks a message from another tab. Tabs of one profile may run different builds during an update, so a message
 * is foreign data; an unknown one is ignored (the sender is an older or newer build and will reload).
 */
export function readTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null || !('type' in data)) return null;
  const type: unknown = data.type;
  if (type === 'hello') return { type };
  if (type === 'snapshot' && 'snapshot' in data && typeof data.snapshot === 'object' && data.snapshot !== null) {
    return data as TabMessage; // as: shape checked at its top level; the snapshot comes from a tab of this origin
  }
  if (type === 'command' && 'command' in data && typeof data.command === 'object' && data.command !== null && 'kind' in data.command) {
    const kind: unknown = data.command.kind;
    if (kind === 'set-running' || kind === 'update-settings' || kind === 'retry-outbox') return data as TabMessage; // as: kind checked
  }
  return null;
}
