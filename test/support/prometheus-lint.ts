// A check of a Prometheus text exposition that needs no promtool: the exposition is parsed by a parser
// library, then held to the naming rules promtool enforces (and a few it does not: every listed family has
// a sample, no name twice). test/metrics-lint.e2e.spec.ts also runs the real `promtool check metrics`.
import { spawnSync } from 'node:child_process';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface Family {
  name: string;
  type: string;
  help: string;
  samples: number;
}

export function families(exposition: string): Family[] {
  return parsePrometheusTextFormat(exposition).map((f) => ({ name: f.name, type: f.type.toLowerCase(), help: f.help, samples: f.metrics.length }));
}

/** Units that are not base units (Prometheus wants seconds and bytes, with the unit as a suffix). */
const NON_BASE_UNIT = /_(ms|milliseconds?|microseconds?|nanoseconds?|minutes?|hours?|days?|kb|mb|gb|kilobytes?|megabytes?|gigabytes?|percent)(_|$)/;

/** What is wrong with an exposition, one line per problem (empty when none). */
export function lintExposition(exposition: string): string[] {
  const problems: string[] = [];
  const typeLines = [...exposition.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]);
  for (const name of new Set(typeLines.filter((n, i) => typeLines.indexOf(n) !== i))) problems.push(`${name}: listed more than once`);
  for (const f of families(exposition)) {
    if (!f.help) problems.push(`${f.name}: no HELP`);
    if (f.type === 'counter' && !f.name.endsWith('_total')) problems.push(`${f.name}: a counter whose name does not end in _total`);
    if (f.type !== 'counter' && f.name.endsWith('_total')) problems.push(`${f.name}: a ${f.type} whose name ends in _total`);
    if (f.type !== 'histogram' && f.type !== 'summary' && /_(count|sum|bucket)$/.test(f.name)) problems.push(`${f.name}: a ${f.type} with a histogram's suffix`);
    if (NON_BASE_UNIT.test(f.name)) problems.push(`${f.name}: not in base units (seconds, bytes)`);
    if (!/^[a-z_:][a-z0-9_:]*$/.test(f.name)) problems.push(`${f.name}: not a snake_case name`);
    if (f.samples === 0) problems.push(`${f.name}: HELP and TYPE without a sample (not measured by this process?)`);
  }
  return problems;
}

/** `promtool check metrics` on an exposition; null when promtool is not installed. */
export function promtoolCheck(exposition: string): { status: number | null; output: string } | null {
  const res = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if ((res.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return null;
  return { status: res.status, output: `${res.stdout}${res.stderr}`.trim() };
}
