import { z } from 'zod';
import { sql, type Selectable } from 'kysely';
import { ServerState, ValidateState } from '../../shared/boinc-states.ts';
import { HostId, UserId, type Authenticator } from '../../shared/ids.ts';
import type { AdminHost } from '../../shared/protocol/admin-hosts.ts';
import { BackendName, type Capabilities } from '../../shared/protocol/capabilities.ts';
import { compileOnce } from './compile-once.ts';
import type { Db } from './connection.ts';
import type { HostTable } from './schema.ts';

/** A host row as the services see it. */
export type HostRow = Selectable<HostTable>;

const StoredBackends = z.array(BackendName);

/** The capability columns of a host, from what it sent. */
function capabilityColumns(caps: Capabilities) {
  return {
    platform: caps.platform, cores: caps.cores, memoryMb: caps.memoryMb, backendsJson: JSON.stringify(caps.backends),
    adapter: caps.adapter, flopsPerSecond: caps.flopsPerSecond,
  };
}

/** Creates an anonymous account and its first host. */
export async function insertUserAndHost(
  db: Db,
  input: { capabilities: Capabilities; accountKey: string; authenticator: Authenticator; nowS: number },
): Promise<{ userId: UserId; hostId: HostId }> {
  const user = await db.insertInto('user').values({ accountKey: input.accountKey, name: null, createdAt: input.nowS })
    .returning('id').executeTakeFirstOrThrow();
  const host = await db.insertInto('host').values({
    userId: user.id, authenticator: input.authenticator, createdAt: input.nowS, lastContact: input.nowS,
    ...capabilityColumns(input.capabilities),
  }).returning('id').executeTakeFirstOrThrow();
  return { userId: UserId.parse(user.id), hostId: HostId.parse(host.id) };
}

const hostByAuthenticator = compileOnce(
  (db, authenticator: string) => db.selectFrom('host').selectAll().where('authenticator', '=', authenticator),
  [['a'], ['b']],
);

/** The host of an authenticator (every host request starts here, so the query is compiled once). */
export async function findHostByAuthenticator(db: Db, authenticator: string): Promise<HostRow | undefined> {
  return (await hostByAuthenticator(db, authenticator)).rows[0];
}

export async function findHostById(db: Db, hostId: number): Promise<HostRow | undefined> {
  return db.selectFrom('host').selectAll().where('id', '=', hostId).executeTakeFirst();
}

/** Records what a host sent with its request, and that it was seen now. */
export async function updateHostCapabilities(db: Db, hostId: number, caps: Capabilities, nowS: number): Promise<void> {
  const c = capabilityColumns(caps);
  await capabilitiesQuery(db, hostId, c.platform, c.cores, c.memoryMb, c.backendsJson, c.adapter, c.flopsPerSecond, nowS);
}

const capabilitiesQuery = compileOnce(
  (db, hostId: number, platform: string, cores: number, memoryMb: number | null, backendsJson: string, adapter: string,
    flopsPerSecond: number | null, nowS: number) => db.updateTable('host')
    .set({ platform, cores, memoryMb, backendsJson, adapter, flopsPerSecond, lastContact: nowS }).where('id', '=', hostId),
  [[1001, 'p1', 1002, 1003, 'b1', 'a1', 1004.5, 1005], [2001, 'p2', 2002, 2003, 'b2', 'a2', 2004.5, 2005]],
);

const touchHostQuery = compileOnce(
  (db, hostId: number, nowS: number) => db.updateTable('host').set({ lastContact: nowS }).where('id', '=', hostId),
  [[1, 101], [2, 102]],
);

export async function touchHost(db: Db, hostId: number, nowS: number): Promise<void> {
  await touchHostQuery(db, hostId, nowS);
}

/** Every host with its open leases, valid results and credit: three grouped subqueries, no per-host queries. */
export async function listAdminHosts(db: Db): Promise<AdminHost[]> {
  const rows = await db.selectFrom('host')
    .leftJoin(
      (eb) => eb.selectFrom('result').select(['hostId', sql<number>`count(*)`.as('n')])
        .where('serverState', '=', ServerState.IN_PROGRESS).groupBy('hostId').as('busy'),
      (join) => join.onRef('busy.hostId', '=', 'host.id'),
    )
    .leftJoin(
      (eb) => eb.selectFrom('result').select(['hostId', sql<number>`count(*)`.as('n')])
        .where('validateState', '=', ValidateState.VALID).groupBy('hostId').as('valid'),
      (join) => join.onRef('valid.hostId', '=', 'host.id'),
    )
    .leftJoin(
      (eb) => eb.selectFrom('creditLedger').select(['hostId', sql<number>`sum(credit)`.as('total')]).groupBy('hostId').as('credit'),
      (join) => join.onRef('credit.hostId', '=', 'host.id'),
    )
    .select(['host.id', 'host.userId', 'host.platform', 'host.cores', 'host.backendsJson', 'host.adapter', 'host.createdAt',
      'host.lastContact', 'busy.n as busy', 'valid.n as valid', 'credit.total as credit'])
    .orderBy('host.id')
    .execute();
  return rows.map((r) => ({
    hostId: HostId.parse(r.id), userId: UserId.parse(r.userId), platform: r.platform, cores: r.cores,
    backend: StoredBackends.parse(JSON.parse(r.backendsJson))[0] ?? null, adapter: r.adapter,
    createdUnixS: r.createdAt, lastContactUnixS: r.lastContact, tasksInProgress: r.busy ?? 0, resultsValid: r.valid ?? 0,
    totalCredit: r.credit ?? 0,
  }));
}
