import { expect } from '@open-wc/testing';
import { isValidNhsNumber } from '@odkit/core';

describe('nhs number', () => {
  it('accepts a valid check digit and rejects a wrong one', () => {
    expect(isValidNhsNumber('9434765919')).to.equal(true);
    expect(isValidNhsNumber('9434765918')).to.equal(false);
  });
});
