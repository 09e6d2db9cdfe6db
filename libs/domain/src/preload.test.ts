import * as zod from 'zod';
import * as zodCore from 'zod/v4/core';
import * as domain from './index';
import { prepareSchemasForFreezing } from './preload';

/** What the Temporal SDK does to a preloaded module (reusable-vm.js, `deepFreeze`): every reachable object frozen. */
function deepFreeze(object: unknown, visited = new WeakSet<object>()): void {
  if (object === null || (typeof object !== 'object' && typeof object !== 'function')) return;
  if (visited.has(object) || Object.isFrozen(object)) return;
  visited.add(object);
  if (typeof object === 'object') {
    for (const name of Reflect.ownKeys(object)) {
      try {
        deepFreeze((object as Record<PropertyKey, unknown>)[name], visited);
      } catch {
        // As the SDK: some objects cannot be frozen.
      }
    }
  }
  Object.freeze(object);
}

// The module ran on import, as in the bundle; a second pass finds nothing left to build.
expect(prepareSchemasForFreezing(domain)).toBeGreaterThan(500);
deepFreeze(domain);
deepFreeze(zod);
deepFreeze(zodCore);

describe('the domain, frozen as the workflow sandbox freezes it when the bundle preloads it', () => {
  it('is frozen: a schema refuses a new member', () => {
    expect(Object.isFrozen(domain.ApplicationLodged)).toBe(true);
    expect(() => Object.defineProperty(domain.ApplicationLodged, 'extra', { value: 1 })).toThrow(TypeError);
  });

  // Every rule and property test again, on the frozen schemas and policy data.
  describe('rules', () => {
    require('./first-release-rules.test');
  });
  describe('decider properties', () => {
    require('./decider.property.test');
  });
  describe('evolve', () => {
    require('./evolve.test');
  });
  describe('application', () => {
    require('./application-lodged.test');
  });
});
