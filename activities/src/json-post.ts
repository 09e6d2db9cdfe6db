import { configurationError } from './configuration-error';

/** Long enough for a slow receiver, short enough that a hung one is retried well inside an activity timeout. */
const REQUEST_TIMEOUT_MS = 30_000;

/** A configured endpoint URL, or a ConfigurationError naming the port: a typo there is not worth retrying. */
export function endpointUrl(raw: string, port: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configurationError(`${port}: the endpoint URL is malformed`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configurationError(`${port}: the endpoint URL must be http(s), not ${url.protocol}`);
  }
  return url;
}

/** A receiver's answer is read only when it says it is JSON, and only so far: it is a courtesy, not the delivery. */
const ANSWER_LIMIT = 64 * 1024;

/**
 * The parsed JSON body of a 2xx answer, or undefined when there is none, it is not JSON, or it is too long to be
 * an answer. The delivery stands either way: the receiver has accepted it.
 */
async function answerOf(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  const length = Number(response.headers.get('content-length') ?? 0);
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type) || length > ANSWER_LIMIT) {
    await response.body?.cancel();
    return undefined;
  }
  try {
    const text = await response.text();
    return text.length > ANSWER_LIMIT ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/**
 * POSTs a JSON body and sorts the outcome for Temporal's retry policy: 2xx is delivered; 408, 429, 5xx and
 * network errors are transient (a plain Error, retried); any other status means the request itself or the
 * configuration is wrong and will fail again identically, so it is a non-retryable ConfigurationError. A 2xx
 * answer's JSON body, if any, comes back as `answer`.
 */
export async function postJson(
  port: string,
  url: URL,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; answer?: unknown }> {
  // Error messages name the endpoint without credentials or query, which may carry secrets.
  const where = `${url.origin}${url.pathname}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
      // A redirected POST may be replayed as a GET elsewhere; a moved endpoint is a configuration matter.
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause : error) : undefined;
    throw new Error(`${port}: POST ${where} failed: ${cause?.message ?? String(error)}`, { cause: error });
  }
  const status = response.status;
  if (status >= 200 && status < 300) return { status, answer: await answerOf(response) };
  const detail = (await response.text().catch(() => '')).slice(0, 500);
  const message = `${port}: POST ${where} answered ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) throw new Error(message);
  throw configurationError(message);
}
