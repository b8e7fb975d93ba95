// The host's own script for the service page (bundled by test/hosts/build.mjs): NHS.UK
// frontend initialised, the service's case records into the dashboard, and the host's answer
// to "open the cases": its own list of the case references behind the figure.
import { initAll } from '/node_modules/nhsuk-frontend/dist/nhsuk/index.mjs';
import { generateCaseload } from '../../../fixtures/generate-caseload.ts';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();

// What the host's case system holds: 200 fictional cases from January 2026.
const records = [...generateCaseload({ cases: 200, seed: 11, start: Date.UTC(2026, 0, 1), spreadDays: 150 })];
const dashboard = document.querySelector('od-service-dashboard');
dashboard.records = records;
dashboard.goals = { firstMeetingWithinTarget: 0.8, twoOrMorePractitioners: 0.75 };

const month = (iso) => iso.slice(0, 7);
dashboard.addEventListener('od-open-cases', (event) => {
  const { from, to, team, month: only } = event.filter;
  // The host's own search: cases with an episode of the team whose first contact is in the months.
  const ids = records
    .filter((r) =>
      r.episodes.some(
        (e) =>
          (!team || e.responsibleTeam === team) &&
          (!only || month(e.firstContact) === only) &&
          (!from || month(e.firstContact) >= from) &&
          (!to || month(e.firstContact) <= to),
      ),
    )
    .map((r) => r.id);
  const panel = document.getElementById('opened');
  document.getElementById('opened-title').textContent = `Cases behind “${event.measure}”${team ? ` for ${team}` : ''}`;
  document.getElementById('opened-cases').textContent =
    `${ids.length} cases: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ' …' : ''}`;
  panel.hidden = false;
  panel.dataset.measure = event.measure;
  panel.dataset.count = String(ids.length);
});
