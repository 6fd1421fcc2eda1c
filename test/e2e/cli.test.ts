import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { FIXTURE, tempDir } from '../support/stack';

const BIN = resolve(__dirname, '../../bin/redshift-ingest.js');
const cli = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 180_000 });

describe('the redshift-ingest command', () => {
  it('loads a folder, keeps state between runs, answers SQL, all as JSON', () => {
    const work = tempDir('cli');
    const logs = join(work, 'logs');
    const songs = join(work, 'songs');
    mkdirSync(join(logs, 'log_data/2018/11'), { recursive: true });
    cpSync(
      join(FIXTURE, 'log_data/2018/11/2018-11-01-events.json'),
      join(logs, 'log_data/2018/11/2018-11-01-events.json'),
    );
    cpSync(join(FIXTURE, 'song_data'), join(songs, 'song_data'), { recursive: true });

    const first = cli(['local', 'load', logs, '--json', '--batch-window', '100'], work);
    expect(first.stderr).not.toMatch(/error:/);
    expect(first.status).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.files).toEqual({ seen: 1, loaded: 1, skipped: 0, quarantined: 0 });
    expect(report.executions).toHaveLength(1);
    expect(report.executions[0]).toMatchObject({ dataset: 'log_data', files: 1, status: 'SUCCEEDED', error: null });

    // Same default state folder (.redshift-ingest in the working directory): songs accumulate.
    const second = JSON.parse(cli(['local', 'load', songs, '--json', '--batch-window', '100'], work).stdout);
    expect(second.tables).toMatchObject({ songs: 71, artists: 69 });
    // Loading the logs again: the file is skipped as already loaded.
    const again = cli(['local', 'load', logs, '--json'], work);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).files).toEqual({ seen: 1, loaded: 0, skipped: 1, quarantined: 0 });

    // A forced replay loads it again, through a new execution, and says so.
    const forced = cli(
      ['local', 'replay', '--key', 'log_data/2018/11/2018-11-01-events.json', '--force', '--json'],
      work,
    );
    expect(forced.status).toBe(0);
    expect(JSON.parse(forced.stdout).files).toEqual({ seen: 1, loaded: 1, skipped: 0, quarantined: 0 });
    // A key that does not exist is named, and the exit code says something is wrong.
    const missing = cli(['local', 'replay', '--key', 'log_data/2018/11/nope.json'], work);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/not found in s3:\/\/sparkify-ingest: log_data\/2018\/11\/nope.json/);

    const sql = cli(['local', 'sql', 'SELECT COUNT(*) AS n FROM ingest.loaded_files', '--json'], work);
    expect(JSON.parse(sql.stdout)).toEqual([{ n: 72 }]);
  });

  it('refuses bad usage with a message and exit code 1', () => {
    const out = cli(['local', 'replay'], tempDir('cli-usage'));
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/--prefix P or --key K/);
  });

  it('`local up` serves S3 and the Data API live until interrupted', async () => {
    const work = tempDir('cli-up');
    const child = spawn(process.execPath, [BIN, 'local', 'up', '--batch-window', '50'], { cwd: work });
    try {
      const endpoints = await new Promise<{ s3: string; dataApi: string }>((resolvePromise, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const s3 = /S3 endpoint: (\S+)/.exec(out)?.[1];
          const dataApi = /Redshift Data API endpoint: (\S+)/.exec(out)?.[1];
          if (s3 && dataApi) resolvePromise({ s3, dataApi });
        });
        child.once('exit', (code) => reject(new Error(`local up exited with ${code}`)));
      });
      const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
      const s3 = new S3Client({ region: 'us-east-1', endpoint: endpoints.s3, forcePathStyle: true, credentials });
      await s3.send(
        new PutObjectCommand({
          Bucket: 'sparkify-ingest',
          Key: 'song_data/A/A/A/TRAAAAW128F429D538.json',
          Body: '{"num_songs": 1, "artist_id": "ARD7TVE1187B99BFB1", "artist_latitude": null, "artist_longitude": null, "artist_location": "California - LA", "artist_name": "Casual", "song_id": "SOMZWCG12A8C13C480", "title": "I Didn\'t Mean To", "duration": 218.93179, "year": 0}',
        }),
      );
      const data = new RedshiftDataClient({ region: 'us-east-1', endpoint: endpoints.dataApi, credentials });
      let title: string | undefined;
      for (let i = 0; i < 200 && !title; i++) {
        const { Id } = await data.send(
          new ExecuteStatementCommand({
            WorkgroupName: 'local',
            Database: 'dev',
            Sql: "SELECT title FROM songs WHERE song_id = 'SOMZWCG12A8C13C480'",
          }),
        );
        // Another process runs the statement: poll it in real time, at most 200 times.
        let status: string | undefined;
        for (let poll = 0; poll < 200 && status !== 'FINISHED' && status !== 'FAILED'; poll++) {
          await new Promise((r) => setTimeout(r, 50));
          status = (await data.send(new DescribeStatementCommand({ Id }))).Status;
        }
        if (status !== 'FINISHED' && status !== 'FAILED') throw new Error(`statement ${Id} still ${status} after 10 s`);
        if (status === 'FINISHED')
          title = (await data.send(new GetStatementResultCommand({ Id }))).Records?.[0]?.[0]?.stringValue;
      }
      expect(title).toBe("I Didn't Mean To");

      // While `local up` owns the folder, other commands on it go through its endpoints.
      const logs = join(work, 'logs');
      mkdirSync(join(logs, 'log_data/2018/11'), { recursive: true });
      cpSync(
        join(FIXTURE, 'log_data/2018/11/2018-11-02-events.json'),
        join(logs, 'log_data/2018/11/2018-11-02-events.json'),
      );
      const viaUp = cli(['local', 'load', logs, '--json'], work);
      expect(viaUp.stderr).not.toMatch(/error:/);
      expect(viaUp.status).toBe(0);
      expect(JSON.parse(viaUp.stdout)).toMatchObject({
        files: { seen: 1, loaded: 1, skipped: 0, quarantined: 0 },
        executions: [{ dataset: 'log_data', files: 1, status: 'SUCCEEDED' }],
      });
      const replayed = cli(['local', 'replay', '--prefix', 'log_data/', '--force', '--json'], work);
      expect(JSON.parse(replayed.stdout).files).toEqual({ seen: 1, loaded: 1, skipped: 0, quarantined: 0 });
      const counted = cli(['local', 'sql', 'SELECT COUNT(*) AS n FROM songs', '--json'], work);
      expect(JSON.parse(counted.stdout)).toEqual([{ n: 1 }]);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
