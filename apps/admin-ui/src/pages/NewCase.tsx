import { ApplicationLodged } from '../domain';
import { useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { SchemaForm, type SubmitOutcome } from '../components/SchemaForm';
import { canChangeCases, useApp } from '../context';
import { errorText, useTitle } from '../hooks';
import { isoToOsloLocal } from '../oslo-time';
import { APPLICATION_NOW_FIELDS, applicationFields } from '../payload-forms';
import { caseHref } from '../router';
import { defaultValues } from '../schema-form';

export function NewCasePage() {
  const { t, api, session, announce } = useApp();
  useTitle(t.newCase.title, t.app.name);
  const fields = applicationFields();
  const initial = useMemo(
    () => defaultValues(fields, { now: APPLICATION_NOW_FIELDS, nowLocal: isoToOsloLocal(Date.now()) }),
    [fields],
  );
  const [rejection, setRejection] = useState<{ text: string; detail?: string; existing?: string } | null>(
    null,
  );

  if (!canChangeCases(session)) {
    return (
      <>
        <h1 tabIndex={-1}>{t.newCase.title}</h1>
        <p class="alert alert-info" data-testid="new-case-not-allowed">
          {t.newCase.notAllowed}
        </p>
      </>
    );
  }

  const submit = async (value: Record<string, unknown>): Promise<SubmitOutcome> => {
    const application = value as ApplicationLodged;
    try {
      const created = await api.createCase(application);
      setRejection(null);
      announce(t.newCase.created(created.dufNumber));
      location.hash = caseHref(created.dufNumber);
      return undefined;
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.status === 400) return { issues: error.issues, message: errorText(t, error) };
        if (error.status === 401) return undefined;
        if (error.status === 409) {
          setRejection({ text: errorText(t, error), existing: application.dufNumber });
          return undefined;
        }
      }
      setRejection({ text: errorText(t, error) });
      return undefined;
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.newCase.title}</h1>
      <p class="muted">{t.newCase.intro}</p>
      {rejection && (
        <div class="alert alert-warning" role="alert" data-testid="server-rejection">
          <p>
            <strong>{rejection.text}</strong>
          </p>
          {rejection.detail && <p data-testid="server-rejection-message">{rejection.detail}</p>}
          {rejection.existing && (
            <p>
              <a href={caseHref(rejection.existing)}>{t.newCase.openExisting(rejection.existing)}</a>
            </p>
          )}
        </div>
      )}
      <div class="card">
        <SchemaForm
          id="new-case"
          testId="new-case-form"
          schema={ApplicationLodged}
          fields={fields}
          initial={initial}
          submitLabel={t.newCase.submit}
          withActor={false}
          onSubmit={submit}
        />
      </div>
    </>
  );
}
