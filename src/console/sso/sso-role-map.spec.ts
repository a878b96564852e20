import { parseRoleMap, roleForGroups, RoleMap } from './sso-role-map';

describe(roleForGroups.name, () => {
  const map = parseRoleMap('sec-admins=admin, ir-leads=commander,comms=comms,support=agent,all-staff=viewer') as RoleMap;

  it('gives the strongest role of the mapped groups', () => {
    expect(roleForGroups(['all-staff', 'ir-leads'], map)).toBe('commander');
    expect(roleForGroups(['support'], map)).toBe('agent');
    expect(roleForGroups('sec-admins', map)).toBe('admin');
  });

  it('gives no role when no group is mapped (no access)', () => {
    expect(roleForGroups(['marketing'], map)).toBeNull();
    expect(roleForGroups(undefined, map)).toBeNull();
    expect(roleForGroups([{ not: 'a string' }], map)).toBeNull();
  });

  it('refuses a map naming a role people do not get', () => {
    expect(parseRoleMap('crm=marketing')).toMatch(/not a console role/);
    expect(parseRoleMap('admins')).toMatch(/not group=role/);
  });
});
