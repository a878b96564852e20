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
