import { Role, roleSatisfies } from './role';

describe(roleSatisfies.name, () => {
  it('lets admin do everything', () => expect(roleSatisfies(Role.admin, [Role.commander])).toBe(true));
  it('lets every role do what viewer may', () => {
    for (const r of [Role.commander, Role.comms, Role.agent, Role.viewer]) expect(roleSatisfies(r, [Role.viewer])).toBe(true);
  });
  it('limits a marketing key to the routes that name it (the holds)', () => {
    expect(roleSatisfies(Role.marketing, [Role.viewer])).toBe(false);
    expect(roleSatisfies(Role.marketing, [Role.marketing, Role.viewer])).toBe(true);
    expect(roleSatisfies(Role.viewer, [Role.marketing, Role.viewer])).toBe(true);
  });

  it('keeps other roles apart', () => {
    expect(roleSatisfies(Role.viewer, [Role.commander])).toBe(false);
    expect(roleSatisfies(Role.agent, [Role.comms])).toBe(false);
    expect(roleSatisfies(Role.comms, [Role.comms, Role.agent])).toBe(true);
  });
});
