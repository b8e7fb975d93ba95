import { OdProvider } from '@odkit/elements';
import { OdMeetingTimeline } from '@odkit/meeting-timeline';
import { OdNetworkMap } from '@odkit/network-map';
import { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { OdServiceDashboard } from '@odkit/service-dashboard';
import { checkedPrefix } from './prefix.js';

/** The kit's elements by the tag suffix each is registered under (`<prefix>-<suffix>`). */
const elements = {
  provider: OdProvider,
  'network-map': OdNetworkMap,
  'meeting-timeline': OdMeetingTimeline,
  'principles-checklist': OdPrinciplesChecklist,
  'service-dashboard': OdServiceDashboard,
} as const;

export type OdkitElementName = keyof typeof elements;

export interface DefineOdkitOptions {
  /**
   * The tag prefix, `od` by default. Another prefix (say `acme-od`) lets a second kit
   * version run on a page whose `od-*` tags are already taken: `<acme-od-network-map>`.
   */
  prefix?: string;
  /** The registry to define into; the page's `customElements` by default. */
  registry?: CustomElementRegistry;
}

/**
 * Registers every kit element under `<prefix>-provider`, `<prefix>-network-map`,
 * `<prefix>-meeting-timeline`, `<prefix>-principles-checklist` and `<prefix>-service-dashboard`, and returns the tags.
 * Never throws for a tag that is already taken (see `OdElement.define`).
 */
export function defineOdkit(options: DefineOdkitOptions = {}): Record<OdkitElementName, string> {
  const { registry = customElements } = options;
  const prefix = checkedPrefix(options.prefix === undefined ? 'od' : options.prefix);
  const tags = {} as Record<OdkitElementName, string>;
  for (const [suffix, element] of Object.entries(elements) as [
    OdkitElementName,
    (typeof elements)[OdkitElementName],
  ][]) {
    const tag = `${prefix}-${suffix}`;
    element.define(tag, registry);
    tags[suffix] = tag;
  }
  return tags;
}
