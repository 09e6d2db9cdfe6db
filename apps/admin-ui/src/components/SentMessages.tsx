import { useEffect, useRef } from 'preact/hooks';
import type { CaseNotice } from '../domain';
import { useApp } from '../context';
import { errorText, useAsync } from '../hooks';
import { valueLabel, type Messages } from '../i18n';
import { formatDateTime } from '../oslo-time';
import { ErrorMessage, Loading, Section } from './common';

const DELIVERY_TONES: Record<CaseNotice['delivery'], string> = {
  delivered: 'tone-granted',
  failed: 'tone-alert',
  pending: 'tone-waiting',
  'not-recorded': 'tone-ended',
};

/** How often, and how many times, the section looks again while a notice is still being sent. */
const PENDING_RECHECK_MS = 2_000;
const PENDING_RECHECKS = 15;

/**
 * What the applicant was told (issue 15, point 6): each letter, e-mail and SMS with its channel, language, time,
 * delivery and text, from the case's record rather than the outbox folder. `recordVersion` changes when the case's
 * record does (a command went through), so a notice it called for shows up; one still being sent is looked at again
 * a few times, since the worker delivers it after the command has answered.
 */
export function SentMessages({ dufNumber, recordVersion }: { dufNumber: string; recordVersion: number }) {
  const { t, api } = useApp();
  const [notices, reload] = useAsync(() => api.caseMessages(dufNumber), [api, dufNumber, recordVersion]);
  const rechecks = useRef(0);
  useEffect(() => {
    rechecks.current = 0;
  }, [dufNumber, recordVersion]);
  const pending =
    notices.status === 'done' && notices.data.items.some((notice) => notice.delivery === 'pending');
  useEffect(() => {
    if (!pending || rechecks.current >= PENDING_RECHECKS) return;
    rechecks.current += 1;
    const timer = setTimeout(reload, PENDING_RECHECK_MS);
    return () => clearTimeout(timer);
  }, [notices]);

  return (
    <Section id="sent-messages-title" title={t.sentMessages.title} testId="sent-messages" wide>
      {notices.status === 'loading' && <Loading />}
      {notices.status === 'error' && (
        <ErrorMessage onRetry={reload}>
          {t.sentMessages.loadFailed} {errorText(t, notices.error)}
        </ErrorMessage>
      )}
      {notices.status === 'done' && notices.data.items.length === 0 && (
        <p class="muted" data-testid="sent-messages-none">
          {t.sentMessages.none}
        </p>
      )}
      {notices.status === 'done' && notices.data.items.length > 0 && (
        <ol class="sent-messages" data-testid="sent-messages-list">
          {/* Newest first: the latest message is the one a caseworker is most often asked about. */}
          {[...notices.data.items].reverse().map((notice) => (
            <NoticeItem key={`${notice.causedBySeq}-${notice.template}`} notice={notice} />
          ))}
        </ol>
      )}
    </Section>
  );
}

function NoticeItem({ notice }: { notice: CaseNotice }) {
  const { t } = useApp();
  const testId = `notice-${notice.causedBySeq}-${notice.template}`;
  return (
    <li data-testid={testId} data-delivery={notice.delivery} data-text-source={notice.textSource}>
      <div class="event-head">
        <strong>{valueLabel(t, notice.template)}</strong>
        <span class={`badge ${DELIVERY_TONES[notice.delivery]}`} data-testid={`${testId}-delivery`}>
          {t.sentMessages.delivery[notice.delivery]}
        </span>
        <span class="muted">{t.sentMessages.inLanguage(valueLabel(t, notice.language))}</span>
        <time dateTime={notice.settledAt ?? notice.calledForAt}>{deliveryTime(t, notice)}</time>
      </div>
      {notice.error && <p class="muted small">{t.sentMessages.error(notice.error)}</p>}
      {notice.textSource === 're-rendered' && (
        <p class="muted small" data-testid={`${testId}-re-rendered`}>
          {notice.delivery === 'failed' ? t.sentMessages.notSent : t.sentMessages.reRendered}
        </p>
      )}
      {notice.textSource === 'unavailable' && <p class="muted small">{t.sentMessages.unavailable}</p>}
      {notice.messages.map((message, index) => (
        <details key={index} class="sent-message" data-testid={`${testId}-${message.channel}`}>
          <summary>
            <strong>{valueLabel(t, message.channel)}</strong> {t.sentMessages.showText}
            <span class="muted">
              {' · '}
              {message.to}
              {message.subject ? ` · ${message.subject}` : ''}
            </span>
          </summary>
          <p class="message-text" lang={message.language} data-testid={`${testId}-${message.channel}-text`}>
            {message.text}
          </p>
          {message.attachments && message.attachments.length > 0 && (
            <p class="muted small">{t.sentMessages.attachments(message.attachments.join(', '))}</p>
          )}
        </details>
      ))}
    </li>
  );
}

/** The time that matters for where the notice stands, in Oslo time. */
function deliveryTime(t: Messages, notice: CaseNotice): string {
  switch (notice.delivery) {
    case 'delivered':
      return t.sentMessages.deliveredAt(formatDateTime(notice.settledAt ?? notice.calledForAt, t.locale));
    case 'failed':
      return t.sentMessages.failedAt(formatDateTime(notice.settledAt ?? notice.calledForAt, t.locale));
    case 'pending':
      return t.sentMessages.pendingSince(formatDateTime(notice.calledForAt, t.locale));
    case 'not-recorded':
      return t.sentMessages.notRecorded(formatDateTime(notice.calledForAt, t.locale));
  }
}
