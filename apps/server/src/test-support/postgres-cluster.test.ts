import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgresCluster } from './postgres-cluster.js';

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Alive and not a zombie (a stopped postmaster waits a moment for init to reap it). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('a throwaway PostgreSQL cluster', () => {
  it('gives isolated databases, keeps fsync on, and leaves neither process nor folder', async () => {
    const cluster = await startPostgresCluster();
    let dataDir = '';
    let pid = 0;
    try {
      const first = await cluster.createDatabase();
      const second = await cluster.createDatabase();
      expect(first).not.toBe(second);
      expect(first).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/delib_[0-9a-f]+$/);

      await withClient(first, async (client) => {
        await client.query('CREATE TABLE marks (candidate TEXT PRIMARY KEY, mark INTEGER)');
        await client.query("INSERT INTO marks VALUES ('0042', 14)");
        expect((await client.query('SHOW fsync')).rows[0]).toEqual({ fsync: 'on' });
        dataDir = String((await client.query('SHOW data_directory')).rows[0].data_directory);
      });
      await withClient(first, async (client) => {
        expect((await client.query('SELECT * FROM marks')).rows).toEqual([
          { candidate: '0042', mark: 14 },
        ]);
      });
      await withClient(second, async (client) => {
        const tables = await client.query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
        );
        expect(tables.rows).toEqual([]);
      });

      pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(isRunning(pid)).toBe(true);
    } finally {
      await cluster.stop();
    }
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(path.dirname(dataDir))).toBe(false);
    await cluster.stop(); // a second stop does nothing
  });
});
