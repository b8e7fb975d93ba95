/**
 * The few FHIR R4 JSON shapes the mapping reads and writes, kept loose on purpose:
 * real-world bundles carry far more than this, and everything read is checked.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

/** Any FHIR resource as JSON. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: { versionId?: string; lastUpdated?: string; profile?: string[]; security?: Coding[] };
  [key: string]: unknown;
}

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface Reference {
  reference?: string;
  type?: string;
  display?: string;
}

export interface Extension {
  url: string;
  [key: string]: unknown;
}

export interface BundleEntry {
  fullUrl?: string;
  resource?: FhirResource;
  request?: { method: string; url: string; ifMatch?: string; ifNoneExist?: string };
  response?: { status: string; location?: string; etag?: string; outcome?: FhirResource };
  search?: { mode?: string };
}

export interface Bundle extends FhirResource {
  resourceType: 'Bundle';
  type: string;
  entry?: BundleEntry[];
  link?: { relation: string; url: string }[];
  total?: number;
}

/** Something `fromFhir` could not map, or mapped with a default. Never silent. */
export interface FhirWarning {
  /** The resource concerned, e.g. `RelatedPerson/abc`, when there is one. */
  readonly resource?: string;
  /** A readable English sentence. Never quotes free text from the record (it may be health data). */
  readonly message: string;
}
