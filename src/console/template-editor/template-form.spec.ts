import { AppException } from '../../common/errors/app.exception';
import { editorFields, parseVariables, sampleFacts, templateFromForm } from './template-form';

describe('template editor form', () => {
  it('reads declared variables one per line, or separated by commas, without duplicates', () => {
    expect(parseVariables('customer.name\r\nfacts.hotline, facts.hotline\n\n incident.title ')).toEqual(['customer.name', 'facts.hotline', 'incident.title']);
  });

  it("keeps only the channel's fields, drops empty ones and stores LF line ends", () => {
    expect(templateFromForm('sms', { text: 'Hi\r\nthere', subject: 'ignored', html: '', variables: '' })).toEqual({ text: 'Hi\nthere', variables: [] });
    expect(templateFromForm('email', { subject: 'S', html: '  ', text: 't', variables: 'customer.name' })).toEqual({ subject: 'S', text: 't', variables: ['customer.name'] });
  });

  it('reports a malformed variable as a template problem, not a server error', () => {
    try {
      templateFromForm('sms', { text: 'x', variables: 'password' });
      throw new Error('expected a problem');
    } catch (e) {
      expect(e).toBeInstanceOf(AppException);
      expect((e as AppException).details).toEqual([expect.objectContaining({ field: 'variables', line: 1, column: 1 })]);
    }
  });

  it('gives every declared fact a sample value', () => {
    expect(sampleFacts(['facts.hotline', 'customer.name', 'facts.whatHappened'])).toEqual({ hotline: 'Sample hotline', whatHappened: 'Sample whatHappened' });
  });

  it('shows the fields of the channel, required ones marked', () => {
    expect(editorFields('page', {}).map((f) => [f.name, f.label, f.required])).toEqual([
      ['subject', 'Page title', true],
      ['html', 'HTML', true],
      ['text', 'Plain text', false],
    ]);
  });
});
