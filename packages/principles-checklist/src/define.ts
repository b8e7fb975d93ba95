import { OdPrinciplesChecklist } from './principles-checklist.js';

OdPrinciplesChecklist.define('od-principles-checklist');

declare global {
  interface HTMLElementTagNameMap {
    'od-principles-checklist': OdPrinciplesChecklist;
  }
}
