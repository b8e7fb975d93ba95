import { OdElement } from '@odkit/elements';
import { css, html } from 'lit';
import { state } from 'lit/decorators.js';

/**
 * Story-only: listens for `od-member-focus` on the nearest `<od-provider>` and shows
 * the focused member's id, standing in for a network map on the same page.
 */
export class OdStoryMemberFocusEcho extends OdElement {
  static override styles = [
    ...OdElement.styles,
    css`
      p {
        border: 2px dashed var(--_od-color-border);
        padding: 8px;
        margin-block: 0 16px;
      }
    `,
  ];
  @state() private memberId: string | null = null;
  #provider: Element | null = null;
  #listener = (event: Event) => {
    this.memberId = (event as Event & { memberId: string | null }).memberId;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#provider = this.closest('od-provider') ?? document.body;
    this.#provider.addEventListener('od-member-focus', this.#listener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#provider?.removeEventListener('od-member-focus', this.#listener);
  }

  protected override render() {
    return html`<p role="status">Network map stand-in. Focused member: <strong>${this.memberId ?? 'none'}</strong></p>`;
  }
}
OdStoryMemberFocusEcho.define('od-story-member-focus-echo');
