import { compileDatasets } from '../../../shared/datasets/compile';
import { formatProblem } from '../../../shared/datasets/problems';
import { type InitOptions, initDataset } from './init';

/** `redshift-ingest datasets validate [--datasets DIR]`: every folder, every problem; exit 1 on any. */
export function validateCommand(dir: string, json: boolean): number {
  const { specs, problems } = compileDatasets(dir);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ datasets: specs.map((s) => ({ name: s.name, folder: s.folder, prefix: s.prefix })), problems }, null, 2)}\n`,
    );
  } else if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  } else {
    for (const s of specs)
      process.stdout.write(
        `ok  ${s.folder}: ${s.name} (${s.prefix}, ${s.format.kind}, ${s.checkNames.length} checks)\n`,
      );
  }
  return problems.length > 0 ? 1 : 0;
}

/** `redshift-ingest datasets init NAME --prefix P --sample FILE [--datasets DIR]`. */
export async function initCommand(opts: InitOptions, json: boolean): Promise<number> {
  const result = await initDataset(opts);
  // The folder must compile like any other: a sample the project cannot declare is refused here.
  const { problems } = compileDatasets(opts.datasetsDir);
  const mine = problems.filter((p) => p.file.includes(`/${result.folder.split('/').pop()}/`));
  if (json) process.stdout.write(`${JSON.stringify({ ...result, problems: mine }, null, 2)}\n`);
  else {
    process.stdout.write(`wrote ${result.folder}: ${result.files.join(', ')}\n`);
    for (const c of result.columns)
      process.stdout.write(`  ${c.name.padEnd(24)} ${c.type}${c.name === result.key ? '  (key)' : ''}\n`);
    for (const p of mine) process.stderr.write(`${formatProblem(p)}\n`);
  }
  return mine.length > 0 ? 1 : 0;
}
