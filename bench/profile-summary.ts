// Where a process's CPU went, from a V8 CPU profile (`npm run bench -- --profile` writes them to
// bench/results/prof/): self time per package (or Tocsin folder, node internal, GC) and the top functions.
//   npx ts-node --transpile-only bench/profile-summary.ts bench/results/prof/<file>.cpuprofile [top=15]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package, Tocsin folder or engine bucket a frame belongs to. */
export function bucketOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (mod) return mod[1];
  // node:internal/streams/readable → node:internal/streams (the internals are most of the engine's share)
  if (frame.url.startsWith('node:')) return 'node:' + frame.url.slice(5).split('/').slice(0, frame.url.startsWith('node:internal/') ? 2 : 1).join('/');
  const own = /\/(?:dist\/(?:src\/)?|src\/)([^/]+)\//.exec(frame.url);
  if (own) return `tocsin/${own[1]}`;
  return '(other)';
}

export function summarise(profile: Profile, top = 15) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const b = bucketOf(frame);
    buckets.set(b, (buckets.get(b) ?? 0) + us);
    const f = `${frame.functionName || '(anonymous)'} ${b}${frame.url ? ':' + (frame.lineNumber + 1) : ''}`;
    functions.set(f, (functions.get(f) ?? 0) + us);
  }
  const pct = (us: number) => Number(((100 * us) / total).toFixed(1));
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    busySeconds: Number((total / 1e6).toFixed(2)),
    idleSeconds: Number((idle / 1e6).toFixed(2)),
    byPackagePct: Object.fromEntries(sorted(buckets).slice(0, top).map(([k, v]) => [k, pct(v)])),
    topFunctionsPct: Object.fromEntries(sorted(functions).slice(0, top).map(([k, v]) => [k, pct(v)])),
  };
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
  console.log(JSON.stringify(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 15)), null, 2));
}
