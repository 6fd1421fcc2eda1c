/**
 * The date-part shims of functions-datetime.sql are inlined by PostgreSQL's planner: a query
 * names PostgreSQL's own date_part, not the shim, so EXTRACT in a transform over many rows costs
 * what PostgreSQL's does (as STRICT functions they ran once per row and value, 8x slower on the
 * time dimension). Their results, NULL included, stay Redshift's.
 */
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../../../../local/data-api/engine/engine';

let pg: PGlite;
beforeAll(async () => {
  pg = await openDatabase(undefined);
}, 60_000);
afterAll(() => pg.close());

const plan = async (sql: string): Promise<string> =>
  (await pg.query<{ 'QUERY PLAN': string }>(`EXPLAIN (VERBOSE, COSTS OFF) ${sql}`)).rows
    .map((r) => r['QUERY PLAN'])
    .join('\n');

const FROM = "FROM (VALUES (TIMESTAMP '2018-11-01 21:01:46.101'), (NULL)) v(ts)";

test.each([
  ['date_part', 'hour'],
  ['date_part', 'millisecond'],
  ['pgdate_part', 'dow'],
])('%s(%s, timestamp) is inlined: the plan calls no pg_redshift_sys function', async (fn, part) => {
  const text = await plan(`SELECT pg_redshift_sys.${fn}('${part}', ts) ${FROM}`);
  expect(text).not.toMatch(/pg_redshift_sys\./);
  expect(text).toMatch(/date_part|EXTRACT/i);
});

test('values keep Redshift semantics, NULL in gives NULL out', async () => {
  const r = await pg.query<Record<string, unknown>>(
    `SELECT pg_redshift_sys.date_part('hour', ts) AS h, pg_redshift_sys.date_part('millisecond', ts) AS ms,
            pg_redshift_sys.date_part('second', ts) AS s, pg_redshift_sys.pgdate_part('dow', ts) AS dow ${FROM}`,
  );
  expect(r.rows).toEqual([
    { h: 21, ms: 101, s: 46, dow: 4 },
    { h: null, ms: null, s: null, dow: null },
  ]);
});
