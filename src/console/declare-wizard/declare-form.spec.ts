import { AppException } from '../../common/errors/app.exception';
import { declareBodyFromForm, filterFromForm, readDeclareForm, utcFromInput } from './declare-form';

describe('declare wizard form', () => {
  it('reads a datetime-local value as UTC and lets a full ISO time through', () => {
    expect(utcFromInput('2026-11-26T08:05')).toBe('2026-11-26T08:05:00Z');
    expect(utcFromInput('2026-11-26T08:05:30')).toBe('2026-11-26T08:05:30Z');
    expect(utcFromInput('2026-11-26T08:05:00+01:00')).toBe('2026-11-26T08:05:00+01:00');
    expect(utcFromInput('  ')).toBeUndefined();
  });

  it('builds a one-condition filter, or takes the advanced JSON instead', () => {
    expect(filterFromForm({ filterField: 'tags', filterOp: 'in', filterValue: 'eu, vip ,', filterJson: '' })).toEqual({ field: 'tags', in: ['eu', 'vip'] });
    expect(filterFromForm({ filterField: 'attributes.plan', filterOp: 'eq', filterValue: 'pro' })).toEqual({ field: 'attributes.plan', eq: 'pro' });
    expect(filterFromForm({ filterField: 'tags', filterOp: 'exists', filterValue: '' })).toEqual({ field: 'tags', exists: true });
    expect(filterFromForm({ filterField: 'tags', filterOp: 'eq', filterValue: 'x', filterJson: '{"not":{"field":"locale","eq":"fr"}}' })).toEqual({ not: { field: 'locale', eq: 'fr' } });
    expect(() => filterFromForm({ filterOp: 'eq', filterJson: '{bad' })).toThrow(/not valid JSON/);
    expect(() => filterFromForm({ filterOp: 'eq' })).toThrow(AppException);
  });

  it('turns the flat form into a declare body: facts from fact.* fields, jurisdictions upper-cased, the list read like an upload', async () => {
    const form = readDeclareForm({
      title: 'Breach',
      type: 'data_breach',
      severity: 'high',
      awareAt: '2026-11-26T08:00',
      jurisdictions: 'eu, fr;us-ny',
      'fact.hotline': ' 0800 ',
      'fact.empty': '   ',
      affectedMode: 'list',
      externalIds: 'externalId\r\nc-1\r\nc-2\r\n\r\nc-1\r\n',
      _csrf: 'x',
    });
    expect(await declareBodyFromForm('plan', form)).toEqual({
      runbook: 'plan',
      title: 'Breach',
      type: 'data_breach',
      severity: 'high',
      awareAt: '2026-11-26T08:00:00Z',
      jurisdictions: ['EU', 'FR', 'US-NY'],
      facts: { hotline: '0800' },
      affected: { externalIds: ['c-1', 'c-2', 'c-1'] },
    });
  });

  it('refuses an empty list and reports bad lines by row number', async () => {
    await expect(declareBodyFromForm('plan', readDeclareForm({ affectedMode: 'list', externalIds: '\n\n' }))).rejects.toThrow(/list is empty/);
    const tooLong = 'x'.repeat(200);
    await expect(declareBodyFromForm('plan', readDeclareForm({ affectedMode: 'list', externalIds: `ok-1\n${tooLong}` }))).rejects.toMatchObject({
      details: [expect.objectContaining({ path: 'affected, row 2' })],
    });
  });
});
