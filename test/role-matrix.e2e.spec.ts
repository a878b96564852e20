import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { roleMatrixMarkdown, routeAccess } from '../src/auth/role-matrix';
import { Harness } from './support/harness';

const DOC = path.resolve(__dirname, '../docs/security.md');
const START = '<!-- role-matrix:start -->';
const END = '<!-- role-matrix:end -->';

describe('The role matrix in docs/security.md', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
  });
  afterAll(() => h.stop());

  it('is the one the routes enforce (UPDATE_DOCS=1 rewrites it)', () => {
    const rows = routeAccess(h.api);
    const table = roleMatrixMarkdown(rows);
    const doc = readFileSync(DOC, 'utf8');
    const [before, rest] = doc.split(START);
    const after = rest.split(END)[1];
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, `${before}${START}\n${table}\n${END}${after}`);
    else if (rest.split(END)[0].trim() !== table) {
      // a route was added or its roles changed: the document must say so too
      throw new Error(`docs/security.md's role matrix differs from the routes: run UPDATE_DOCS=1 npx jest test/role-matrix.e2e.spec.ts and commit docs/security.md\n\n${table}`);
    }
  });

  it('reads the roles the guards apply', () => {
    const rows = routeAccess(h.api);
    const find = (route: string) => rows.find((r) => r.route === route);
    expect(find('POST /api/v1/api-keys')).toEqual({ route: 'POST /api/v1/api-keys', by: 'key', roles: ['admin'] });
    expect(find('GET /api/v1/incidents/:id/unreached.csv')?.roles.sort()).toEqual(['admin', 'agent', 'commander', 'comms']);
    expect(find('GET /api/v1/holds/:externalId')?.roles).toContain('marketing');
    expect(find('GET /n/:token')?.by).toBe('public');
    expect(find('GET /console/users')).toMatchObject({ by: 'session', roles: ['admin'] });
  });
});
