/**
 * Freezes a value and everything inside it. Already frozen objects are skipped
 * without descending, so freezing a record made from a frozen one by structural
 * sharing only walks what is new. (A plain loop: this runs over every object of
 * a parsed record, and Object.values would allocate an array for each.)
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
