import { Role } from '../auth/role';
import { outboxRunning } from '../dev/outbox/outbox.service';

export interface NavItem {
  href: string;
  label: string;
  /** who sees the link (admin sees every link) */
  roles: Role[];
  /** shown only while this says so (the development Outbox) */
  shown?: () => boolean;
}

/** The console's main navigation, filtered by the user's role. Add a screen's entry here. */
export const CONSOLE_NAV: NavItem[] = [
  { href: '/console/incidents', label: 'Incidents', roles: [Role.viewer] },
  { href: '/console/incidents/new', label: 'Declare', roles: [Role.commander] },
  { href: '/console/scorecard', label: 'Scorecard', roles: [Role.viewer] },
  { href: '/console/templates', label: 'Templates', roles: [Role.comms] },
  { href: '/console/runbooks', label: 'Runbooks', roles: [Role.comms, Role.commander] },
  { href: '/console/customers', label: 'Customer lookup', roles: [Role.agent, Role.comms] },
  { href: '/console/suppressions', label: 'Suppressions', roles: [Role.comms] },
  { href: '/console/offers', label: 'Offers', roles: [Role.comms] },
  { href: '/console/contact-reasons', label: 'Contact reasons', roles: [Role.comms] },
  { href: '/console/users', label: 'Users', roles: [Role.admin] },
  { href: '/console/api-keys', label: 'API keys', roles: [Role.admin] },
  { href: '/console/outbox', label: 'Outbox (development)', roles: [Role.viewer], shown: () => outboxRunning },
];
