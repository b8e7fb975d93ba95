// A React 19 host app using @odkit/react: the three widgets under one provider on the demo
// case, React state fed by the widgets' events, and the checklist in the app's own form.
import { StrictMode, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryStore } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { OdMeetingTimeline, OdNetworkMap, OdPrinciplesChecklist, OdProvider, type OdSelectEvent } from '@odkit/react';
import { describeSelection } from './describe.js';

const AS_OF = '2026-04-10T12:00:00+01:00';

function App() {
  // One store for the page's lifetime; the widgets read and write through it.
  const [store] = useState(() => new MemoryStore(structuredClone(demoCase)));
  const [selection, setSelection] = useState<OdSelectEvent['selection']>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState('');
  const onError = (event: { error: Error }) => setErrors((e) => [...e, event.error.message]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The checklist is a form control: its value (the assessment as JSON) is in the form data.
    const raw = new FormData(event.currentTarget).get('assessment');
    const assessment = typeof raw === 'string' ? (JSON.parse(raw) as { ratings: unknown[] }) : undefined;
    setSubmitted(assessment ? `Sent: ${assessment.ratings.length} ratings` : 'Nothing to send');
  };

  return (
    <main>
      <h1>Maya Lewis: network meetings</h1>
      <p className="app-status" id="selection" role="status">
        {describeSelection(selection)}
      </p>
      {errors.length > 0 && (
        <p id="errors" role="alert">
          {errors.join('; ')}
        </p>
      )}
      <OdProvider store={store}>
        <OdNetworkMap sectors onOdSelect={(e) => setSelection(e.selection)} onOdError={onError} />
        <OdMeetingTimeline asOf={AS_OF} onOdSelect={(e) => setSelection(e.selection)} onOdError={onError} />
        <form onSubmit={submit} aria-labelledby="check-title">
          <h2 id="check-title">Fidelity of the meeting on 1 April</h2>
          <OdPrinciplesChecklist
            name="assessment"
            meetingId="mt-13"
            instrumentId="od-seven-principles"
            raterName="Jo Whitfield"
            required
            onOdError={onError}
          />
          <button className="app-submit" type="submit">
            Send fidelity check
          </button>
        </form>
      </OdProvider>
      <p id="submitted" role="status">
        {submitted}
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
