import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { tempDir } from '../support/stack';

const BIN = resolve(__dirname, '../../bin/redshift-ingest.js');

describe('npm start (redshift-ingest demo)', () => {
  it('loads the Sparkify sample shipped in samples/sparkify into the documented star schema', () => {
    const state = tempDir('demo');
    const run = spawnSync(process.execPath, [BIN, 'demo', '--state', state, '--json'], {
      cwd: tempDir('demo-cwd'),
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(run.stderr).not.toMatch(/error:/);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.files).toEqual({ seen: 101, loaded: 101, skipped: 0, quarantined: 0 });
    expect(report.tables).toEqual({ songplays: 6820, users: 97, songs: 71, artists: 69, time: 6813 });

    // The state folder keeps what was loaded: a second start skips every file.
    const again = spawnSync(process.execPath, [BIN, 'demo', '--state', state, '--json'], { encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).files).toEqual({ seen: 101, loaded: 0, skipped: 101, quarantined: 0 });
  });
});
