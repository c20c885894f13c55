// SPDX-License-Identifier: MIT
// w3c-propagation 0.1.0 (vendorable with its imports: see README "Vendoring")
/**
 * The active context: which `Context` the code running now belongs to.
 *
 *   context.with(setSpan(context.active(), span), () => handle(request));
 *
 * The default manager is a synchronous stack: it works in every runtime, and the active
 * context is restored when `fn` returns, so it does not follow `await` or callbacks.
 * For that, install an async-aware manager: `w3c-propagation/node` has one built on
 * `AsyncLocalStorage` (Node, Bun, Deno, workerd). OpenTelemetry context managers fit the
 * same interface.
 */
import { ROOT_CONTEXT, type Context } from './context.js';

export interface ContextManager {
  active(): Context;
  /** Runs `fn` with `context` active; `thisArg` as in OpenTelemetry's interface. */
  with<A extends unknown[], R>(context: Context, fn: (...args: A) => R, thisArg?: unknown, ...args: A): R;
  enable?(): ContextManager;
  disable?(): ContextManager;
}

/** Keeps the active context on a stack; restored when `fn` returns or throws. */
export class StackContextManager implements ContextManager {
  /** The active context. */
  private _c: Context = ROOT_CONTEXT;

  active(): Context {
    return this._c;
  }

  with<A extends unknown[], R>(context: Context, fn: (...args: A) => R, thisArg?: unknown, ...args: A): R {
    const previous = this._c;
    this._c = context;
    try {
      return fn.apply(thisArg, args);
    } finally {
      this._c = previous;
    }
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this._c = ROOT_CONTEXT;
    return this;
  }
}

let manager: ContextManager = new StackContextManager();

/** Installs the manager that `context.active()` and `context.with()` use; returns the old one. */
export function setContextManager(next: ContextManager): ContextManager {
  if (
    next === null ||
    typeof next !== 'object' ||
    typeof next.active !== 'function' ||
    typeof next.with !== 'function'
  ) {
    throw new TypeError('setContextManager expects an object with active() and with(context, fn, thisArg, ...args)');
  }
  const previous = manager;
  previous.disable?.();
  manager = next;
  next.enable?.();
  return previous;
}

/** The active-context facade. */
export const context = {
  /** The context of the code running now (ROOT_CONTEXT outside any `with`). */
  active(): Context {
    return manager.active();
  },
  /** Runs `fn(...args)` with `ctx` active and returns what it returns. */
  with<A extends unknown[], R>(ctx: Context, fn: (...args: A) => R, ...args: A): R {
    return manager.with(ctx, fn, undefined, ...args);
  },
};
