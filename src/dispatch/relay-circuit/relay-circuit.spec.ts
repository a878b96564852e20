import { RelayStatusStore } from '../../queue/relay-status.store';
import { FIRST_PROBE_MS, MAX_PROBE_MS, RelayCircuit } from './relay-circuit';

/** A status store that keeps what it is told (the real one writes to Redis). */
class Recorded {
  readonly down = new Map<string, string>();
  async downFn(s: { channel: string; since: string }) {
    this.down.set(s.channel, s.since);
  }
}

describe(RelayCircuit.name, () => {
  const make = () => {
    const rec = new Recorded();
    const store = { down: (s: { channel: string; since: string }) => rec.downFn(s), up: async (c: string) => void rec.down.delete(c) } as unknown as RelayStatusStore;
    return { circuit: new RelayCircuit(store), rec };
  };

  it('stops a channel when its relay is unreachable, probes after 1 s doubling to 15 s, and keeps the start of the outage', () => {
    const { circuit, rec } = make();
    const t0 = 1_000_000;
    expect(circuit.waitMs('email', t0)).toBe(0);
    circuit.unreachable('email', 'connect ECONNREFUSED', t0);
    expect(circuit.waitMs('email', t0)).toBe(FIRST_PROBE_MS);
    expect(circuit.waitMs('sms', t0)).toBe(0); // other channels go on
    circuit.unreachable('email', 'again, same round', t0 + 10); // other lanes of the same moment: no change
    expect(circuit.waitMs('email', t0 + 10)).toBe(FIRST_PROBE_MS - 10);
    let t = t0 + FIRST_PROBE_MS;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect(circuit.waitMs('email', t)).toBe(0); // a probe is due
      circuit.unreachable('email', 'probe failed', t);
      waits.push(circuit.waitMs('email', t));
      t += waits[waits.length - 1];
    }
    expect(waits).toEqual([2000, 4000, 8000, MAX_PROBE_MS, MAX_PROBE_MS, MAX_PROBE_MS]);
    expect(circuit.downSince('email')?.getTime()).toBe(t0);
    expect(rec.down.get('email')).toBe(new Date(t0).toISOString());
    circuit.reached('email', t);
    expect(circuit.waitMs('email', t)).toBe(0);
    expect(circuit.downSince('email')).toBeUndefined();
    expect(rec.down.has('email')).toBe(false);
  });
});
