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

/** The customer's remedy offer (docs/offers.md): their own code, the same in every message and on their page. */
export interface OfferLike {
  title: string;
  terms: string;
  code: string | null;
  url: string | null;
  expiresAt: string | null;
}

/** What previews and publish checks render {{offer.*}} with (the real code exists only per customer at send time). */
export const SAMPLE_OFFER: OfferLike = {
  title: 'Sample offer',
  terms: 'Sample terms of the offer.',
  code: 'SAMPLE-CODE-0000',
  url: 'https://offers.example/redeem',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

/** incident.* of the render context: the same for every recipient, so a fan-out builds it once per batch and passes it. */
export function incidentValues(i: IncidentLike): Record<string, unknown> {
  return { id: i.id, title: i.title, type: i.type, severity: i.severity, awareAt: iso(i.awareAt), declaredAt: iso(i.declaredAt), jurisdictions: i.jurisdictions };
}

/** The one shape every template is rendered with: customer.*, incident.*, facts.*, notice.* and offer.*. */
export function renderContext(c: CustomerLike, i: IncidentLike, facts: unknown, notice?: NoticeLike, offer?: OfferLike, incident = incidentValues(i)): RenderContext {
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
    incident,
    facts: (facts ?? {}) as Record<string, unknown>,
    // a plain value, not passed through the `url` helper: PUBLIC_URL may be http in development
    notice: notice ? { url: notice.url } : {},
    offer: offer ? { title: offer.title, terms: offer.terms, code: offer.code, url: offer.url, expiresAt: offer.expiresAt } : {},
  };
}
