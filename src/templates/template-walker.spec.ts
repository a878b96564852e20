import { TemplateEngine } from './template-engine';
import { walkTemplate } from './template-walker';

describe(walkTemplate.name, () => {
  const engine = new TemplateEngine();
  const check = (html: string, declared = ['customer.name', 'facts.link', 'facts.items', 'notice.url']) => engine.validate({ html }, declared);
  const messages = (html: string) => check(html).map((p) => p.message);

  it.each(['{{constructor "x"}}', '{{hasOwnProperty customer.name}}', '{{toString customer.name}}', '{{valueOf "a"}}'])('refuses %s: names every object inherits are not helpers', (src) => {
    expect(messages(src).join('\n')).toMatch(/unknown helper '(constructor|hasOwnProperty|toString|valueOf)'/);
  });

  it.each(['{{toString}}', '{{#with facts.items}}{{hasOwnProperty}}{{/with}}', '{{customer.name.valueOf}}', '{{#each facts.items}}{{isPrototypeOf}}{{/each}}'])(
    'refuses %s: inherited names are never variables',
    (src) => expect(check(src).length).toBeGreaterThan(0),
  );

  it.each(['{{#with "constructor"}}{{#with split}}{{this}}{{/with}}{{/with}}', '{{#each "abc"}}{{this}}{{/each}}', '{{#if 1}}x{{/if}}', '{{#with (upper customer.name)}}{{this}}{{/with}}'])(
    'refuses a block over a literal or an expression: %s',
    (src) => expect(messages(src).join('\n')).toMatch(/takes one variable/),
  );

  it('still accepts blocks over declared variables and @-paths', () => {
    expect(check('{{#if customer.name}}Hi {{customer.name}}{{/if}}{{#each facts.items}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}')).toEqual([]);
  });

  it('refuses a variable printed in href or src without the url helper, with line and column', () => {
    const problems = check('<p>\n  <a title="x" href="{{facts.link}}">go</a> <img src=\'{{customer.name}}\'>\n</p>');
    expect(problems).toEqual([
      expect.objectContaining({ field: 'html', line: 2, column: 22, message: expect.stringContaining('url helper') }),
      expect.objectContaining({ field: 'html', line: 2, column: 55, message: expect.stringContaining('url helper') }),
    ]);
    expect(check('<a href=https://x.test/?q={{facts.link}}>x</a>')).toHaveLength(1);
    expect(check('<a href="{{#if facts.link}}{{facts.link}}{{/if}}">x</a>')).toHaveLength(1);
  });

  it('accepts {{url …}} and Tocsin’s own notice link in href, and variables in other attributes and text', () => {
    expect(check('<a href="{{url facts.link}}">{{facts.link}}</a> <a href="{{notice.url}}">notice</a> <p title="{{customer.name}}">x</p>')).toEqual([]);
    expect(engine.validate({ text: 'href="{{facts.link}}"' }, ['facts.link'])).toEqual([]); // text parts are not HTML
  });

  it('checks paths inside {{#with}} and {{#each}} against the declared variables, resolved from the block', () => {
    expect(engine.validate({ html: '{{#with facts.items}}{{nme}}{{/with}}' }, ['facts.items.name']).map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringContaining("'facts.items.nme' is used but not declared")]),
    );
    expect(check('{{#with facts.items}}{{this}} {{../facts.link}} {{../customer.name}}{{/with}}{{#each facts.items}}{{label}}{{this}}{{/each}}')).toEqual([]);
    expect(messages('{{#each facts.items}}{{../incident.title}}{{/each}}')).toEqual([expect.stringContaining("'incident.title' is used but not declared")]);
    expect(messages('{{#with facts.items}}{{#with first}}{{../../customer.nme}}{{/with}}{{/with}}')).toEqual([expect.stringContaining("'customer.nme' is used but not declared")]);
  });
});

describe('where a value lands in HTML (a tokenizer, not a pattern over the text before it)', () => {
  const engine = new TemplateEngine();
  const declared = ['customer.name', 'facts.link', 'notice.url'];
  const messages = (html: string) => engine.validate({ html }, declared).map((p) => p.message);

  it.each([
    '<a title="x"href="{{facts.link}}">x</a>', // no space after a quoted value: still an attribute
    '<a/href="{{facts.link}}">x</a>', // a slash separates attributes
    '<a title=">" href="{{facts.link}}">x</a>', // a quoted '>' does not end the tag
    '<a title="<" href="{{facts.link}}">x</a>',
    '<img srcset="{{facts.link}}">',
    '<object data="{{facts.link}}"></object>',
    '<a ping="{{facts.link}}">x</a>',
    '<blockquote cite="{{facts.link}}">x</blockquote>',
    '<meta http-equiv="refresh" content="0;url={{facts.link}}">',
    '<a HREF = \'{{facts.link}}\'>x</a>',
  ])('a URL attribute needs {{url}}: %s', (src) => expect(messages(src)).toEqual([expect.stringContaining('url helper')]));

  it.each([
    ['<a onclick="go(\'{{customer.name}}\')">x</a>', /event handler/],
    ['<div style="background:url({{facts.link}})">x</div>', /style attribute/],
    ['<script>var n = "{{customer.name}}"</script>', /inside <script>/],
    ['<ScRiPt >{{customer.name}}', /inside <script>/],
    ['<style>p::after { content: "{{customer.name}}" }</style>', /inside <style>/],
    ['<a {{customer.name}}="x">x</a>', /not a tag or attribute name/],
    ['<{{customer.name}}>', /not a tag or attribute name/],
    ['<a href="{{> footer}}">x</a>', /partial goes between elements/],
  ])('refuses a value where HTML escaping does not protect it: %s', (src, why) => expect(messages(src)).toEqual([expect.stringMatching(why)]));

  it('accepts values in text, comments, plain attributes, <title>, and after a closed script', () => {
    expect(
      messages(
        '<title>{{customer.name}}</title><!-- {{customer.name}} --><p title="{{customer.name}}" data-x={{customer.name}}>1 < {{customer.name}}</p>' +
          '<script>x</script ><a href="{{url facts.link}}" class="{{customer.name}}">{{customer.name}}</a><a href="{{notice.url}}">n</a><img src="https://x.test/a.png" alt="{{customer.name}}">',
      ),
    ).toEqual([]);
  });
});

describe('nesting is bounded before Handlebars parses (its parser recurses once per level)', () => {
  const engine = new TemplateEngine();
  const declared = ['customer.name', 'facts.items'];
  const timed = (html: string) => {
    const t = Date.now();
    const problems = engine.validate({ html }, declared);
    return { messages: problems.map((p) => p.message), ms: Date.now() - t };
  };

  it('refuses 5,000 nested blocks at once (it took a minute of CPU)', () => {
    const r = timed('{{#if customer.name}}'.repeat(5000) + 'x' + '{{/if}}'.repeat(5000));
    expect(r.messages).toEqual([expect.stringContaining('blocks nested more than')]);
    expect(r.ms).toBeLessThan(2000);
  });

  it('refuses 3,000 nested sub-expressions with a problem, not a stack overflow (a 500)', () => {
    const r = timed('{{upper ' + '(upper '.repeat(3000) + 'customer.name' + ')'.repeat(3000) + '}}');
    expect(r.messages).toEqual([expect.stringContaining('expressions nested more than 4 deep')]);
  });

  it('counts {{else if}} chains as nesting', () => {
    const r = timed('{{#if customer.name}}a' + '{{else if customer.name}}b'.repeat(3000) + '{{/if}}');
    expect(r.messages).toEqual([expect.stringContaining('blocks nested more than')]);
    expect(r.ms).toBeLessThan(2000);
  });

  it('still reads ordinary templates: comments, else, inverse sections, whitespace control, partial blocks', () => {
    expect(
      engine.validate(
        {
          html: '{{!-- {{#if x}} --}}{{! {{#each y}} }}{{#> layout}}{{~#if customer.name~}}{{upper (lower customer.name)}}{{else}}-{{/if}}{{^if customer.name}}none{{/if}}{{#each facts.items}}{{#if @first}}{{else if @last}}{{else}}{{/if}}{{/each}}{{/layout}}',
        },
        declared,
      ),
    ).toEqual([]);
  });
});
