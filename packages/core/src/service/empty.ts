import type { Distribution, Mean, Rate } from './types.js';

export const rateOf = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

export const meanOf = (total: number, count: number): Mean => ({
  total,
  count,
  mean: count === 0 ? null : total / count,
});

export const EMPTY_DISTRIBUTION: Distribution = Object.freeze({
  n: 0,
  min: null,
  q1: null,
  median: null,
  q3: null,
  max: null,
});
