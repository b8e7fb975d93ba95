import { ValidationError } from '@odkit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { OdErrorEvent } from '../events.js';
import type { MessageParams } from '../i18n/messages.js';

/** One thing wrong with a widget's options: a string key (and its parameters), told in the language shown. */
export interface OptionProblem<K extends string = string> {
  /** The attribute (or property, when it has none) that is wrong, e.g. `as-of`: the issue's path in the error. */
  readonly option: string;
  readonly key: K;
  readonly params?: MessageParams;
  /** A typed error from elsewhere (core's ValidationError for a bad instrument, say): reported and shown as it is. */
  readonly error?: Error;
}

/** What a widget gives its {@link OptionsController}. */
export interface OptionsControllerOptions<K extends string> {
  /** What is wrong with the options now; empty when nothing is. Cheap: called on every update. */
  check(): readonly OptionProblem<K>[];
  /** The widget's translator, so the error reads in the language shown. */
  t(key: K, params?: MessageParams): string;
}

/**
 * Checks a widget's attributes and properties the same way in every widget: the
 * problems are kept as keys (so the error state is re-told in the page's language),
 * and `od-error` fires once for each new set of problems, never on every render.
 * A widget with bad options shows its error state; it never throws into the page.
 */
export class OptionsController<K extends string = string> implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: OptionsControllerOptions<K>;
  #problems: readonly OptionProblem<K>[] = [];
  #reported = '';

  constructor(host: ReactiveControllerHost & HTMLElement, options: OptionsControllerOptions<K>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** What is wrong now (checked afresh, so it holds inside `willUpdate` too). */
  get problems(): readonly OptionProblem<K>[] {
    this.#problems = this.#options.check();
    return this.#problems;
  }

  /** Whether every option can be used. */
  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** The problems as one error in the language shown (the values themselves are never repeated), or undefined. */
  get error(): Error | undefined {
    const problems = this.problems;
    if (problems.length === 1 && problems[0]!.error) return problems[0]!.error;
    if (!problems.length) return undefined;
    const issues = problems.map((p) => ({
      path: [p.option],
      message: p.error?.message ?? this.#options.t(p.key, p.params),
    }));
    return new OptionsError(this.#host.localName, issues);
  }

  hostUpdate(): void {
    const problems = this.problems;
    // An error counts by what it says: the same message again is not a new problem.
    const signature = JSON.stringify(problems, (_key, value: unknown) =>
      value instanceof Error ? `${value.name}:${value.message}` : value,
    );
    if (signature === this.#reported) return;
    this.#reported = signature;
    if (problems.length) this.#host.dispatchEvent(new OdErrorEvent(this.error!));
  }
}

/**
 * A widget's attributes or properties cannot be used. A `ValidationError` (`code` `validation`) whose issues
 * name each option; its message is their sentences, in the language the widget shows, so hosts and the
 * error state read the same words.
 */
export class OptionsError extends ValidationError {
  constructor(tag: string, issues: readonly { path: readonly string[]; message: string }[]) {
    super(`<${tag}> options`, issues);
    this.name = 'OptionsError';
    this.message = issues.map((issue) => issue.message).join(' ');
  }
}
