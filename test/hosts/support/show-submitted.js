// A host's "submitted" page: reads what the form sent (a GET form, so the query string)
// and lists it. Everything is inserted as text: the assessment is user data.
import { defaultInstruments, localise } from '/packages/kit/dist/odkit.js';

/**
 * Fills `list` (a summary list: <dl>) with the submitted assessment, in the page's
 * language, using the host framework's row classes (`prefix` is `govuk` or `nhsuk`).
 */
export function showSubmitted(list, prefix) {
  const params = new URLSearchParams(location.search);
  const locale = document.documentElement.lang || 'en-GB';
  const row = (key, value) => {
    const div = document.createElement('div');
    div.className = `${prefix}-summary-list__row`;
    const dt = document.createElement('dt');
    dt.className = `${prefix}-summary-list__key`;
    dt.textContent = key;
    const dd = document.createElement('dd');
    dd.className = `${prefix}-summary-list__value`;
    dd.textContent = value;
    div.append(dt, dd);
    list.append(div);
  };
  row('Case', params.get('case') ?? '–');
  let assessment;
  try {
    assessment = JSON.parse(params.get('assessment') ?? '');
  } catch {
    row('Assessment', 'Nothing readable was submitted');
    return;
  }
  const instrument = defaultInstruments.get(assessment.instrumentId, assessment.instrumentVersion);
  row('Rater', assessment.rater?.name ?? '–');
  for (const rating of assessment.ratings ?? []) {
    const item = instrument?.items.find((i) => i.id === rating.itemId);
    const option = instrument?.scale.options.find((o) => o.value === rating.value);
    const label =
      rating.value === 'na' ? 'Not applicable' : option ? localise(option.label, locale) : String(rating.value);
    row(item ? localise(item.title, locale) : rating.itemId, label);
  }
}
