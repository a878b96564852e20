import { Role } from '@prisma/client';

export { Role };
export const ROLES = Object.values(Role) as Role[];

/** Who is calling: an API key (or, later, a console user). */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** admin may do everything; every role includes viewer, except marketing, which may only do what names it. */
export function roleSatisfies(have: Role, required: readonly Role[]): boolean {
  if (have === Role.admin) return true;
  if (have === Role.marketing) return required.includes(Role.marketing);
  return required.includes(have) || required.includes(Role.viewer);
}
