import { Semaphore } from './semaphore';

describe(Semaphore.name, () => {
  it('lets at most `size` holders in, and the waiters in arrival order', async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    let inside = 0;
    let most = 0;
    await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        await s.acquire();
        inside++;
        most = Math.max(most, inside);
        order.push(i);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
        s.release();
      }),
    );
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(s.inUse).toBe(0);
  });
});
