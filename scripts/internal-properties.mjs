// Property names that never leave one widget, renamed to short names in the minified
// single-file bundles and in the size check (scripts/bundle.mjs `minifier()`). The widgets'
// views, handler tables and controllers pass typed objects between modules; a minifier keeps
// property names, so each of these would otherwise ship in full. Used only where terser sees a
// whole program (the npm dist/ builds are not minified, hosts' bundlers minify them without this).
//
// A name belongs here only when it is a member of a widget's own internal type (a view's model,
// a handler table, a controller or edits class in `src/internal/`) that no host, no other
// package and no record can see: never a public property, attribute, event, CSS part, method of
// an element or of an exported class, a record field, a string key, or a Lit reactive property.
// `checkInternalProperties()` refuses the build when a listed name turns up where renaming it
// would break something (in a string, in a dependency's code) or a short name is already taken.

/** By package and module, so a reviewer can see where each one is declared. */
export const INTERNAL_PROPERTIES = [
  // network-map: internal/edits.ts (MapEdits)
  ...['focusBack', 'moveRing', 'moveToSector', 'removeMember', 'submitMember', 'submitPerson', 'submitTie'],
  // network-map: internal/toolbar.ts (ToolbarHandlers, ToolbarModel), internal/export.ts (MapExports),
  // internal/map-view.ts (MapModel), internal/nodes.ts
  ...['canEdit', 'downloadPng', 'downloadSvg', 'resetZoom', 'toggleView', 'zoomIn', 'zoomOut', 'pngUnavailable'],
  ...['layout', 'linkedId', 'textDeps', 'tabbable'],
  // network-map: internal/labels.ts (LabelPlan), internal/viewport.ts (ViewportController), map-view.ts (MapModel)
  ...['halo', 'titleSize', 'canDrag', 'keepInView', 'panBy', 'zoomBy', 'awaitingSize', 'firstSize'],
  // meeting-timeline: internal/view-kit.ts (TimelineHandlers). Not the form handlers (closeForm, confirmCancel,
  // formChange, formClick, reasonInput, sideKey, submitMeeting, applyRange, clearRange), the forms' zoneName, nor
  // what the element and the meeting and episode edits share (calendarDate, dismiss, openId): the forms and edits
  // (internal/forms.ts) and the date filter's form (internal/range-form.ts) are chunks of their own, and each chunk
  // is renamed on its own.
  ...['attendeeBlur', 'attendeeFocus', 'episodeChanged'],
  ...['listFocus', 'listKey', 'listScroll', 'selectMember'],
  ...['setView', 'setZoom', 'toggleRange'],
  // meeting-timeline: axis.ts, list.ts, meeting-form.ts, model.ts, virtual-list-controller.ts
  ...['tickPath', 'instrumentsScored', 'followScroll', 'rewind', 'scrolled'],
  // meeting-timeline: internal/shown-timeline.ts (ShownTimeline)
  ...['viewShown', 'zoomShown', 'zoneShown', 'nowShown', 'rangeShown', 'recordShown', 'episodeOf', 'modelShown'],
  ...['modelOf', 'meetingsIn', 'meetingsShown', 'lastModel', 'clockTick'],
  // meeting-timeline: editing.ts, range-edits.ts (their parts of TimelineHandlers)
  ...['formHandlers', 'rangeHandlers'],
  // meeting-timeline: internal/roving-row.ts (RovingRow; its followScroll is listed above)
  ...['focusRow', 'rowFocused', 'focusedId'],
  // principles-checklist: internal/autosave-controller.ts (AutosaveController),
  // device-draft.ts, rater-view.ts, resolve.ts
  ...['deviceStatus', 'discardDraft', 'editRater', 'editRating', 'nameMissing', 'recordMode', 'restoreDraft'],
  ...['saveError', 'saveOnLeave', 'setLocal', 'letGo', 'signedIn', 'trackedId', 'overlay', 'unsavedOnCompleted'],
  // principles-checklist: internal/assessment-underneath.ts (AssessmentUnderneath)
  ...['holdsAbout'],
  // principles-checklist: internal/checklist-edits.ts (ChecklistEditsOptions, ChecklistEdits)
  ...['shownValue', 'shownInstrument', 'controlsDisabled', 'setErrors', 'clearErrorFor', 'onInvalid', 'autosave'],
];

/**
 * terser's `mangle.properties`: only the listed names. terser picks the short names itself (the
 * most used get one letter), avoiding every other property name in the chunk; each chunk is
 * minified on its own, so `checkInternalProperties()` makes sure a listed name is only ever
 * used in one chunk of a build.
 */
export function internalPropertyMangling() {
  return { regex: new RegExp(`^(?:${INTERNAL_PROPERTIES.join('|')})$`) };
}

const listed = new Set(INTERNAL_PROPERTIES);
const words = (text) => text.match(/[A-Za-z_$][\w$]*/g) ?? [];

/**
 * A rollup output plugin for before terser: fails the build when renaming a listed name could
 * change behaviour — the name is in a string (a decorator's property name, an attribute, a key
 * read by name, `'name' in x`) or in a dependency's code — or when it is used in two chunks
 * (each chunk would rename it its own way).
 */
export function checkInternalProperties() {
  let chunkOf = new Map();
  return {
    name: 'odkit-internal-properties',
    renderStart() {
      chunkOf = new Map();
    },
    renderChunk(code, chunk) {
      const problems = new Set();
      for (const [id, module] of Object.entries(chunk.modules)) {
        if (!id.includes('/node_modules/')) continue;
        for (const word of words(module.code ?? '')) if (listed.has(word)) problems.add(`'${word}' is used by ${id}`);
      }
      const visit = (node) => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (!node || typeof node.type !== 'string') return;
        const text =
          node.type === 'Literal' && typeof node.value === 'string'
            ? node.value
            : node.type === 'TemplateElement'
              ? (node.value.cooked ?? node.value.raw)
              : undefined;
        if (text !== undefined)
          for (const word of words(text)) if (listed.has(word)) problems.add(`'${word}' is in a string`);
        const key =
          (node.type === 'MemberExpression' && !node.computed ? node.property : undefined) ??
          (['Property', 'PropertyDefinition', 'MethodDefinition'].includes(node.type) && !node.computed
            ? node.key
            : undefined);
        if (key?.type === 'Identifier' && listed.has(key.name)) {
          const other = chunkOf.get(key.name);
          if (other && other !== chunk.fileName)
            problems.add(
              `'${key.name}' is used in ${other} as well (give terser one nameCache for the build, or drop the name)`,
            );
          chunkOf.set(key.name, chunk.fileName);
        }
        for (const [field, value] of Object.entries(node))
          if (field !== 'type' && value && typeof value === 'object') visit(value);
      };
      visit(this.parse(code));
      if (problems.size)
        this.error(
          `Internal property names (scripts/internal-properties.mjs) unsafe to rename in ${chunk.fileName}: ${[...problems].join('; ')}`,
        );
      return null;
    },
  };
}
