import { CaseStatus, CaseTrack, UKRAINIAN_REGIONS, WorkItem } from '../domain';
import { useState } from 'preact/hooks';
import type { CaseFilter } from '../api';
import { CaseTable, describedByOf, Field, SORT_KEYS } from '../components/common';
import { PagedCases } from '../components/PagedCases';
import { useApp } from '../context';
import { useTitle } from '../hooks';
import { statusLabel, trackLabel, valueLabel } from '../i18n';
import { endOfOsloDateIso } from '../oslo-time';
import { caseHref, hrefOf } from '../router';

const FILTER_KEYS = [
  'status',
  'track',
  'homeOblast',
  'interviewPriority',
  'deadlineBefore',
  'workItem',
  'dublinRequestDueBefore',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type FilterValues = Record<FilterKey, string>;

function filterValuesOf(query: Record<string, string>): FilterValues {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, query[key] ?? ''])) as FilterValues;
}

/** The query of the form (a calendar date for the deadline) as the API's filter (an ISO instant). */
export function apiFilterOf(values: FilterValues): CaseFilter {
  const filter: CaseFilter = {};
  if (values.status) filter.status = values.status;
  if (values.track) filter.track = values.track;
  if (values.homeOblast) filter.homeOblast = values.homeOblast;
  if (values.interviewPriority === 'true' || values.interviewPriority === 'false') {
    filter.interviewPriority = values.interviewPriority;
  }
  const deadline = values.deadlineBefore ? endOfOsloDateIso(values.deadlineBefore) : undefined;
  if (deadline) filter.deadlineBefore = deadline;
  if ((WorkItem.options as readonly string[]).includes(values.workItem)) filter.workItem = values.workItem;
  const dublin = values.dublinRequestDueBefore ? endOfOsloDateIso(values.dublinRequestDueBefore) : undefined;
  if (dublin) filter.dublinRequestDueBefore = dublin;
  return filter;
}

/** The orders the column headers offer: each sortable column either way. */
const SORTS = Object.values(SORT_KEYS).flatMap((key) => [key, `-${key}`]);

/** A person search: a name, a date of birth, or both (issue 15, point 8). */
interface PersonCriteria {
  name?: string;
  dateOfBirth?: string;
}

export function CaseListPage({ query }: { query: Record<string, string> }) {
  const { t } = useApp();
  useTitle(t.caseList.title, t.app.name);
  const applied = filterValuesOf(query);
  const sort = query.sort && SORTS.includes(query.sort) ? query.sort : undefined;
  // Kept in the page, never in the address: a name in the URL would stay in the browser's history.
  const [person, setPerson] = useState<PersonCriteria>({});
  const filterKey = JSON.stringify(applied);
  const resultsKey = JSON.stringify([applied, sort, person]);
  const onSort = (next: string) => {
    location.hash = hrefOf({ name: 'cases', query: { ...applied, sort: next } });
  };
  return (
    <>
      <h1 tabIndex={-1}>{t.caseList.title}</h1>
      <div class="list-tools">
        <FilterForm key={filterKey} initial={applied} sort={sort} />
        <div class="list-side">
          <PersonSearchForm applied={person} onSearch={setPerson} />
          <OpenCaseForm />
        </div>
      </div>
      <CaseResults
        key={resultsKey}
        filter={{ ...apiFilterOf(applied), ...person, ...(sort ? { sort } : {}) }}
        sort={sort}
        onSort={onSort}
      />
    </>
  );
}

/**
 * Find a case by the applicant's name or date of birth, through the API's person index. Every word given must be in
 * the name (whole words: the index is blind); each search is logged with who searched, and the form says so.
 */
function PersonSearchForm({
  applied,
  onSearch,
}: {
  applied: PersonCriteria;
  onSearch: (criteria: PersonCriteria) => void;
}) {
  const { t } = useApp();
  const [name, setName] = useState(applied.name ?? '');
  const [dateOfBirth, setDateOfBirth] = useState(applied.dateOfBirth ?? '');
  const [missing, setMissing] = useState(false);
  const searching = applied.name !== undefined || applied.dateOfBirth !== undefined;
  const submit = (event: Event) => {
    event.preventDefault();
    const words = name.trim();
    // The schema's shape: a date input gives YYYY-MM-DD or nothing; a name needs a letter or digit.
    const hasName = /[\p{L}\p{N}]/u.test(words);
    if (!hasName && !dateOfBirth) {
      setMissing(true);
      return;
    }
    setMissing(false);
    onSearch({ ...(hasName ? { name: words } : {}), ...(dateOfBirth ? { dateOfBirth } : {}) });
  };
  const clear = () => {
    setName('');
    setDateOfBirth('');
    setMissing(false);
    onSearch({});
  };
  return (
    <form
      class="card person-search"
      data-testid="person-search-form"
      onSubmit={submit}
      aria-labelledby="person-title"
      noValidate
    >
      <h2 id="person-title">{t.caseList.personTitle}</h2>
      <p class="hint" id="person-logged">
        {t.caseList.personLogged}
      </p>
      <Field
        id="person-name"
        label={t.caseList.personName}
        hint={t.caseList.personNameHint}
        error={missing ? t.caseList.personNeedsOne : undefined}
      >
        <input
          id="person-name"
          data-testid="person-name"
          autoComplete="off"
          maxLength={300}
          value={name}
          onInput={(event) => setName((event.currentTarget as HTMLInputElement).value)}
          aria-invalid={missing ? 'true' : undefined}
          aria-describedby={describedByOf('person-name', { hint: true, error: missing })}
        />
      </Field>
      <Field id="person-dateOfBirth" label={t.caseList.dateOfBirth}>
        <input
          id="person-dateOfBirth"
          data-testid="person-dateOfBirth"
          type="date"
          value={dateOfBirth}
          onInput={(event) => setDateOfBirth((event.currentTarget as HTMLInputElement).value)}
        />
      </Field>
      <div class="form-actions">
        <button type="submit" class="button primary" data-testid="person-search">
          {t.caseList.personSubmit}
        </button>
        {searching && (
          <button type="button" class="button" data-testid="person-clear" onClick={clear}>
            {t.caseList.personClear}
          </button>
        )}
      </div>
    </form>
  );
}

function FilterForm({ initial, sort }: { initial: FilterValues; sort: string | undefined }) {
  const { t } = useApp();
  const [values, setValues] = useState<FilterValues>(initial);
  const set = (key: FilterKey) => (event: Event) =>
    setValues({ ...values, [key]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });

  const submit = (event: Event) => {
    event.preventDefault();
    location.hash = hrefOf({ name: 'cases', query: { ...values, ...(sort ? { sort } : {}) } });
  };

  const select = (key: FilterKey, label: string, options: { value: string; label: string }[]) => (
    <div class="field">
      <label for={`filter-${key}`}>{label}</label>
      <select id={`filter-${key}`} data-testid={`filter-${key}`} value={values[key]} onChange={set(key)}>
        <option value="">{t.common.any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form class="card filter-form" data-testid="case-filter" onSubmit={submit} aria-labelledby="filter-title">
      <h2 id="filter-title">{t.caseList.filterTitle}</h2>
      <div class="filter-grid">
        {select(
          'status',
          t.columns.status,
          CaseStatus.options.map((status) => ({ value: status, label: statusLabel(t, status) })),
        )}
        {select(
          'track',
          t.columns.track,
          CaseTrack.options.map((track) => ({ value: track, label: trackLabel(t, track) })),
        )}
        {select(
          'homeOblast',
          t.columns.homeOblast,
          UKRAINIAN_REGIONS.map((oblast) => ({ value: oblast, label: oblast })),
        )}
        {select('interviewPriority', t.columns.interviewPriority, [
          { value: 'true', label: t.common.yes },
          { value: 'false', label: t.common.no },
        ])}
        <div class="field">
          <label for="filter-deadlineBefore">{t.caseList.deadlineBefore}</label>
          <input
            id="filter-deadlineBefore"
            data-testid="filter-deadlineBefore"
            type="date"
            value={values.deadlineBefore}
            onInput={set('deadlineBefore')}
          />
        </div>
        {select(
          'workItem',
          t.caseList.workItem,
          WorkItem.options.map((workItem) => ({ value: workItem, label: valueLabel(t, workItem) })),
        )}
        <Field
          id="filter-dublinRequestDueBefore"
          label={t.caseList.dublinRequestDueBefore}
          hint={t.caseList.dublinRequestDueNote}
        >
          <input
            id="filter-dublinRequestDueBefore"
            data-testid="filter-dublinRequestDueBefore"
            type="date"
            value={values.dublinRequestDueBefore}
            onInput={set('dublinRequestDueBefore')}
            aria-describedby={describedByOf('filter-dublinRequestDueBefore', { hint: true })}
          />
        </Field>
      </div>
      <div class="form-actions">
        <button type="submit" class="button primary">
          {t.caseList.apply}
        </button>
        <a class="button" href={hrefOf({ name: 'cases', query: {} })}>
          {t.caseList.reset}
        </a>
      </div>
    </form>
  );
}

function OpenCaseForm() {
  const { t } = useApp();
  const [duf, setDuf] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const value = duf.replace(/\s+/g, '');
    if (!/^\d{12}$/.test(value)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    location.hash = caseHref(value);
  };
  return (
    <form
      class="card open-case"
      data-testid="open-case-form"
      onSubmit={submit}
      aria-labelledby="open-title"
      noValidate
    >
      <h2 id="open-title">{t.caseList.openTitle}</h2>
      <Field id="open-duf" label={t.caseList.openDuf} error={invalid ? t.caseList.openInvalid : undefined}>
        <input
          id="open-duf"
          data-testid="open-case-duf"
          inputMode="numeric"
          autoComplete="off"
          value={duf}
          onInput={(event) => setDuf((event.currentTarget as HTMLInputElement).value)}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedByOf('open-duf', { error: invalid })}
        />
      </Field>
      <div class="form-actions">
        <button type="submit" class="button">
          {t.caseList.openSubmit}
        </button>
      </div>
    </form>
  );
}

function CaseResults({
  filter,
  sort,
  onSort,
}: {
  filter: CaseFilter;
  sort: string | undefined;
  onSort: (sort: string) => void;
}) {
  const { t, api } = useApp();
  // A new filter mounts a new list (its key is the query), so the filter is not among the dependencies.
  return (
    <PagedCases
      load={(pageToken) => api.listCases(filter, pageToken)}
      deps={[api]}
      titleId="results-title"
      testId="case-list"
      empty={t.caseList.empty}
      showTotal
    >
      {(items) => (
        <CaseTable
          items={items}
          caption={<span class="visually-hidden">{t.caseList.title}</span>}
          columns={[
            'name',
            'lodgedAt',
            'status',
            'track',
            'workItems',
            'homeOblast',
            'interviewPriority',
            'nextDeadline',
            'startedAt',
          ]}
          testId="case-list-table"
          sorting={{ sort, onSort }}
        />
      )}
    </PagedCases>
  );
}
