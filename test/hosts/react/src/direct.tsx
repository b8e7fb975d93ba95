// React 19 without the wrappers: React sets properties on custom elements (the store, a
// record) and listens for their events through `on<event-name>` props. @odkit/react/jsx
// types the tags; the kit's define module registers them.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryStore } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import '@odkit/kit/define.js';
import type {} from '@odkit/react/jsx';
import type { OdSelectEvent } from '@odkit/react';
import { describeSelection } from './describe.js';

function DirectApp() {
  const [store] = useState(() => new MemoryStore(structuredClone(demoCase)));
  const [selection, setSelection] = useState<OdSelectEvent['selection']>(null);
  const [changes, setChanges] = useState(0);
  return (
    <main>
      <h1>Maya Lewis: the network, React 19 without wrappers</h1>
      <p className="app-status" id="selection" role="status">
        {describeSelection(selection)}
      </p>
      <od-provider store={store}>
        <od-network-map sectors onod-select={(e: OdSelectEvent) => setSelection(e.selection)} />
        <od-meeting-timeline
          as-of="2026-04-10T12:00:00+01:00"
          onod-select={(e: OdSelectEvent) => setSelection(e.selection)}
        />
        <od-principles-checklist
          meetingId="mt-13"
          instrumentId="od-seven-principles"
          raterName="Jo Whitfield"
          onchange={() => setChanges((n) => n + 1)}
        />
      </od-provider>
      <p id="changes" role="status">
        {changes ? `${changes} checklist changes` : 'No checklist changes yet'}
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DirectApp />
  </StrictMode>,
);
