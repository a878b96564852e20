import { Role } from '@prisma/client';

export { Role };
export const ROLES = Object.values(Role) as Role[];

/** Who is calling: an API key (or, later, a console user). */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** admin may do everything; every role includes viewer. */
export function roleSatisfies(have: Role, required: readonly Role[]): boolean {
  if (have === Role.admin) return true;
  return required.includes(have) || required.includes(Role.viewer);
}
