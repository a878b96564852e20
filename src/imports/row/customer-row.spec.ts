import { checkRecord, mapColumns } from './customer-row';

const opts = { unknownColumns: 'attributes' as const };

describe(mapColumns.name, () => {
  it('accepts aliases and keeps unknown columns as attributes', () => {
    const m = mapColumns(['External_ID', 'E-mail Address', 'Mobile', 'plan'], 'attributes');
    expect(m).toEqual({ ok: true, columns: [{ field: 'externalId' }, { field: 'email' }, { field: 'phone' }, { attribute: 'plan' }] });
  });

  it('refuses a header without externalId, a repeated column, or unknown columns when asked to', () => {
    expect(mapColumns(['email'], 'attributes')).toMatchObject({ ok: false, message: expect.stringContaining('externalId') });
    expect(mapColumns(['externalId', 'email', 'Email'], 'attributes')).toMatchObject({ ok: false, message: expect.stringContaining('twice') });
    expect(mapColumns(['externalId', 'shoe'], 'reject')).toMatchObject({ ok: false, message: expect.stringContaining('shoe') });
  });
});

describe(checkRecord.name, () => {
  const mapped = mapColumns(['externalId', 'email', 'name', 'tags', 'plan'], 'attributes');
  const columns = mapped.ok ? mapped.columns : [];

  it('normalises a good CSV row and marks which fields it carries', () => {
    const r = checkRecord({ row: 1, line: 2, values: ['c-1', 'A@X.COM', ' Ada ', 'vip|eu|vip', ''] }, columns, opts);
    expect(r).toEqual({
      ok: true,
      row: expect.objectContaining({ row: 1, external_id: 'c-1', email: 'A@x.com', name: 'Ada', tags: ['vip', 'eu'], attributes: {}, present: 1 | 4 | 32 | 64 }),
    });
  });

  it('reports every bad field of a row, each with the row and line', () => {
    const r = checkRecord({ row: 7, line: 9, values: ['bad id!', 'nope', 'Eve\nBcc: x', '', ''] }, columns, opts);
    expect(r).toEqual({
      ok: false,
      errors: [
        { row: 7, line: 9, field: 'externalId', message: expect.any(String) },
        { row: 7, line: 9, field: 'email', message: 'is not a valid email address' },
        { row: 7, line: 9, field: 'name', message: expect.stringContaining('line breaks') },
      ],
    });
  });

  it('refuses text that was not UTF-8 and names the line', () => {
    const r = checkRecord({ row: 3, line: 4, values: ['c-3', '', 'Jos\uFFFD', '', ''] }, columns, opts);
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'name', message: expect.stringContaining('line 4') }] });
  });

  it('treats NDJSON objects the same way, unknown keys becoming attributes or errors by option', () => {
    const rec = { row: 1, line: 1, values: { externalId: 42, email: null, country: 'FR' } };
    expect(checkRecord(rec, null, opts)).toMatchObject({ ok: true, row: { external_id: '42', email: null, attributes: { country: 'FR' }, present: 1 | 32 } });
    expect(checkRecord(rec, null, { unknownColumns: 'reject' })).toMatchObject({ ok: false, errors: [{ field: 'country' }] });
  });
});
