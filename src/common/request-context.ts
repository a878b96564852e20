// What an audit row needs to know about the request it was written in ("from where"), without passing
// the request through every service: an AsyncLocalStorage entered once per HTTP request (bootstrap.ts)
// and by the CLI.
import { AsyncLocalStorage } from 'node:async_hooks';
import { hostname } from 'node:os';

export interface RequestContext {
  /** the client address of an HTTP request, or `cli` */
  origin: string;
  /** who is calling, once a guard has authenticated the request (API key or console user) */
  actor?: { id: string; name: string };
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Outside any request (queue jobs, timers) the origin is the process itself. */
const PROCESS_ORIGIN = `process ${hostname()}/${process.pid}`;

export const currentOrigin = (): string => requestContext.getStore()?.origin ?? PROCESS_ORIGIN;

export const currentActor = () => requestContext.getStore()?.actor;

/** Called by the guards once they know who is calling. */
export function setRequestActor(actor: { id: string; name: string }): void {
  const store = requestContext.getStore();
  if (store) store.actor = { id: actor.id, name: actor.name };
}
