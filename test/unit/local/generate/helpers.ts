/**
 * Test helpers for the generator: temporary folders and raw file reading.
 * Tests read the written bytes, never the generator's internals.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SongRecord } from '../../../../local/generate/types';

/** A fresh temporary folder; remove it with `removeDir`. */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gen-${label}-`));
}

/** Removes a folder created by `tempDir`. */
export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir`, as sorted "/"-separated relative paths. */
export function listRelative(dir: string, sub = ''): string[] {
  const here = path.join(dir, sub);
  if (!fs.existsSync(here)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(here, { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listRelative(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** Raw text of a file. */
export function readRaw(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}

/** Raw lines of every log file, in file order. */
export function logLines(dir: string): string[] {
  return listRelative(dir)
    .filter((f) => f.startsWith('log_data/'))
    .flatMap((f) => readRaw(dir, f).split('\n'));
}

/** A parsed log event (the shape of the real files). */
export interface LogEvent {
  artist: string | null;
  auth: string;
  firstName: string | null;
  gender: string | null;
  itemInSession: number;
  lastName: string | null;
  length: number | null;
  level: string;
  location: string | null;
  method: string;
  page: string;
  registration: number | null;
  sessionId: number;
  song: string | null;
  status: number;
  ts: number;
  userAgent: string | null;
  userId: string;
}

/** A parsed song file: the generator's record without the track id that names the file. */
export type SongFile = Omit<SongRecord, 'trackId'>;

/** Every event, parsed. */
export function logEvents(dir: string): LogEvent[] {
  return logLines(dir).map((l) => JSON.parse(l) as LogEvent);
}

/** Every song file, parsed, with its relative path. */
export function songFiles(dir: string): Array<{ rel: string; song: SongFile; raw: string }> {
  return listRelative(dir)
    .filter((f) => f.startsWith('song_data/'))
    .map((rel) => {
      const raw = readRaw(dir, rel);
      return { rel, raw, song: JSON.parse(raw) as SongFile };
    });
}
