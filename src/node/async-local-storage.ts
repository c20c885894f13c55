/**
 * An active-context manager that follows `await`, timers, promise chains and event
 * callbacks, built on `AsyncLocalStorage` (Node, Bun, Deno, workerd with nodejs_compat).
 *
 *   setContextManager(new AsyncLocalStorageContextManager());
 *   tracer.startActiveSpan('GET /', async (span) => { await work(); span.end(); });
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, type Context } from '../context/context.js';
import type { ContextManager } from '../context/manager.js';

export class AsyncLocalStorageContextManager implements ContextManager {
  private _storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this._storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], R>(context: Context, fn: (...args: A) => R, thisArg?: unknown, ...args: A): R {
    const cb = thisArg == null ? fn : fn.bind(thisArg);
    return this._storage.run(context, cb, ...args);
  }

  enable(): this {
    return this;
  }

  /** Forgets every active context; code already running sees ROOT_CONTEXT from now on. */
  disable(): this {
    this._storage.disable();
    return this;
  }
}
