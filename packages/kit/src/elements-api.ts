/**
 * What the kit exports of its elements besides their classes: `<od-provider>` and the kit's
 * events and errors. Part of the SDK of both `@odkit/kit` (sdk.ts) and `odkit.js` (bundle-sdk.ts).
 */
export {
  OdProvider,
  OdChangeEvent,
  OdErrorEvent,
  OdMemberFocusEvent,
  OdSelectEvent,
  OptionsError,
  UnsupportedError,
  type OdSelection,
} from '@odkit/elements';
export { OdOpenCasesEvent, type OpenCasesFilter, type MeasureId, type MeasureGoals } from '@odkit/service-dashboard';
