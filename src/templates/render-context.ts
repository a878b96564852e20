import { RenderContext } from './template-engine';

export interface CustomerLike {
  externalId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string;
  timezone: string;
  attributes: unknown;
  tags?: string[];
}

export interface IncidentLike {
  id: string;
  title: string;
  type: string;
  severity: string;
  awareAt: Date | string;
  declaredAt: Date | string;
  jurisdictions: string[];
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);

/** Per-recipient values that are not customer data: the link to their notice page. */
export interface NoticeLike {
  url: string;
}

/** The one shape every template is rendered with: customer.*, incident.*, facts.* and notice.*. */
export function renderContext(c: CustomerLike, i: IncidentLike, facts: unknown, notice?: NoticeLike): RenderContext {
  return {
    customer: {
      externalId: c.externalId,
      name: c.name,
      email: c.email,
      phone: c.phone,
      locale: c.locale,
      timezone: c.timezone,
      attributes: (c.attributes ?? {}) as Record<string, unknown>,
      tags: c.tags ?? [],
    },
    incident: { id: i.id, title: i.title, type: i.type, severity: i.severity, awareAt: iso(i.awareAt), declaredAt: iso(i.declaredAt), jurisdictions: i.jurisdictions },
    facts: (facts ?? {}) as Record<string, unknown>,
    // a plain value, not passed through the `url` helper: PUBLIC_URL may be http in development
    notice: notice ? { url: notice.url } : {},
  };
}
