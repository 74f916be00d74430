/**
 * The console's small forms (site details, add a site, secrets): a labelled field with its
 * hint and the worker's message for it underneath, and the form's own message. Field errors
 * are the worker's 422 `errors`, keyed by the field's name in the request.
 */
import { html, nothing } from 'lit';
import { ConsoleError, messageOf } from '../api.js';

export interface FieldSpec {
  /** The request key (and the form control's name). */
  name: string;
  label: string;
  /** Prefixes the control's id, so two forms on one page can share a key. */
  form: string;
  value?: string;
  hint?: string;
  type?: 'text' | 'password' | 'number' | 'textarea' | 'datetime-local' | 'url';
  autocomplete?: string;
  required?: boolean;
  /** Extra input attributes worth having (a spellcheck-free id, a numeric keyboard). */
  inputmode?: 'numeric' | 'text';
  /** Number inputs: the smallest and largest value. */
  min?: number;
  max?: number;
}

export const fieldErrorsOf = (error: unknown) => (error instanceof ConsoleError ? error.fieldErrors : {});

/** One labelled control; `error` is the task's error (its message for this field shows under it). */
export function field(spec: FieldSpec, error: unknown) {
  const id = `${spec.form}-${spec.name}`;
  const messages = fieldErrorsOf(error)[spec.name];
  const describedBy = [spec.hint ? `${id}-hint` : '', messages ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    invalid: messages ? 'true' : 'false',
    describedBy: describedBy || nothing,
  };
  const control =
    spec.type === 'textarea'
      ? html`<textarea
          id=${common.id}
          name=${spec.name}
          rows="3"
          spellcheck="false"
          autocomplete=${spec.autocomplete ?? 'off'}
          .value=${spec.value ?? ''}
          ?required=${spec.required}
          aria-invalid=${common.invalid}
          aria-describedby=${common.describedBy}
        ></textarea>`
      : html`<input
          id=${common.id}
          name=${spec.name}
          type=${spec.type ?? 'text'}
          inputmode=${spec.inputmode ?? nothing}
          min=${spec.min ?? nothing}
          max=${spec.max ?? nothing}
          spellcheck="false"
          autocomplete=${spec.autocomplete ?? 'off'}
          .value=${spec.value ?? ''}
          ?required=${spec.required}
          aria-invalid=${common.invalid}
          aria-describedby=${common.describedBy}
        />`;
  return html`<div class="field">
    <label for=${id}>${spec.label}</label>
    ${control}
    ${spec.hint ? html`<p class="hint" id="${id}-hint">${spec.hint}</p>` : nothing}
    ${messages ? html`<p class="field-error" id="${id}-error">${messages.join(' ')}</p>` : nothing}
  </div>`;
}

/**
 * The form's message after a failure: "check the fields marked above" when the worker named
 * fields this form has, else what went wrong and what to do. `explain` may replace the message
 * for a code the form knows better (e.g. site_in_env).
 */
export function formError(id: string, error: unknown, fields: string[], explain?: (error: ConsoleError) => string | undefined) {
  if (!error) return nothing;
  const named = Object.keys(fieldErrorsOf(error)).filter((name) => fields.includes(name));
  const other = Object.entries(fieldErrorsOf(error))
    .filter(([name]) => !fields.includes(name))
    .flatMap(([, messages]) => messages);
  const text = named.length
    ? `Check the ${named.length === 1 ? 'field' : `${named.length} fields`} marked above, then try again.${other.length ? ` ${other.join(' ')}` : ''}`
    : other.length
      ? `${other.join(' ')} Correct it and try again.`
      : (error instanceof ConsoleError && explain?.(error)) || messageOf(error);
  return html`<p class="form-error" id=${id} role="alert" tabindex="-1">${text}</p>`;
}

/** After a failed submit: focus the first field marked, else the form's message. */
export async function focusProblem(root: { updateComplete: Promise<boolean>; renderRoot: ParentNode }, formSelector: string, errorId: string) {
  // Called from a Task's onError, before the Task asks for the render that shows the error.
  await null;
  await root.updateComplete;
  root.renderRoot.querySelector<HTMLElement>(`${formSelector} [aria-invalid="true"], #${errorId}`)?.focus();
}

/** Origins typed one per line (or separated by spaces or commas). */
export const linesOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((line) => line.trim())
    .filter(Boolean);

/** A button that shows it is working (aria-disabled, so it keeps focus). */
export const submitButton = (busy: boolean, label: string, doing: string) =>
  html`<button class="button" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
    ${busy ? html`<span class="spinner" aria-hidden="true"></span>${doing}` : label}
  </button>`;
