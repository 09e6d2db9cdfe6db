/**
 * The domain, built once per worker thread and shared by every workflow on it.
 *
 * The workflow bundle preloads this module (Temporal's `preloadModules`, libs/temporal/src/workflow-bundle.ts).
 * Without it, the reusable V8 context evaluates the domain's modules again for every workflow it starts or
 * replays: some 400 zod schemas, about 12 ms of CPU and 2 MB that stay in the worker's cache for as long as the
 * workflow does (`npm run bench` measured it). Preloaded, they are built once.
 *
 * The SDK deep-freezes what it preloads, so that workflows cannot leak state into one another through it. zod 4
 * finishes a schema on first use and stores the parts on it (bound methods such as `safeParse`, derived internals
 * such as an object's keys, the parse function itself after a first parse), and resets a pattern's `lastIndex`
 * before each test; a frozen schema refuses all of these. So every such part is built here, before the freeze,
 * every schema parses once, and a pattern is read through a getter that hands out a fresh copy, which the freeze
 * cannot reach. `preload.test.ts` runs every command of the demo paths on a domain frozen as the SDK freezes it.
 */
import * as domain from './index';

type Target = object & Record<PropertyKey, unknown>;

function read(target: object, key: PropertyKey): unknown {
  try {
    return Reflect.get(target, key);
  } catch {
    return undefined;
  }
}

function isModule(value: object): boolean {
  return (
    Object.hasOwn(value, '__esModule') ||
    (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module'
  );
}

/** A pattern that stays usable once its holder is frozen: each read is a fresh copy with its own `lastIndex`. */
function copyOnRead(holder: Target, key: string): void {
  const pattern = Object.getOwnPropertyDescriptor(holder, key)?.value as unknown;
  if (!(pattern instanceof RegExp) || Object.isFrozen(holder)) return;
  const { source, flags } = pattern;
  Object.defineProperty(holder, key, {
    configurable: true,
    enumerable: true,
    get: () => new RegExp(source, flags),
  });
}

/** Finishes every zod schema reachable from `root` so that it works deep-frozen; returns how many it saw. */
export function prepareSchemasForFreezing(root: unknown): number {
  const seen = new WeakSet<object>();
  const pending: unknown[] = [root];
  let schemas = 0;
  /** Reads the accessors an object inherits, so that each stores its value on the object itself. */
  const materialize = (target: object) => {
    for (
      let proto = Object.getPrototypeOf(target) as object | null;
      proto && proto !== Object.prototype && proto !== Function.prototype;
      proto = Object.getPrototypeOf(proto) as object | null
    ) {
      for (const key of Reflect.ownKeys(proto)) {
        if (Object.getOwnPropertyDescriptor(proto, key)?.get) pending.push(read(target, key));
      }
    }
  };
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    // A schema (or check) has internals of its own; a prototype or class only inherits the accessors, and reading
    // them there would bind the prototype's methods to the prototype itself.
    const instance = Object.hasOwn(value, '_zod');
    if (instance) {
      schemas += 1;
      materialize(value);
      const internals = read(value, '_zod');
      if (internals && typeof internals === 'object') {
        materialize(internals);
        const def = read(internals, 'def');
        if (def && typeof def === 'object') copyOnRead(def as Target, 'pattern');
      }
      // zod settles a schema's parse function on its first parse (it drops a guard against cycles, or keeps it).
      const safeParse = read(value, 'safeParse');
      if (typeof safeParse === 'function') {
        try {
          pending.push(safeParse(undefined));
        } catch {
          // Only the parse having run matters.
        }
      }
    }
    // A module's exports are accessors too (the bundler's and tsx's alike).
    const readAccessors = instance || isModule(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) pending.push(descriptor.value);
      else if (descriptor?.get && readAccessors) pending.push(read(value, key));
    }
  }
  return schemas;
}

prepareSchemasForFreezing(domain);
