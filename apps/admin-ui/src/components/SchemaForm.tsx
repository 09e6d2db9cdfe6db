import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Issue } from '../api';
import { useApp } from '../context';
import { issueText } from '../refusal-texts';
import { fieldLabel, valueLabel, type Messages } from '../i18n';
import {
  countryCode,
  countryList,
  countryOptions,
  languageOptions,
  phoneE164,
  POLICE_DISTRICTS,
  type CountryPicker,
} from '../pickers';
import {
  checkForm,
  discriminatorKey,
  fieldErrorTestId,
  fieldTestId,
  innerFields,
  pathKey,
  placeIssues,
  type FieldSpec,
  type ListField,
  type PlacedIssues,
  type TextField,
  type RawValues,
  type UnionField,
} from '../schema-form';
import { FormErrors, SubmitButton } from './common';

/** What the page answers when the form was sent: nothing (it handled the answer) or the server's issues. */
export type SubmitOutcome = void | { issues: Issue[]; message?: string };

export interface SchemaFormProps {
  /** Prefix of every input id; unique on the page. */
  id: string;
  testId: string;
  title?: ComponentChildren;
  schema: z.ZodType;
  fields: FieldSpec[];
  initial: RawValues;
  submitLabel: string;
  /** Check the payload with a stand-in actor (command payloads require one; the API sets the real one). */
  withActor: boolean;
  /** Guidance shown under a field's label, by the field's dotted path. */
  hints?: Readonly<Record<string, string>>;
  /**
   * Asked with the checked payload before it is sent, for what cannot be undone: nothing is sent unless it answers
   * yes; on a no, the focus goes back to the submit button.
   */
  confirm?: (value: Record<string, unknown>) => Promise<boolean>;
  onSubmit: (value: Record<string, unknown>) => Promise<SubmitOutcome>;
}

const NO_ISSUES: PlacedIssues = { byPath: {}, general: [] };

export function SchemaForm(props: SchemaFormProps) {
  const { t } = useApp();
  const [raw, setRaw] = useState<RawValues>(props.initial);
  const [issues, setIssues] = useState<PlacedIssues>(NO_ISSUES);
  const [fromServer, setFromServer] = useState(false);
  const [busy, setBusy] = useState(false);
  const [focusToken, setFocusToken] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusToken === 0) return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('.form-errors');
    target?.focus();
  }, [focusToken]);

  const set = (key: string, value: string | boolean) => setRaw((previous) => ({ ...previous, [key]: value }));

  const show = (placed: PlacedIssues, server: boolean) => {
    setIssues(placed);
    setFromServer(server);
    setFocusToken((token) => token + 1);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkForm(props.schema, props.fields, raw, {
      withActor: props.withActor,
      requiredMessage: t.form.required,
      say: (issue) => issueText(t, issue),
    });
    if (!checked.ok) {
      show(checked.issues, false);
      return;
    }
    setIssues(NO_ISSUES);
    if (props.confirm && !(await props.confirm(checked.value))) {
      formRef.current?.querySelector<HTMLElement>('button[type=submit]')?.focus();
      return;
    }
    setBusy(true);
    try {
      const outcome = await props.onSubmit(checked.value);
      if (outcome) {
        const placed = placeIssues(
          props.fields,
          outcome.issues.map((issue) => ({ ...issue, message: issueText(t, issue) })),
        );
        // A refusal that names no field on the form still says what was refused, in the reader's words.
        if (placed.general.length === 0 && Object.keys(placed.byPath).length === 0)
          placed.general.push(outcome.message ?? t.form.rejectedNoField);
        show(placed, true);
      }
    } finally {
      setBusy(false);
    }
  };

  const count = Object.values(issues.byPath).length + issues.general.length;
  const context: FieldContext = { t, idPrefix: props.id, raw, set, issues, hints: props.hints ?? {} };

  return (
    <form
      ref={formRef}
      class="schema-form"
      data-testid={props.testId}
      noValidate
      onSubmit={submit}
      aria-busy={busy}
    >
      {props.title}
      <FormErrors count={count} fromServer={fromServer} general={issues.general} />
      {props.fields.map((field) => (
        <FieldView key={pathKey(field.path)} field={field} context={context} />
      ))}
      <SubmitButton label={props.submitLabel} busy={busy} busyLabel={t.form.sending} />
    </form>
  );
}

interface FieldContext {
  t: Messages;
  idPrefix: string;
  raw: RawValues;
  set: (key: string, value: string | boolean) => void;
  issues: PlacedIssues;
  hints: Readonly<Record<string, string>>;
}

const inputId = (context: FieldContext, key: string) => `${context.idPrefix}-${key}`;

function errorsOf(context: FieldContext, key: string): string[] {
  return context.issues.byPath[key] ?? [];
}

function FieldErrors({ context, path }: { context: FieldContext; path: string }) {
  const messages = errorsOf(context, path);
  if (messages.length === 0) return null;
  return (
    <p class="field-error" id={`${inputId(context, path)}-error`} data-testid={fieldErrorTestId([path])}>
      {messages.join(' ')}
    </p>
  );
}

function describedBy(context: FieldContext, key: string, hint: boolean): string | undefined {
  const ids = [
    ...(context.hints[key] ? [`${inputId(context, key)}-guide`] : []),
    ...(hint ? [`${inputId(context, key)}-hint`] : []),
    ...(errorsOf(context, key).length > 0 ? [`${inputId(context, key)}-error`] : []),
  ];
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ context, field, htmlFor }: { context: FieldContext; field: FieldSpec; htmlFor: string }) {
  return (
    <>
      <label for={htmlFor}>
        {fieldLabel(context.t, field.name)}
        {!field.required && <span class="optional"> ({context.t.common.optional})</span>}
      </label>
      <Guide context={context} path={pathKey(field.path)} />
    </>
  );
}

/** The form's guidance for a field, if it has any (what to enter, and the rule behind it). */
function Guide({ context, path }: { context: FieldContext; path: string }) {
  const guide = context.hints[path];
  if (!guide) return null;
  return (
    <span class="hint field-hint" id={`${inputId(context, path)}-guide`} data-testid={`field-hint-${path}`}>
      {guide}
    </span>
  );
}

function stringOf(raw: RawValues, key: string): string {
  const value = raw[key];
  return typeof value === 'string' ? value : '';
}

function FieldView({ field, context }: { field: FieldSpec; context: FieldContext }) {
  const { t } = context;
  const key = pathKey(field.path);
  const id = inputId(context, key);
  const invalid = errorsOf(context, key).length > 0;
  const common = {
    id,
    name: key,
    'data-testid': fieldTestId(field.path),
    'aria-invalid': invalid ? ('true' as const) : undefined,
  };
  const onText = (event: Event) => context.set(key, (event.currentTarget as HTMLInputElement).value);

  switch (field.kind) {
    case 'text': {
      if (field.picker) return <PickerView field={field} context={context} />;
      const hint = field.input === 'datetime-local' ? t.common.osloTimeHint : undefined;
      return (
        <div class="field">
          <Label context={context} field={field} htmlFor={id} />
          {hint && (
            <span class="hint" id={`${id}-hint`}>
              {hint}
            </span>
          )}
          {field.multiline ? (
            <textarea
              {...common}
              rows={3}
              value={stringOf(context.raw, key)}
              onInput={onText}
              maxLength={field.maxLength}
              aria-describedby={describedBy(context, key, hint !== undefined)}
            />
          ) : (
            <input
              {...common}
              type={field.input}
              value={stringOf(context.raw, key)}
              onInput={onText}
              maxLength={field.maxLength}
              aria-describedby={describedBy(context, key, hint !== undefined)}
              autoComplete="off"
            />
          )}
          <FieldErrors context={context} path={key} />
        </div>
      );
    }
    case 'select':
    case 'tristate': {
      const options =
        field.kind === 'select'
          ? field.options.map((value) => ({ value, label: valueLabel(t, value) }))
          : [
              { value: 'true', label: t.common.yes },
              { value: 'false', label: t.common.no },
            ];
      return (
        <div class="field">
          <Label context={context} field={field} htmlFor={id} />
          <select
            {...common}
            value={stringOf(context.raw, key)}
            onChange={onText}
            aria-describedby={describedBy(context, key, false)}
          >
            <option value="">{field.required ? t.common.choose : t.common.notGiven}</option>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <FieldErrors context={context} path={key} />
        </div>
      );
    }
    case 'checkbox':
      return (
        <div class="field field-checkbox">
          <input
            {...common}
            type="checkbox"
            checked={context.raw[key] === true}
            onChange={(event) => context.set(key, (event.currentTarget as HTMLInputElement).checked)}
            aria-describedby={describedBy(context, key, false)}
          />
          <Label context={context} field={field} htmlFor={id} />
          <FieldErrors context={context} path={key} />
        </div>
      );
    case 'number':
      return (
        <div class="field">
          <Label context={context} field={field} htmlFor={id} />
          <input
            {...common}
            type="number"
            inputMode={field.integer ? 'numeric' : 'decimal'}
            step={field.integer ? 1 : 'any'}
            min={field.min}
            max={field.max}
            value={stringOf(context.raw, key)}
            onInput={onText}
            aria-describedby={describedBy(context, key, false)}
          />
          <FieldErrors context={context} path={key} />
        </div>
      );
    case 'list':
    case 'json': {
      if (field.kind === 'list' && field.picker) {
        return <CountryListView field={field} picker={field.picker} context={context} />;
      }
      const hint = field.kind === 'list' ? t.common.commaHint : t.common.jsonHint;
      return (
        <div class="field">
          <Label context={context} field={field} htmlFor={id} />
          <span class="hint" id={`${id}-hint`}>
            {hint}
          </span>
          {field.kind === 'list' ? (
            <input
              {...common}
              type="text"
              value={stringOf(context.raw, key)}
              onInput={onText}
              aria-describedby={describedBy(context, key, true)}
              autoComplete="off"
            />
          ) : (
            <textarea
              {...common}
              rows={3}
              value={stringOf(context.raw, key)}
              onInput={onText}
              aria-describedby={describedBy(context, key, true)}
            />
          )}
          <FieldErrors context={context} path={key} />
        </div>
      );
    }
    case 'group':
      return (
        <fieldset class="fieldset" data-testid={`fieldset-${key}`}>
          <legend>
            {fieldLabel(t, field.name)}
            {!field.required && <span class="optional"> ({t.common.optional})</span>}
          </legend>
          <Guide context={context} path={key} />
          <FieldErrors context={context} path={key} />
          {field.fields.map((child) => (
            <FieldView key={pathKey(child.path)} field={child} context={context} />
          ))}
        </fieldset>
      );
    case 'union':
      return <UnionView field={field} context={context} />;
    case 'nullable': {
      const given = context.raw[key] === true;
      return (
        <fieldset class="fieldset" data-testid={`fieldset-${key}`}>
          <legend>{fieldLabel(t, field.name)}</legend>
          <div class="field field-checkbox">
            <input
              {...common}
              type="checkbox"
              checked={given}
              onChange={(event) => context.set(key, (event.currentTarget as HTMLInputElement).checked)}
              aria-describedby={describedBy(context, key, false)}
            />
            <label for={id}>{t.common.given}</label>
            <FieldErrors context={context} path={key} />
          </div>
          {given &&
            innerFields(field).map((child) => (
              <FieldView key={pathKey(child.path)} field={child} context={context} />
            ))}
        </fieldset>
      );
    }
  }
}

function UnionView({ field, context }: { field: UnionField; context: FieldContext }) {
  const { t } = context;
  const key = pathKey(field.path);
  const kindKey = discriminatorKey(field);
  const id = inputId(context, kindKey);
  const chosen = stringOf(context.raw, kindKey);
  const variant = field.variants.find((candidate) => candidate.value === chosen);
  const invalid = errorsOf(context, kindKey).length > 0 || errorsOf(context, key).length > 0;
  const describedIds = [
    ...(errorsOf(context, key).length > 0 ? [`${inputId(context, key)}-error`] : []),
    ...(errorsOf(context, kindKey).length > 0 ? [`${id}-error`] : []),
  ];
  return (
    <fieldset class="fieldset" data-testid={`fieldset-${key}`}>
      <legend>
        {fieldLabel(t, field.name)}
        {!field.required && <span class="optional"> ({t.common.optional})</span>}
      </legend>
      <div class="field">
        <label for={id}>{fieldLabel(t, field.discriminator)}</label>
        <select
          id={id}
          name={kindKey}
          data-testid={fieldTestId([kindKey])}
          value={chosen}
          onChange={(event) => context.set(kindKey, (event.currentTarget as HTMLSelectElement).value)}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedIds.length > 0 ? describedIds.join(' ') : undefined}
        >
          <option value="">{field.required ? t.common.choose : t.common.notGiven}</option>
          {field.variants.map((candidate) => (
            <option key={candidate.value} value={candidate.value}>
              {valueLabel(t, candidate.value)}
            </option>
          ))}
        </select>
        <FieldErrors context={context} path={key} />
        <FieldErrors context={context} path={kindKey} />
      </div>
      {variant?.fields.map((child) => (
        <FieldView key={pathKey(child.path)} field={child} context={context} />
      ))}
    </fieldset>
  );
}

/** A live note under a picker: what the input will be sent as, or why it cannot be yet. */
function PickerNote({ id, text, bad }: { id: string; text: string | undefined; bad?: boolean }) {
  return (
    <span class={bad ? 'hint picker-note picker-note-bad' : 'hint picker-note'} id={id} aria-live="polite">
      {text ?? ''}
    </span>
  );
}

/**
 * A field with a picker: countries and interpreter languages as a searchable list (an input with a datalist: type
 * a few letters, choose with the arrow keys), police districts as a select, phone numbers read as they are typed.
 */
function PickerView({ field, context }: { field: TextField; context: FieldContext }) {
  const { t } = context;
  const key = pathKey(field.path);
  const id = inputId(context, key);
  const value = stringOf(context.raw, key);
  const invalid = errorsOf(context, key).length > 0;
  const onText = (event: Event) => context.set(key, (event.currentTarget as HTMLInputElement).value);
  const common = {
    id,
    name: key,
    'data-testid': fieldTestId(field.path),
    'aria-invalid': invalid ? ('true' as const) : undefined,
  };
  const picker = field.picker;
  if (picker === 'police-district') {
    const known = value === '' || POLICE_DISTRICTS.includes(value);
    return (
      <div class="field">
        <Label context={context} field={field} htmlFor={id} />
        <select
          {...common}
          value={value}
          onChange={onText}
          aria-describedby={describedBy(context, key, false)}
        >
          <option value="">{field.required ? t.common.choose : t.common.notGiven}</option>
          {!known && <option value={value}>{value}</option>}
          {POLICE_DISTRICTS.map((district) => (
            <option key={district} value={district}>
              {district}
            </option>
          ))}
        </select>
        <FieldErrors context={context} path={key} />
      </div>
    );
  }
  let hint: string;
  let note: string | undefined;
  let bad = false;
  let options: { value: string; label: string }[] = [];
  if (picker === 'phone') {
    hint = t.picker.phoneHint;
    const e164 = value.trim() === '' ? undefined : phoneE164(value);
    note = value.trim() === '' ? undefined : e164 ? t.picker.sentAs(e164) : t.picker.phoneIncomplete;
    bad = value.trim() !== '' && !e164;
  } else if (picker === 'interpreter-language') {
    hint = t.picker.languageHint;
    options = languageOptions(t.lang);
  } else {
    hint = t.picker.countryHint;
    options = countryOptions(picker ?? 'country-alpha2', t.lang);
    const code = value.trim() === '' ? undefined : countryCode(picker ?? 'country-alpha2', value);
    note = value.trim() === '' ? undefined : code ? t.picker.sentAs(code) : t.picker.noCountry;
    bad = value.trim() !== '' && !code;
  }
  const listId = `${id}-options`;
  return (
    <div class="field">
      <Label context={context} field={field} htmlFor={id} />
      <span class="hint" id={`${id}-hint`}>
        {hint}
      </span>
      <input
        {...common}
        type={picker === 'phone' ? 'tel' : 'text'}
        inputMode={picker === 'phone' ? 'tel' : undefined}
        list={options.length > 0 ? listId : undefined}
        value={value}
        onInput={onText}
        maxLength={field.maxLength}
        aria-describedby={[describedBy(context, key, true), `${id}-note`].filter(Boolean).join(' ')}
        autoComplete="off"
        data-picker={picker}
      />
      {options.length > 0 && (
        <datalist id={listId} data-testid={`${fieldTestId(field.path)}-options`}>
          {options.map((option) => (
            <option key={option.value} value={option.label} />
          ))}
        </datalist>
      )}
      <PickerNote id={`${id}-note`} text={note} bad={bad} />
      <FieldErrors context={context} path={key} />
    </div>
  );
}

/** A list of countries typed by name (or code), separated by commas, with the codes they will be sent as. */
function CountryListView({
  field,
  picker,
  context,
}: {
  field: ListField;
  picker: CountryPicker;
  context: FieldContext;
}) {
  const { t } = context;
  const key = pathKey(field.path);
  const id = inputId(context, key);
  const value = stringOf(context.raw, key);
  const invalid = errorsOf(context, key).length > 0;
  const codes = countryList(picker, value);
  const unknown = codes.some((code) => countryCode(picker, code) === undefined);
  return (
    <div class="field">
      <Label context={context} field={field} htmlFor={id} />
      <span class="hint" id={`${id}-hint`}>
        {t.picker.countryListHint}
      </span>
      <input
        id={id}
        name={key}
        data-testid={fieldTestId(field.path)}
        aria-invalid={invalid ? 'true' : undefined}
        type="text"
        value={value}
        onInput={(event) => context.set(key, (event.currentTarget as HTMLInputElement).value)}
        aria-describedby={[describedBy(context, key, true), `${id}-note`].filter(Boolean).join(' ')}
        autoComplete="off"
        data-picker={picker}
      />
      <PickerNote
        id={`${id}-note`}
        text={
          codes.length === 0 ? undefined : unknown ? t.picker.noCountry : t.picker.sentAs(codes.join(', '))
        }
        bad={unknown}
      />
      <FieldErrors context={context} path={key} />
    </div>
  );
}
