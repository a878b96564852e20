import { preparedHeaders } from './mail-transport';

describe(preparedHeaders.name, () => {
  it('passes an id as a prepared value, so nodemailer does not encode it again', () => {
    expect(preparedHeaders({ 'X-Tocsin-Notification': '591be82b-8974-4bfc-a25b-95205847e16b' })).toEqual({
      'X-Tocsin-Notification': { prepared: true, value: '591be82b-8974-4bfc-a25b-95205847e16b' },
    });
  });

  it('leaves a value with spaces, line breaks or non-ASCII to be encoded as usual', () => {
    const headers = { A: 'two words', B: 'x\r\nBcc: victim@example.com', C: 'café', D: '' };
    expect(preparedHeaders(headers)).toEqual(headers);
  });
});
