import { declareBody, uniq } from './factories/scenario.factory';
import { auth, Harness, waitFor } from './support/harness';

/**
 * The real send path (worker → skeleton composer → Nodemailer pool → SMTP) delivers notices that a mail
 * reader parses back to exactly what was rendered, whatever the customer's name and the incident's facts hold.
 * The byte-level comparison with Nodemailer's own composer is src/channels/email/mime-skeleton.spec.ts.
 */
describe('Notices composed from a skeleton', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
  });
  afterAll(() => h.stop());

  const NAMES = ['Zoë Ünal', '李小龍', 'محمد عبد الله', 'Emoji 🙂🔥', 'Eve Bcc: victim@example.com', '"Quoted" <evil@example.com>, x@y.z', 'L' + 'o'.repeat(196) + 'ng', 'Plain Name'];
  // (line breaks in names are refused at import: the composer's own test covers them)
  const FACTS = {
    whatHappened: 'Erste Zeile\r\nZweite Zeile — mit Ümlauten\r\n.\r\n.dot at a line start\r\n=3D is not an escape\r\n' + 'Sehr'.repeat(300),
    hotline: '+49 800 000 🙂',
  };
  const TEMPLATE = {
    subject: '⚠️ {{customer.name}}: {{incident.title}}',
    html: '<p>Dear {{customer.name}},</p><p>{{facts.whatHappened}}</p><p>{{facts.hotline}}</p>',
    text: 'Dear {{customer.name}},\n{{facts.whatHappened}}\n{{facts.hotline}}',
    variables: ['customer.name', 'incident.title', 'facts.whatHappened', 'facts.hotline'],
  };

  it('are read back with the names, subjects, texts and HTML that were rendered, on canonical lines', async () => {
    const prefix = uniq('skel');
    const customers = NAMES.map((name, i) => ({ externalId: `${prefix}-${i}`, email: `${prefix}-${i}@customers.test`, name }));
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-t/email/en`).set(auth()).send(TEMPLATE).expect(200);
    await h.http.put(`/api/v1/runbooks/${prefix}-rb`).set(auth()).send({ name: 'Skeleton', steps: [{ id: 'notify', audience: 'affected_customers', channel: 'email', template: `${prefix}-t` }] }).expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);
    const title = 'Datenleck in der Kundendatenbank';
    const res = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-rb`, customers.map((c) => c.externalId), { title, facts: FACTS })).expect(201);
    const incidentId: string = res.body.id;

    const mails = await waitFor('every notice', async () => {
      const got = h.sink.received.filter((m) => m.envelopeTo[0]?.startsWith(`${prefix}-`));
      return got.length === NAMES.length ? got : null;
    });
    const notifications = await h.prisma.notification.findMany({ where: { incidentId }, include: { customer: true } });
    for (const n of notifications) {
      const name = n.customer!.name!;
      const [mail] = h.sink.to(n.customer!.email!);
      expect(mail).toBeDefined();
      // the subject as rendered (capped at 200 characters); the name's address part never becomes a recipient
      expect(mail.subject).toBe(`⚠️ ${name}: ${title}`.slice(0, 200));
      expect(mail.envelopeTo).toEqual([n.customer!.email]);
      const to = mail.headers.get('to') as { value: { name: string; address: string }[] };
      expect(to.value).toHaveLength(1);
      expect(to.value[0].address).toBe(n.customer!.email);
      expect(mail.headers.get('bcc')).toBeUndefined();
      expect(mail.messageId).toBe(`<${n.id}@acme.test>`);
      expect(mail.headers.get('x-tocsin-notification')).toBe(n.id);
      expect(mail.headers.get('x-tocsin-incident')).toBe(incidentId);
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      const text = `Dear ${name},\n${FACTS.whatHappened}\n${FACTS.hotline}`.replace(/\r\n|\r/g, '\n');
      expect(mail.text.startsWith(text)).toBe(true);
      expect(mail.text).toContain('/n/'); // the notice link, added where the template has none
      const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      expect(mail.html.replace(/\r\n/g, '\n')).toContain(`<p>Dear ${esc(name).replace(/\r\n/g, '\n')},</p>`);
      // on the wire: every line ends with CRLF and none is over 998 octets
      expect(mail.raw).not.toMatch(/(?<!\r)\n|\r(?!\n)/);
      for (const line of mail.raw.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
    }
    expect(mails).toHaveLength(NAMES.length);
  });
});
