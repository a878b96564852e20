import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { declareBody, NOTICE, uniq } from './factories/scenario.factory';
import { auth, Harness, waitFor } from './support/harness';

const SELECTOR = 'tocsin2026';
const DOMAIN = 'acme.test';

/** Mail that identifies itself: Auto-Submitted, Reply-To, and a DKIM signature a real verifier accepts. */
describe('Notices as mail', () => {
  let h: Harness;
  const saved = { ...process.env };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dnsKey = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

  beforeAll(async () => {
    h = await Harness.start({
      workers: 1,
      env: {
        MAIL_REPLY_TO: 'hotline@acme.test',
        DKIM_DOMAIN: DOMAIN,
        DKIM_SELECTOR: SELECTOR,
        // as an environment file carries it: one line, \n for the line breaks
        DKIM_PRIVATE_KEY: (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).trim().replace(/\n/g, '\\n'),
      },
    });
  });
  afterAll(async () => {
    await h.stop();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('are marked auto-generated, reply to the step or configured mailbox, and carry a DKIM signature that verifies', async () => {
    const prefix = uniq('ident');
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: [0, 1].map((i) => ({ externalId: `${prefix}-${i}`, email: `${prefix}-${i}@customers.test`, name: `Zoë ${i}`, attributes: { accountNo: `A${i}` } })) }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-t/email/en`).set(auth()).send(NOTICE).expect(200);
    const steps = [
      { id: 'first', audience: 'affected_customers', channel: 'email', template: `${prefix}-t` },
      { id: 'second', audience: 'affected_customers', channel: 'email', template: `${prefix}-t`, replyTo: 'incident-desk@acme.test', timing: { milestone: 'declared', offsetMinutes: 0 } },
    ];
    await h.http.put(`/api/v1/runbooks/${prefix}-rb`).set(auth()).send({ name: 'Identity', steps }).expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);
    await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-rb`, [`${prefix}-0`, `${prefix}-1`])).expect(201);
    const mails = await waitFor('four notices', async () => {
      const got = h.sink.received.filter((m) => m.envelopeTo[0].startsWith(`${prefix}-`));
      return got.length === 4 ? got : null;
    });

    const replyTos = mails.map((m) => (m.headers.get('reply-to') as { text: string }).text).sort();
    expect(replyTos).toEqual(['hotline@acme.test', 'hotline@acme.test', 'incident-desk@acme.test', 'incident-desk@acme.test']);
    for (const m of mails) {
      expect(m.headers.get('auto-submitted')).toBe('auto-generated');
      const result = await dkimVerify(Buffer.from(m.raw), {
        resolver: async (name: string, type: string) => {
          if (type === 'TXT' && name === `${SELECTOR}._domainkey.${DOMAIN}`) return [[`v=DKIM1; k=rsa; p=${dnsKey}`]];
          throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
        },
      });
      expect(result.results).toHaveLength(1);
      expect(result.results[0]).toMatchObject({ signingDomain: DOMAIN, selector: SELECTOR, status: { result: 'pass' } });
    }
    // a message changed after signing does not verify (the check is real)
    const tampered = Buffer.from(mails[0].raw.replace(/Zo/g, 'Xo'));
    const bad = await dkimVerify(tampered, { resolver: async () => [[`v=DKIM1; k=rsa; p=${dnsKey}`]] });
    // (mailauth reports a body changed after signing as `neutral` with this comment, not `pass`)
    expect(bad.results[0].status).toMatchObject({ result: 'neutral', comment: 'body hash did not verify' });
  });
});
