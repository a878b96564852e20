import { Role } from '@prisma/client';

export { Role };
export const ROLES = Object.values(Role) as Role[];

/** Who is calling: an API key (or, later, a console user). */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  /** a console user's own address (API keys have none) */
  email?: string;
}

/** admin may do everything; every role includes viewer, except marketing, which may only do what names it. */
export function roleSatisfies(have: Role, required: readonly Role[]): boolean {
  if (have === Role.admin) return true;
  if (have === Role.marketing) return required.includes(Role.marketing);
  return required.includes(have) || required.includes(Role.viewer);
}

/**
 * Who may approve a gated step (least privilege): never a viewer, marketing or agent key, whatever a runbook
 * says. Runbooks may only name these; an older published version naming another role still needs one of them.
 */
export const APPROVER_ROLES: readonly Role[] = [Role.commander, Role.comms, Role.admin];

/** Who may download personal data (the unreached export: names, emails, phones). */
export const PERSONAL_DATA_ROLES: readonly Role[] = [Role.commander, Role.comms, Role.agent];
