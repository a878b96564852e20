import { Readable } from 'node:stream';
import { readExternalIds } from './affected-file';

const drain = async (body: Readable) => {
  const ids: string[] = [];
  for await (const b of readExternalIds(body)) ids.push(...b.ids.map((r) => r.id));
  return ids;
};

describe(readExternalIds.name, () => {
  it('reads ids after a BOM and a header, quoted, with other columns', async () => {
    expect(await drain(Readable.from(['\uFEFFexternalId,name\n"c-1",Ada\nc-2;x\n\n c-3 \n']))).toEqual(['c-1', 'c-2', 'c-3']);
  });

  it('stops at a record over 64 KB instead of buffering it (a 20 MB line without breaks)', async () => {
    const chunk = 'x'.repeat(1024 * 1024);
    const huge = Readable.from(
      (function* () {
        for (let i = 0; i < 20; i++) yield chunk;
      })(),
    );
    await expect(drain(huge)).rejects.toThrow(/max_record_size|record size/i);
  });
});
