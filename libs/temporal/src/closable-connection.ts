import { InterceptingCall, Metadata, status, type Interceptor } from '@grpc/grpc-js';
import {
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
} from '@temporalio/client';

/**
 * A client connection whose `close()` leaves no retry behind. The SDK's retry interceptor schedules each retry with a
 * timer that `Connection.close()` does not clear; one that fires afterwards throws "Channel has been shut down"
 * inside the timer, out of reach of any catch, and ends the process (or fails a test suite that stopped its system
 * while a call was retrying, as this repository's did under load). Here no retry is scheduled once the connection
 * closes, and one already scheduled ends as CANCELLED without touching the closed channel.
 */
export async function connectClosable(options: ConnectionOptions): Promise<Connection> {
  const state = { closed: false };
  const retry = defaultGrpcRetryOptions();
  const connection = await Connection.connect({
    ...options,
    interceptors: [
      makeGrpcRetryInterceptor({
        ...retry,
        retryableDecider: (attempt, received) => !state.closed && retry.retryableDecider(attempt, received),
      }),
      refusedOnceClosed(state),
    ],
  });
  const close = connection.close.bind(connection);
  connection.close = async () => {
    state.closed = true;
    await close();
  };
  return connection;
}

/** Below the retry interceptor: a call made after the close is answered CANCELLED here, not by the channel. */
function refusedOnceClosed(state: { closed: boolean }): Interceptor {
  return (options, nextCall) => (state.closed ? cancelledCall() : new InterceptingCall(nextCall(options)));
}

/** The call the channel would have made, as the interceptors below the retry see it. */
type CallBelow = ConstructorParameters<typeof InterceptingCall>[0];

function cancelledCall(): InterceptingCall {
  const standIn: CallBelow = {
    start(_metadata, listener) {
      setImmediate(() => {
        // As grpc-js's own unary call does for a call that failed: an empty message before the status. The SDK's
        // retry interceptor keeps the first attempt's message callback and calls it on the final status; without a
        // message it has none, and throws "savedMessageNext is not a function" out of a timer, ending the process.
        listener?.onReceiveMessage?.(null);
        listener?.onReceiveStatus?.({
          code: status.CANCELLED,
          details: 'the connection to Temporal is closed',
          metadata: new Metadata(),
        });
      });
    },
    cancelWithStatus: () => undefined,
    getPeer: () => '',
    sendMessageWithContext: () => undefined,
    sendMessage: () => undefined,
    startRead: () => undefined,
    halfClose: () => undefined,
    getAuthContext: () => null,
  };
  return new InterceptingCall(standIn);
}
