import { initAll } from '/node_modules/nhsuk-frontend/dist/nhsuk/index.mjs';
import { showSubmitted } from '/test/hosts/support/show-submitted.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
showSubmitted(document.getElementById('submitted'), 'nhsuk');
