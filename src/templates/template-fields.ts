// What each channel's template is made of, and the variables a template may declare.
export const CHANNELS = ['email', 'sms', 'webhook', 'page'] as const;
export type Channel = (typeof CHANNELS)[number];

export type TemplateField = 'subject' | 'html' | 'text' | 'body';

/** Fields per channel: required ones first. `subject` is the page title for `page`. */
export const CHANNEL_FIELDS: Record<Channel, { required: TemplateField[]; optional: TemplateField[] }> = {
  email: { required: ['subject', 'html', 'text'], optional: [] },
  sms: { required: ['text'], optional: [] },
  webhook: { required: ['body'], optional: [] },
  page: { required: ['subject', 'html'], optional: ['text'] },
};

/** Fields rendered as HTML (escaped); the others are plain text or JSON string leaves. */
export const HTML_FIELDS: TemplateField[] = ['html'];

export const CUSTOMER_FIELDS = ['externalId', 'name', 'email', 'phone', 'locale', 'timezone', 'attributes', 'tags'];
export const INCIDENT_FIELDS = ['id', 'title', 'type', 'severity', 'awareAt', 'declaredAt', 'jurisdictions'];
/** Set per customer at send time: `notice.url` is their personal notice page. */
export const NOTICE_FIELDS = ['url'];

/** Set per customer at send time when the step carries a remedy offer: `offer.code` is their own code. */
export const OFFER_FIELDS = ['title', 'terms', 'code', 'url', 'expiresAt'];

/** Why a declared variable is not acceptable, or null when it is. */
export function checkDeclaredVariable(v: string): string | null {
  if (v.endsWith('?') && !v.startsWith('facts.')) return 'only facts can be optional (facts.name?)';
  const [root, field, ...rest] = v.replace(/\?$/, '').split('.');
  if (root === 'customer') {
    if (!CUSTOMER_FIELDS.includes(field)) return `customer has no field '${field}' (known: ${CUSTOMER_FIELDS.join(', ')})`;
    if (rest.length && field !== 'attributes') return `customer.${field} has no sub-fields`;
    return null;
  }
  if (root === 'incident') {
    if (!INCIDENT_FIELDS.includes(field)) return `incident has no field '${field}' (known: ${INCIDENT_FIELDS.join(', ')})`;
    return rest.length ? `incident.${field} has no sub-fields` : null;
  }
  if (root === 'facts') return /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(field ?? '') ? null : 'fact names are identifiers';
  if (root === 'notice') {
    if (!NOTICE_FIELDS.includes(field)) return `notice has no field '${field}' (known: ${NOTICE_FIELDS.join(', ')})`;
    return rest.length ? `notice.${field} has no sub-fields` : null;
  }
  if (root === 'offer') {
    if (!OFFER_FIELDS.includes(field)) return `offer has no field '${field}' (known: ${OFFER_FIELDS.join(', ')})`;
    return rest.length ? `offer.${field} has no sub-fields` : null;
  }
  return `variables start with customer., incident., facts., notice. or offer.`;
}

/** A declared variable covers itself and anything below it (`customer.attributes` covers `customer.attributes.plan`). */
export const isCovered = (path: string, declared: readonly string[]) =>
  declared.map((d) => d.replace(/\?$/, '')).some((d) => path === d || path.startsWith(d + '.'));

/** The facts a set of declared variables needs from the incident (an optional `facts.name?` is not needed). */
export const requiredFacts = (declared: readonly string[]) =>
  [...new Set(declared.filter((v) => v.startsWith('facts.') && !v.endsWith('?')).map((v) => v.split('.')[1]))].sort();
