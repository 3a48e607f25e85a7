import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { dialectOf } from '../dialect.ts';

/**
 * The initial schema, with Kysely's schema builder (not one dialect's SQL) so PostgreSQL can run it too.
 * Names are snake_case because `CamelCasePlugin` maps them; BOINC's column names are kept where BOINC has one.
 */
export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // SQLite's AUTOINCREMENT has no PostgreSQL spelling; an identity column is its equivalent there. Floats are
    // `double precision` on both: PostgreSQL's `real` is 4 bytes (FLOP estimates and credit would lose digits),
    // SQLite gives either name the same 8-byte REAL affinity.
    const isPostgres = dialectOf(db) === 'postgres';
    const id = (c: ColumnDefinitionBuilder) => (isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
    await db.schema.createTable('user')
      .addColumn('id', 'integer', id)
      .addColumn('account_key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .execute();

    await db.schema.createTable('host')
      .addColumn('id', 'integer', id)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('authenticator', 'text', (c) => c.notNull().unique())
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('cores', 'integer', (c) => c.notNull())
      .addColumn('memory_mb', 'integer')
      .addColumn('backends_json', 'text', (c) => c.notNull())
      .addColumn('adapter', 'text', (c) => c.notNull())
      .addColumn('flops_per_second', 'double precision')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('last_contact', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('host_user_id').on('host').column('user_id').execute();

    await db.schema.createTable('app_version')
      .addColumn('id', 'integer', id)
      .addColumn('experiment', 'text', (c) => c.notNull())
      .addColumn('version_num', 'integer', (c) => c.notNull())
      .addColumn('is_deprecated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addUniqueConstraint('app_version_experiment_version', ['experiment', 'version_num'])
      .execute();

    await db.schema.createTable('sweep')
      .addColumn('id', 'integer', id)
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('experiment', 'text', (c) => c.notNull())
      .addColumn('app_version_id', 'integer', (c) => c.notNull().references('app_version.id'))
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .execute();

    await db.schema.createTable('workunit')
      .addColumn('id', 'integer', id)
      .addColumn('sweep_id', 'integer', (c) => c.notNull().references('sweep.id'))
      .addColumn('app_version_id', 'integer', (c) => c.notNull().references('app_version.id'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('experiment', 'text', (c) => c.notNull())
      .addColumn('input_json', 'text', (c) => c.notNull())
      .addColumn('rsc_fpops_est', 'double precision', (c) => c.notNull())
      .addColumn('delay_bound', 'integer', (c) => c.notNull())
      .addColumn('min_quorum', 'integer', (c) => c.notNull())
      .addColumn('target_nresults', 'integer', (c) => c.notNull())
      .addColumn('max_error_results', 'integer', (c) => c.notNull())
      .addColumn('max_total_results', 'integer', (c) => c.notNull())
      .addColumn('max_success_results', 'integer', (c) => c.notNull())
      .addColumn('canonical_resultid', 'integer')
      .addColumn('error_mask', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('assimilate_state', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('transition_time', 'integer')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('workunit_transition_time').on('workunit').column('transition_time').execute();
    await db.schema.createIndex('workunit_sweep_id').on('workunit').column('sweep_id').execute();

    await db.schema.createTable('result')
      .addColumn('id', 'integer', id)
      .addColumn('workunit_id', 'integer', (c) => c.notNull().references('workunit.id'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('server_state', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('validate_state', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('host_id', 'integer', (c) => c.references('host.id'))
      .addColumn('user_id', 'integer', (c) => c.references('user.id'))
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('sent_time', 'integer')
      .addColumn('report_deadline', 'integer')
      .addColumn('received_time', 'integer')
      .addColumn('output_json', 'text')
      .addColumn('output_digest', 'text')
      .addColumn('backend', 'text')
      .addColumn('adapter', 'text')
      .addColumn('compute_ms', 'integer')
      .addColumn('elapsed_s', 'integer')
      .addColumn('last_progress_time', 'integer')
      .addColumn('fraction_done', 'double precision')
      .execute();
    // Dispatch scans unsent results oldest workunit first; the transitioner and validator load one workunit's results.
    await db.schema.createIndex('result_server_state_workunit').on('result').columns(['server_state', 'workunit_id', 'id']).execute();
    await db.schema.createIndex('result_workunit_id').on('result').column('workunit_id').execute();
    await db.schema.createIndex('result_host_id_server_state').on('result').columns(['host_id', 'server_state']).execute();
    await db.schema.createIndex('result_user_id_received').on('result').columns(['user_id', 'received_time']).execute();

    await db.schema.createTable('credit_ledger')
      .addColumn('id', 'integer', id)
      .addColumn('result_id', 'integer', (c) => c.notNull().unique().references('result.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
      .addColumn('host_id', 'integer', (c) => c.notNull().references('host.id'))
      .addColumn('credit', 'double precision', (c) => c.notNull())
      .addColumn('granted_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('credit_ledger_user_granted').on('credit_ledger').columns(['user_id', 'granted_at']).execute();
    await db.schema.createIndex('credit_ledger_host_id').on('credit_ledger').column('host_id').execute();
  },
};
