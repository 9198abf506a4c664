/**
 * Fact paths are `$.key` or `$.key.key`: plain property reads. json-rules-engine's default resolver
 * is JSONPath, whose filter expressions run script; OpsCycle replaces it with this one everywhere.
 */
const PATH = /^\$(\.[A-Za-z0-9_-]+)+$/;

export function isValidFactPath(path: string): boolean {
  return PATH.test(path);
}

const segmentCache = new Map<string, string[]>();

function segments(path: string): string[] {
  let cached = segmentCache.get(path);
  if (!cached) {
    if (!PATH.test(path)) throw new Error(`invalid fact path ${path}`);
    cached = path.slice(2).split('.');
    segmentCache.set(path, cached);
  }
  return cached;
}

export function resolveFactPath(value: object, path: string): unknown {
  let current: unknown = value;
  for (const key of segments(path)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Reads a fact the way json-rules-engine's almanac does: a path applies only to an object value. */
export function readFact(facts: Readonly<Record<string, unknown>>, fact: string, path?: string): unknown {
  const value = Object.hasOwn(facts, fact) ? facts[fact] : undefined;
  if (path && value !== null && typeof value === 'object') return resolveFactPath(value, path);
  return value;
}
