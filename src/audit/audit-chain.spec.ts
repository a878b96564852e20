import { chainHash, ChainRow, checkLinks, GENESIS_HASH, canonicalText } from './audit-chain';

const row = (id: string, over: Partial<ChainRow> = {}): ChainRow => ({
  id, at: new Date('2026-12-06T01:02:03.456Z'), actorId: null, actorName: 'ops', action: 'x.done', entityType: 'x', entityId: id,
  incidentId: null, dataText: '{"a": 1}', origin: '127.0.0.1', prevHash: null, hash: null, ...over,
});

function chain(n: number): ChainRow[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const r = row(String(i + 1), { prevHash: prev });
    r.hash = chainHash(prev, r);
    prev = r.hash;
    return r;
  });
}

describe(checkLinks.name, () => {
  it('accepts an intact chain', () => expect(checkLinks(chain(5), { id: null, hash: GENESIS_HASH })).toBeNull());

  it('names an edited row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], dataText: '{"a": 2}' };
    expect(checkLinks(rows, { id: null, hash: GENESIS_HASH })).toMatchObject({ id: '3', problem: 'edited' });
  });

  it('names the row after a removed one', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(checkLinks(rows, { id: null, hash: GENESIS_HASH })).toMatchObject({ id: '3', problem: 'unlinked' });
  });
});

describe(canonicalText.name, () => {
  it('tells NULL from an empty or a "-" value, and counts UTF-8 octets', () => {
    expect(canonicalText(row('1', { actorName: null }))).not.toBe(canonicalText(row('1', { actorName: '-' })));
    expect(canonicalText(row('1', { actorName: '' }))).toContain('|0:|');
    expect(canonicalText(row('1', { actorName: 'é' }))).toContain('|2:é|');
  });
});
