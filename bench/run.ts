/** `npm run bench`: filled in by the benchmark change (issue: generator, benchmarks, fault injection). */
export async function benchCommand(_opts: { json: boolean }): Promise<number> {
  process.stderr.write('bench: not built yet\n');
  return 1;
}
