import { summariseDraft } from './runbook-editor.service';

describe(summariseDraft.name, () => {
  it('summarises the valid steps and names the problems of the others by step id', () => {
    const r = summariseDraft(
      JSON.stringify({
        name: 'Plan',
        steps: [
          { id: 'ok', audience: 'affected_customers', channel: 'email', template: 'notice' },
          { id: 'bad', audience: 'everyone', channel: 'email', template: 'notice' },
        ],
      }),
    );
    expect(r.steps[0]).toMatchObject({ id: 'ok', who: 'the affected customers', when: 'at declaration' });
    expect(r.steps[1]).toMatchObject({ id: 'bad', invalid: [expect.stringMatching(/^audience:/)] });
    expect(r.problems).toEqual([expect.objectContaining({ step: 'bad', field: 'audience' })]);
  });

  it('says when the text is not JSON at all', () => {
    expect(summariseDraft('{"name":')).toEqual({ steps: [], problems: [expect.objectContaining({ field: 'json', message: expect.stringMatching(/^Not valid JSON/) })] });
  });
});
