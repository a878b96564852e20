import { decodeToUtf8, detectEncoding } from './decode';

async function decode(pieces: Buffer[], encoding: Parameters<typeof decodeToUtf8>[1]): Promise<string> {
  async function* source(): AsyncGenerator<Buffer> {
    yield* pieces;
  }
  const out: Buffer[] = [];
  for await (const b of decodeToUtf8(source(), encoding)) out.push(b);
  return Buffer.concat(out).toString('utf8');
}

describe(detectEncoding.name, () => {
  it('reads a byte-order mark', () => {
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x41]))).toBe('utf-16be');
    expect(detectEncoding(Buffer.from('\uFEFFexternalId,email\n'))).toBe('utf-8');
  });

  it('tells UTF-16 without a BOM by its zero bytes, even with some non-ASCII text', () => {
    expect(detectEncoding(Buffer.from('externalId\temail\tname\r\nx\ty@z.test\tŒuvre € 東京\r\n', 'utf16le'))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from('externalId,email\n', 'utf16le').swap16())).toBe('utf-16be');
  });

  it('takes 8-bit and UTF-8 text (and anything too short to tell) as UTF-8', () => {
    expect(detectEncoding(Buffer.from('externalId;email;name\nx;y@z.test;Jos\xe9\n', 'latin1'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('externalId,name\nx,Zoë\n'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('ab'))).toBe('utf-8');
  });
});

describe(decodeToUtf8.name, () => {
  it('keeps a UTF-16 character and a surrogate pair split between two pieces', async () => {
    const bytes = Buffer.from('id,name\n1,Zoë 😀\n', 'utf16le');
    const cutInChar = bytes.indexOf(Buffer.from('ë', 'utf16le')) + 1;
    const cutInPair = bytes.indexOf(Buffer.from('😀', 'utf16le')) + 2;
    expect(await decode([bytes.subarray(0, cutInChar), bytes.subarray(cutInChar, cutInPair), bytes.subarray(cutInPair)], 'utf-16le')).toBe('id,name\n1,Zoë 😀\n');
  });

  it('strips a UTF-16 BOM and reads Windows-1252 (and latin1 as Windows-1252: 0x80 is €, 0x92 is ’)', async () => {
    expect(await decode([Buffer.from('\uFEFFid\n', 'utf16le')], 'utf-16le')).toBe('id\n');
    const w = Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x80, 0x20, 0x92]);
    expect(await decode([w], 'windows-1252')).toBe('José € ’');
    expect(await decode([w], 'latin1')).toBe('José € ’');
  });

  it('passes UTF-8 through untouched, so its reader still sees bytes that are not UTF-8', async () => {
    const bad = Buffer.from([0x4a, 0xe9, 0x0a]);
    const out: Buffer[] = [];
    async function* one(): AsyncGenerator<Buffer> {
      yield bad;
    }
    for await (const b of decodeToUtf8(one(), 'utf-8')) out.push(b);
    expect(out).toEqual([bad]);
  });
});
