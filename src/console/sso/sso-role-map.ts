import { Role } from '../../auth/role';
import { USER_ROLES } from '../users/dto/create-user.dto';

/** Most to least privileged: a person in several mapped groups gets the strongest of their roles. */
const RANK: Role[] = [Role.admin, Role.commander, Role.comms, Role.agent, Role.viewer];

export type RoleMap = Map<string, Role>;

/** `OIDC_ROLE_MAP`: `group=role` pairs, comma-separated (e.g. `sec-admins=admin,ir-leads=commander`). A string is why it is wrong. */
export function parseRoleMap(text: string): RoleMap | string {
  const map: RoleMap = new Map();
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = pair.lastIndexOf('=');
    const group = pair.slice(0, i).trim();
    const role = pair.slice(i + 1).trim() as Role;
    if (i <= 0 || !group) return `'${pair}' is not group=role`;
    if (!(USER_ROLES as readonly string[]).includes(role)) return `'${role}' is not a console role (${USER_ROLES.join(', ')})`;
    map.set(group, role);
  }
  return map;
}

/** The role a person's groups give them, or null when no group is mapped (no access). */
export function roleForGroups(groups: unknown, map: RoleMap): Role | null {
  const list = Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : typeof groups === 'string' ? [groups] : [];
  const roles = list.map((g) => map.get(g)).filter((r): r is Role => !!r);
  return RANK.find((r) => roles.includes(r)) ?? null;
}
