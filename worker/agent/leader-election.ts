/** Name of the Web Lock that makes one agent per browser profile (locks are per origin and profile). */
export const AGENT_LOCK = 'axiom-web/agent';

/**
 * Tries to become the profile's leader. Calls `onFollower` at once when another tab holds the lock, then waits in the
 * lock's queue; calls `onLeader` when this context holds it. The lock is held until this context goes away (tab
 * closed or reloaded, Worker terminated), and the browser then hands it to the next waiting tab: that is the takeover.
 */
export function electLeader(locks: LockManager, handlers: { onLeader: () => void; onFollower: () => void }): void {
  const holdForever = () => new Promise<never>(() => { /* never settles: the lock is released when we go away */ });
  void locks.request(AGENT_LOCK, { ifAvailable: true }, (lock) => {
    if (lock !== null) {
      handlers.onLeader();
      return holdForever();
    }
    handlers.onFollower();
    void locks.request(AGENT_LOCK, () => {
      handlers.onLeader();
      return holdForever();
    });
    return undefined;
  });
}
