import { initAll } from '/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js';
import { showSubmitted } from '/test/hosts/support/show-submitted.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
showSubmitted(document.getElementById('submitted'), 'govuk');
