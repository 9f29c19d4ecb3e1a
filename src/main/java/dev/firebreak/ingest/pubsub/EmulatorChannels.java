package dev.firebreak.ingest.pubsub;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;

/**
 * The plaintext gRPC channel to a Pub/Sub emulator (no TLS, no credentials), with a workaround for the emulator's
 * broken stream cancellation.
 */
final class EmulatorChannels {
    private static final String STREAMING_PULL = "google.pubsub.v1.Subscriber/StreamingPull";

    private EmulatorChannels() {
    }

    /** A channel to {@code host:port}; the caller shuts it down. */
    static ManagedChannel plaintext(String hostPort) {
        return ManagedChannelBuilder.forTarget(hostPort).usePlaintext().intercept(new HalfCloseStreamingPull()).build();
    }

    /**
     * The emulator (gcloud 0.8.20) cannot process a client's RST_STREAM (a NoSuchMethodError in its bundled gRPC), so a
     * cancelled streaming pull stays registered and keeps taking messages that nobody receives, for minutes; every
     * subscriber stop or restart would strand messages. Ending the stream with a half-close instead lets the emulator
     * close it properly. Only the first cancel is turned into a half-close; the real Pub/Sub never sees this.
     */
    static final class HalfCloseStreamingPull implements ClientInterceptor {
        @Override
        public <Q, P> ClientCall<Q, P> interceptCall(MethodDescriptor<Q, P> method, CallOptions options, Channel next) {
            ClientCall<Q, P> call = next.newCall(method, options);
            if (!STREAMING_PULL.equals(method.getFullMethodName())) {
                return call;
            }
            return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
                private boolean halfClosed;

                @Override
                public void cancel(String message, Throwable cause) {
                    synchronized (this) {
                        if (!halfClosed) {
                            halfClosed = true;
                            try {
                                super.halfClose();
                                return;
                            } catch (IllegalStateException notStartedOrClosed) {
                                // fall through to a real cancel
                            }
                        }
                    }
                    super.cancel(message, cause);
                }
            };
        }
    }
}
