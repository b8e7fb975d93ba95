/**
 * Lines of an NDJSON file read as a stream, in browsers and Node: a `ReadableStream` (a
 * `fetch` body, `Blob.stream()`), a `Blob`/`File`, a `Response`, or any async iterable of
 * bytes or text (a Node `fs.createReadStream`). UTF-8 is decoded across chunk boundaries;
 * `\r\n` and a leading byte-order mark are accepted; a line longer than the limit is
 * reported as such (its text dropped as it streams), never held in memory whole.
 */
export type NdjsonInput = ReadableStream<Uint8Array | string> | AsyncIterable<Uint8Array | string> | Blob | Response;

export type NdjsonLine =
  { readonly line: number; readonly text: string } | { readonly line: number; readonly tooLong: true };

export function isNdjsonInput(v: unknown): v is NdjsonInput {
  if (typeof v !== 'object' || v === null) return false;
  return (
    (typeof ReadableStream !== 'undefined' && v instanceof ReadableStream) ||
    (typeof Blob !== 'undefined' && v instanceof Blob) ||
    (typeof Response !== 'undefined' && v instanceof Response) ||
    typeof (v as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/** Chunks of the input, from whichever kind it is. */
async function* chunks(input: NdjsonInput): AsyncGenerator<Uint8Array | string> {
  let stream: ReadableStream<Uint8Array | string> | undefined;
  if (typeof Response !== 'undefined' && input instanceof Response) stream = input.body ?? undefined;
  else if (typeof Blob !== 'undefined' && input instanceof Blob) stream = input.stream();
  else if (typeof ReadableStream !== 'undefined' && input instanceof ReadableStream) stream = input;
  else {
    yield* input as AsyncIterable<Uint8Array | string>;
    return;
  }
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopped early (a problem, the host's signal): the file is not read on.
    reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Every line (1-based numbers, empty lines skipped but counted), with at most `maxLineLength` characters each. */
export async function* ndjsonLines(input: NdjsonInput, maxLineLength: number): AsyncGenerator<NdjsonLine> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let line = 1;
  let skipping = false;
  const finish = function* (text: string): Generator<NdjsonLine> {
    const number = line++;
    if (skipping) {
      skipping = false;
      yield { line: number, tooLong: true };
      return;
    }
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (trimmed.length > maxLineLength) yield { line: number, tooLong: true };
    else if (trimmed.trim() !== '') yield { line: number, text: trimmed };
  };
  let first = true;
  for await (const chunk of chunks(input)) {
    let text =
      typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? decoder.decode(chunk, { stream: true }) : '';
    if (first && text) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      yield* finish(carry + text.slice(start, end));
      carry = '';
      start = end + 1;
    }
    const rest = text.slice(start);
    if (skipping) continue;
    if (carry.length + rest.length > maxLineLength + 1) {
      carry = '';
      skipping = true;
    } else carry += rest;
  }
  const tail = carry + decoder.decode();
  if (tail !== '' || skipping) yield* finish(tail);
}
