import { ValidationError } from './errors.js';

/**
 * NHS number check: ten digits whose tenth is the modulus-11 check digit of the
 * first nine (weights 10..2). A remainder giving check digit 10 is never issued.
 * Spaces are allowed in input ("943 476 5919") and removed by `normaliseNhsNumber`.
 */
export function normaliseNhsNumber(input: string): string {
  if (typeof input !== 'string') throw new ValidationError('NHS number', [{ path: [], message: 'must be text' }]);
  return input.replace(/\s+/g, '');
}

/** True for a valid NHS number (spaces allowed); false for anything else, text or not. */
export function isValidNhsNumber(input: string): boolean {
  if (typeof input !== 'string') return false;
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}
