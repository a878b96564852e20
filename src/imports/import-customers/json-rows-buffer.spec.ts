import { JsonRowsBuffer } from './json-rows-buffer';

describe(JsonRowsBuffer.name, () => {
  it('hands out each batch as one JSON array and starts the next one empty', () => {
    const b = new JsonRowsBuffer();
    b.push(JSON.stringify({ row: 1, name: 'Zoë' }));
    b.push(JSON.stringify({ row: 2, name: 'a "quoted" name' }));
    expect(b.count).toBe(2);
    expect(JSON.parse(b.take().toString('utf8'))).toEqual([{ row: 1, name: 'Zoë' }, { row: 2, name: 'a "quoted" name' }]);
    expect(b.count).toBe(0);
    b.push('{"row":3}');
    expect(b.take().toString('utf8')).toBe('[{"row":3}]');
    expect(b.take().toString('utf8')).toBe('[]');
  });

  it('grows for a batch larger than its buffers and keeps every byte', () => {
    const b = new JsonRowsBuffer();
    const rows = Array.from({ length: 3000 }, (_, i) => ({ row: i, name: `Ünïcödé ${'x'.repeat(i % 300)}` }));
    for (const r of rows) b.push(JSON.stringify(r));
    expect(JSON.parse(b.take().toString('utf8'))).toEqual(rows);
  });

  it('does not overwrite the batch handed out while the next one is filled', () => {
    const b = new JsonRowsBuffer();
    b.push('{"row":1}');
    const first = b.take();
    b.push('{"row":2}');
    expect(first.toString('utf8')).toBe('[{"row":1}]');
  });
});
