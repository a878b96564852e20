import { IncidentPublishing, Role } from '@prisma/client';
import { Clock } from '../common/time/clock';
import { IncidentPostRepository, PostWithVersions } from './incident-post.repository';
import { IncidentPostsService } from './incident-posts.service';

const post = { id: 'p', version: 1, versions: [{ version: 1, authorId: 'author' }] } as unknown as PostWithVersions;
const rule = (approvalRole: Role | null, differentFromAuthor = false) => ({ approvalRole, differentFromAuthor }) as IncidentPublishing;
const who = (role: Role, id = 'someone') => ({ id, name: id, role });

describe(IncidentPostsService.name, () => {
  // whyNot is the publishing rule alone: no repository call (a strict stand-in would fail the test)
  const service = new IncidentPostsService({} as IncidentPostRepository, {} as Clock);

  it('lets any writer publish an update, but only a commander an answer, when the incident sets no rule', () => {
    expect(service.whyNot('update', post, 1, null, who(Role.comms))).toBeNull();
    expect(service.whyNot('update', post, 1, null, who(Role.agent))).toMatch(/needs the role commander or comms/);
    expect(service.whyNot('update', post, 1, null, who(Role.viewer))).toMatch(/needs the role/);
    expect(service.whyNot('answer', post, 1, null, who(Role.comms))).toMatch(/needs the role commander/);
    expect(service.whyNot('answer', post, 1, null, who(Role.commander))).toBeNull();
  });

  it("follows the incident's rule: its role, and four eyes when asked", () => {
    expect(service.whyNot('update', post, 1, rule(Role.commander), who(Role.comms))).toMatch(/needs the role commander/);
    expect(service.whyNot('answer', post, 1, rule(Role.comms), who(Role.comms))).toBeNull();
    expect(service.whyNot('update', post, 1, rule(Role.commander, true), who(Role.commander, 'author'))).toMatch(/someone other than its author/);
    expect(service.whyNot('update', post, 1, rule(Role.commander, true), who(Role.commander, 'other'))).toBeNull();
    expect(service.whyNot('update', post, 1, rule(Role.commander), who(Role.admin))).toBeNull();
  });
});
