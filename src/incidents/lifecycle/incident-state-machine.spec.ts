import { nextState } from './incident-state-machine';

const notStarted = [{ started: false, finished: false }];
const running = [{ started: true, finished: true }, { started: true, finished: false }];
const done = [{ started: true, finished: true }];

describe(nextState.name, () => {
  it('pauses any live incident and resumes to where its schedule is', () => {
    expect(nextState('pause', 'notifying', running)).toBe('paused');
    expect(nextState('resume', 'paused', notStarted)).toBe('declared');
    expect(nextState('resume', 'paused', running)).toBe('notifying');
    expect(nextState('resume', 'paused', done)).toBe('monitoring');
  });

  it('goes monitoring → resolved → closed and no other way', () => {
    expect(nextState('resolve', 'monitoring', done)).toBe('resolved');
    expect(nextState('close', 'resolved', done)).toBe('closed');
    expect(nextState('resolve', 'notifying', running)).toBeNull();
    expect(nextState('close', 'monitoring', done)).toBeNull();
  });

  it('pauses a resolved incident (its post-resolution steps are sending) and resumes it to resolved', () => {
    expect(nextState('pause', 'resolved', done)).toBe('paused');
    expect(nextState('resume', 'paused', done, true)).toBe('resolved');
    expect(nextState('resume', 'paused', running, true)).toBe('resolved');
  });

  it('resolves an incident whose only steps left wait for resolution (counted finished by the caller)', () => {
    expect(nextState('resolve', 'declared', [{ started: false, finished: true }])).toBe('resolved');
    expect(nextState('resolve', 'declared', notStarted)).toBeNull();
  });

  it('cancels anything not finished, and nothing comes back from cancelled or closed', () => {
    expect(nextState('cancel', 'paused', running)).toBe('cancelled');
    for (const action of ['pause', 'resume', 'cancel', 'resolve', 'close'] as const) {
      expect(nextState(action, 'cancelled', done)).toBeNull();
      expect(nextState(action, 'closed', done)).toBeNull();
    }
    expect(nextState('resume', 'notifying', running)).toBeNull();
  });
});
