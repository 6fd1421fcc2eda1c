/**
 * The machine a benchmark ran on, for the header of docs/benchmarks.md: numbers from another
 * machine (or from a busy one) are not comparable, so every table says where it came from.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  date: string;
  /** 1-minute load average when the bench started and ended: > cores means others competed. */
  loadAvgStart: number;
  loadAvgEnd?: number;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    date: new Date().toISOString(),
    loadAvgStart: Math.round(loadavg()[0] * 100) / 100,
  };
}

export const currentLoad = (): number => Math.round(loadavg()[0] * 100) / 100;
