import { expect, fixture, html } from '@open-wc/testing';
import { ValidationError } from '@odkit/core';
import { OdElement, OptionsController, OptionsError, type OdErrorEvent, type OptionProblem } from '@odkit/elements';
import { html as litHtml } from 'lit';
import { property } from 'lit/decorators.js';
import { guardConsole } from '../../../test/support/console-guard.js';

const strings: Record<string, string> = {
  'error.size': 'Set size to small or large.',
  'error.bad': 'The shape is invalid.',
};

/** A widget with one checked attribute and one option a typed error may be thrown for. */
class OptionsWidget extends OdElement {
  @property() size = 'small';
  @property({ attribute: false }) shape: Error | undefined;
  readonly options = new OptionsController(this, {
    check: () => {
      const problems: OptionProblem[] = [];
      if (this.size !== 'small' && this.size !== 'large') problems.push({ option: 'size', key: 'error.size' });
      if (this.shape) problems.push({ option: 'shape', key: 'error.bad', error: this.shape });
      return problems;
    },
    t: (key) => strings[key] ?? key,
  });
  protected override render() {
    return litHtml`${this.options.error?.message ?? 'ok'}`;
  }
}
OptionsWidget.define('od-test-options');

describe('OptionsController', () => {
  guardConsole();

  it('reports a typed error as it is, once for each new message', async () => {
    const errors: Error[] = [];
    const el = await fixture<OptionsWidget>(
      html`<od-test-options @od-error=${(e: OdErrorEvent) => errors.push(e.error)}></od-test-options>`,
    );
    const invalid = new ValidationError('Instrument', [{ path: ['id'], message: 'must be an id' }]);
    el.shape = invalid;
    await el.updateComplete;
    expect(el.options.error).to.equal(invalid);
    expect(errors).to.deep.equal([invalid]);

    // The same message again (a new object) is not a new problem.
    el.shape = new ValidationError('Instrument', [{ path: ['id'], message: 'must be an id' }]);
    await el.updateComplete;
    expect(errors).to.have.length(1);

    // With a second problem the error tells both, the typed one by its own message.
    el.size = 'huge';
    await el.updateComplete;
    expect(errors).to.have.length(2);
    expect(errors[1]!.message).to.equal(`Set size to small or large. ${invalid.message}`);
    // Still a typed error a host can branch on, naming each option.
    expect(errors[1]).to.be.instanceOf(OptionsError).and.instanceOf(ValidationError);
    expect((errors[1] as OptionsError).code).to.equal('validation');
    expect((errors[1] as OptionsError).issues.map((i) => i.path)).to.deep.equal([['size'], ['shape']]);

    el.shape = undefined;
    el.size = 'large';
    await el.updateComplete;
    expect(el.options.error).to.equal(undefined);
    expect(errors).to.have.length(2);
  });
});
