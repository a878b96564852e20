import { replanDecision } from './replan-decision';

const at = (iso: string) => new Date(iso);
const scheduled = (dueAt: string) => ({ state: 'scheduled' as const, dueAt: at(dueAt), waitingReason: null });
const step = (over: Partial<Parameters<typeof replanDecision>[0]> = {}) => ({ state: 'waiting_milestone' as const, dueAt: null, waitingReason: 'waits for the nis2-final-report clock to start', approvedAt: null, ...over });

describe(replanDecision.name, () => {
  it('schedules a waiting step once its clock starts, and moves a scheduled one when its clock moves', () => {
    expect(replanDecision(step(), scheduled('2027-02-26T12:00:00Z'))).toEqual(scheduled('2027-02-26T12:00:00Z'));
    expect(replanDecision(step({ state: 'scheduled', dueAt: at('2027-02-26T12:00:00Z'), waitingReason: null }), scheduled('2027-02-27T12:00:00Z'))).toEqual(scheduled('2027-02-27T12:00:00Z'));
  });

  it('changes nothing when the plan is the same', () => {
    expect(replanDecision(step({ state: 'scheduled', dueAt: at('2027-02-26T12:00:00Z'), waitingReason: null }), scheduled('2027-02-26T12:00:00Z'))).toBeNull();
    expect(replanDecision(step(), { state: 'waiting_milestone', dueAt: null, waitingReason: step().waitingReason })).toBeNull();
  });

  it('keeps an approval already given, and the reason a step awaits approval', () => {
    const approved = step({ state: 'scheduled', dueAt: at('2027-02-26T12:00:00Z'), waitingReason: null, approvedAt: at('2027-02-01T00:00:00Z') });
    expect(replanDecision(approved, { state: 'awaiting_approval', dueAt: at('2027-02-20T12:00:00Z'), waitingReason: 'approval by commander required' })).toEqual(scheduled('2027-02-20T12:00:00Z'));
    const gated = step({ state: 'awaiting_approval', dueAt: at('2027-02-26T12:00:00Z'), waitingReason: 'facts changed after approval; approve again' });
    expect(replanDecision(gated, { state: 'awaiting_approval', dueAt: at('2027-02-20T12:00:00Z'), waitingReason: 'approval by commander required' })).toEqual({
      state: 'awaiting_approval',
      dueAt: at('2027-02-20T12:00:00Z'),
      waitingReason: 'facts changed after approval; approve again',
    });
  });

  it('leaves alone a step skipped for its condition, one held because it ran late, and one already sending', () => {
    const plan = scheduled('2027-02-26T12:00:00Z');
    expect(replanDecision(step({ state: 'skipped', waitingReason: 'condition not met: severity low is below high' }), plan)).toBeNull();
    expect(replanDecision(step({ state: 'skipped', waitingReason: 'deadline hipaa-hhs does not apply to this incident' }), plan)).toEqual(plan);
    expect(replanDecision(step({ state: 'awaiting_approval', waitingReason: 'running late: due …; re-approve to send' }), plan)).toBeNull();
    expect(replanDecision(step({ state: 'fanning_out' }), plan)).toBeNull();
  });
});
