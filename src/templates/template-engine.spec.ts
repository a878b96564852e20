import { oneLine, TemplateEngine } from './template-engine';

const ctx = {
  customer: { name: 'Zoë <script>alert(1)</script>', externalId: 'c-1', attributes: { plan: 'pro' } },
  incident: { title: 'Breach' },
  facts: { hotline: '0800 123', what: 'names & emails' },
};

describe(TemplateEngine.name, () => {
  const engine = new TemplateEngine();

  it('escapes HTML in the html part and leaves subject and text unescaped', () => {
    const out = engine.render('v1', { subject: 'About {{incident.title}} & you', html: '<p>{{customer.name}}</p>', text: '{{customer.name}}: {{facts.what}}' }, ctx);
    expect(out.html).toBe('<p>Zoë &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(out.text).toBe('Zoë <script>alert(1)</script>: names & emails');
    expect(out.subject).toBe('About Breach & you');
  });

  it('never produces a blank notice: a missing value is an error, not an empty string', () => {
    expect(() => engine.render('v2', { text: 'Call {{facts.missing}}' }, ctx)).toThrow(/missing/);
  });

  it('keeps rendered subjects on one line whatever the data holds', () => {
    const out = engine.render('v3', { subject: 'Re: {{customer.name}}', text: 'x' }, { ...ctx, customer: { name: 'Eve\r\nBcc: victim@x.test' } });
    expect(out.subject).toBe('Re: Eve Bcc: victim@x.test');
    expect(oneLine('a\u2028b\tc')).toBe('a b c');
  });

  it('does not reach prototypes even when such a template is forced past validation', () => {
    const out = engine.render('v4', { text: '{{#with customer}}[{{constructor}}][{{__proto__}}]{{/with}}' }, ctx);
    expect(out.text).toBe('[][]');
    expect(() => engine.render('v4c', { text: '{{#with customer}}{{constructor.constructor "return process"}}{{/with}}' }, ctx)).toThrow();
    expect(() => engine.render('v4b', { text: '{{customer.constructor}}' }, ctx)).toThrow(/empty/);
  });

  it('reports every problem with its field, line and column', () => {
    const problems = engine.validate({ subject: 'ok {{incident.title}}', html: '<p>\n  {{{customer.name}}}</p>', text: '{{#each facts.list}}{{this}}{{/each}}\n{{shout customer.name}}' });
    expect(problems).toEqual([
      { field: 'html', line: 2, column: 3, message: 'triple-stash {{{ }}} (unescaped output) is not allowed' },
      { field: 'text', line: 2, column: 1, message: "unknown helper 'shout'" },
    ]);
  });

  it('explains an unclosed expression and an unclosed block in words', () => {
    expect(engine.validate({ text: 'Hi {{customer.name}' })[0].message).toContain("expected '}}'");
    expect(engine.validate({ text: '{{#if customer.name}}x' })[0].message).toContain('open block');
  });

  it('offers the fixed helpers only', () => {
    const out = engine.render('v5', { text: '{{upper incident.title}} {{lower "ABC"}} {{default customer.nickname "friend"}}' }, { ...ctx, customer: { nickname: null } });
    expect(out.text).toBe('BREACH abc friend');
  });
  it('renders a notice however long the machine stalls: a slow render is never a failure', () => {
    // a value whose read blocks the CPU for 300 ms, as a busy machine or a GC pause would stall a render
    const stalled = { ...ctx, facts: {} as Record<string, unknown> };
    Object.defineProperty(stalled.facts, 'hotline', {
      enumerable: true,
      get: () => {
        const until = Date.now() + 300;
        while (Date.now() < until);
        return '0800 123';
      },
    });
    expect(engine.render('slow', { text: 'Call {{facts.hotline}}' }, stalled).text).toBe('Call 0800 123');
  });

  it('bounds the work of a render by what it loops over, the same on any machine', () => {
    const list = Array.from({ length: 1000 }, (_, i) => i);
    const big = { ...ctx, customer: { ...ctx.customer, attributes: { list } } };
    const nested = '{{#each customer.attributes.list}}{{#each ../customer.attributes.list}}.{{/each}}{{/each}}';
    expect(() => engine.render('loops', { text: nested }, big)).toThrow(/more than 10000 items/);
    expect(engine.render('loop1', { text: '{{#each customer.attributes.list}}.{{/each}}' }, big).text).toHaveLength(1000);
  });

  it('refuses, when a template is saved, blocks nested too deep and loops inside loops inside loops', () => {
    const deep = '{{#if facts.a}}'.repeat(7) + 'x' + '{{/if}}'.repeat(7);
    expect(engine.validate({ text: deep }).map((p) => p.message)).toEqual(['blocks nested more than 6 deep']);
    expect(engine.validate({ text: '{{#if facts.a}}'.repeat(6) + 'x' + '{{/if}}'.repeat(6) })).toEqual([]);
    const loops = '{{#each customer.attributes.a}}{{#each this}}{{#each this}}x{{/each}}{{/each}}{{/each}}';
    expect(engine.validate({ text: loops })).toEqual([{ field: 'text', line: 1, column: 46, message: '{{#each}} nested more than 2 deep' }]);
  });
});
