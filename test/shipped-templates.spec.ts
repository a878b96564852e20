import { checkTemplate } from '../src/templates/template-check';
import { TemplateEngine } from '../src/templates/template-engine';
import { requiredFacts } from '../src/templates/template-fields';
import { shippedTemplates } from '../src/templates/shipped-templates';
import { SAMPLE_OFFER } from '../src/templates/render-context';

describe('Templates shipped in templates/', () => {
  const engine = new TemplateEngine();
  const shipped = shippedTemplates();

  it('include the apology (email and page, en and fr) and the satisfaction survey', () => {
    const ids = shipped.map((t) => `${t.key}/${t.channel}/${t.locale}`);
    expect(ids).toEqual(expect.arrayContaining(['apology/email/en', 'apology/email/fr', 'apology/page/en', 'apology/page/fr', 'satisfaction-survey/email/en', 'satisfaction-survey/email/fr']));
  });

  it('include the breach notice in email, sms, page and webhook, and a regulator notice', () => {
    const ids = shipped.map((t) => `${t.key}/${t.channel}/${t.locale}`);
    expect(ids).toEqual(expect.arrayContaining(['breach-notice/email/en', 'breach-notice/email/fr', 'breach-notice/sms/en', 'breach-notice/page/en', 'breach-notice/webhook/en', 'regulator-gdpr-art33/email/en', 'incident-update/email/en', 'incident-update/email/fr']));
  });

  it.each(shipped.map((t) => [`${t.key}/${t.channel}/${t.locale}`, t]))('%s passes the save checks and renders every declared fact', (_, t) => {
    expect(checkTemplate(engine, t.channel, t.input)).toEqual([]);
    // a fact a template reads per locale (facts.updateText.en: the incident update's text) is given per locale
    const perLocale = (f: string) => [t.input.html, t.input.text].some((x) => x?.includes(`facts.${f}.${t.locale}`));
    const facts = Object.fromEntries(requiredFacts(t.input.variables).map((f) => [f, perLocale(f) ? { [t.locale]: `<${f}>` } : `<${f}>`]));
    const ctx = {
      customer: { externalId: 'c-1', name: 'Ada', locale: t.locale, timezone: 'Europe/Paris', attributes: {} },
      incident: { id: 'i-1', title: 'Breach', severity: 'high', type: 'data_breach', awareAt: '2026-11-20T10:00:00Z', declaredAt: '2026-11-21T10:00:00Z', jurisdictions: [] },
      facts,
      notice: { url: 'http://tocsin.test/n/0123456789abcdefghijklmnopqrstuvwxyzABCDEFG' },
      offer: { ...SAMPLE_OFFER },
    };
    const out = engine.render(null, t.input, ctx);
    const all = [out.subject, out.html, out.text, JSON.stringify(out.body ?? '')].join('\n');
    for (const f of Object.keys(facts)) expect(all.includes(`<${f}>`) || all.includes(`&lt;${f}&gt;`)).toBe(true);
    expect(all).not.toMatch(/<(script|iframe)/i);
    if ((t.key === 'breach-notice' || t.key === 'incident-update') && (t.channel === 'email' || t.channel === 'sms')) {
      // every customer message carries the link to the personal notice page
      expect(out.text).toContain(ctx.notice.url);
      if (t.channel === 'email') expect(out.html).toContain(`href="${ctx.notice.url}"`);
    }
    if (t.key === 'apology' && t.channel === 'email') {
      // the apology admits the failure, states the remedy with the customer's own code, and says how to claim it
      for (const part of [out.text, out.html]) {
        expect(part).toContain(SAMPLE_OFFER.code);
        expect(part).toContain(SAMPLE_OFFER.title);
        expect(part).toContain(ctx.notice.url);
      }
      expect(out.text).toMatch(t.locale === 'fr' ? /nos excuses[\s\S]*c'est notre faute[\s\S]*Profiter de cette offre/ : /we are sorry[\s\S]*our failure[\s\S]*Claim this offer/);
      // without an offer the apology still reads well, with no empty remedy section
      const plain = engine.render(null, t.input, { ...ctx, offer: {} });
      expect(plain.text).not.toMatch(/WHAT WE OFFER|CE QUE NOUS VOUS OFFRONS/);
    }
    if (t.channel === 'email') {
      expect(out.text.length).toBeGreaterThan(100); // the plain-text part is always there
      expect(out.html).toContain('prefers-color-scheme: dark');
      expect(out.html).toContain(`lang="${t.locale}"`);
    }
  });
});
