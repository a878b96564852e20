import { AppException } from '../../common/errors/app.exception';
import { DeclareIncidentCommand } from './declare-incident.command';

const now = new Date('2026-11-26T12:00:00Z');
const body = {
  runbook: 'default',
  title: 'Breach',
  severity: 'high',
  awareAt: '2026-11-26T08:00:00Z',
  facts: { b: 1, a: 'x' },
  affected: { externalIds: ['c1', 'c2', 'c1'] },
};

describe(DeclareIncidentCommand.name, () => {
  it('removes duplicate affected ids and applies defaults', () => {
    const cmd = DeclareIncidentCommand.create(body, 'k', now);
    expect(cmd.input.affected).toEqual({ externalIds: ['c1', 'c2'] });
    expect(cmd.input.type).toBe('data_breach');
    expect(cmd.awareAt.toISOString()).toBe('2026-11-26T08:00:00.000Z');
  });

  it('fingerprints the request independently of key order', () => {
    const a = DeclareIncidentCommand.create(body, 'k', now);
    const b = DeclareIncidentCommand.create({ ...body, facts: { a: 'x', b: 1 } }, 'k', now);
    const c = DeclareIncidentCommand.create({ ...body, title: 'Other' }, 'k', now);
    expect(a.requestHash).toBe(b.requestHash);
    expect(a.requestHash).not.toBe(c.requestHash);
  });

  it('refuses an awareAt in the future and a bad idempotency key', () => {
    expect(() => DeclareIncidentCommand.create({ ...body, awareAt: '2026-11-27T00:00:00Z' }, undefined, now)).toThrow(AppException);
    expect(() => DeclareIncidentCommand.create(body, 'has space', now)).toThrow(/Idempotency-Key/);
  });

  it('takes an audience filter instead of a list, and refuses both or neither', () => {
    const filter = { and: [{ field: 'tags', eq: 'eu' }, { field: 'attributes.plan', in: ['pro', 'team'] }] };
    expect(DeclareIncidentCommand.create({ ...body, affected: { filter } }, undefined, now).input.affected).toEqual({ filter });
    expect(() => DeclareIncidentCommand.create({ ...body, affected: { filter, externalIds: ['c1'] } }, undefined, now)).toThrow(AppException);
    expect(() => DeclareIncidentCommand.create({ ...body, affected: {} }, undefined, now)).toThrow(AppException);
    expect(() => DeclareIncidentCommand.create({ ...body, affected: { filter: { field: 'tags', gt: 3 } } }, undefined, now)).toThrow(/does not apply/);
  });

  it('refuses a materiality or determination time in the future, as POST /materiality does', () => {
    expect(() => DeclareIncidentCommand.create({ ...body, materialityAt: '2026-11-26T13:00:00Z' }, undefined, now)).toThrow('materialityAt is in the future');
    expect(() => DeclareIncidentCommand.create({ ...body, determinedAt: '2026-11-27T00:00:00Z' }, undefined, now)).toThrow('determinedAt is in the future');
    expect(DeclareIncidentCommand.create({ ...body, materialityAt: '2026-11-26T12:04:00Z' }, undefined, now).materialityAt?.toISOString()).toBe('2026-11-26T12:04:00.000Z'); // clock skew allowed
  });

  it('validates itself, whoever calls it', () => {
    expect(() => DeclareIncidentCommand.create({ ...body, severity: 'apocalyptic' }, undefined, now)).toThrow(/severity/);
  });
});
