package dev.falkor.orm.spi.observe;

/** How one repository method call ended; exactly one method is called, once. */
public interface InvocationObservation {

    /** An observation that records nothing. */
    InvocationObservation NONE = new InvocationObservation() {
        @Override
        public void succeeded() {
        }

        @Override
        public void failed(Throwable error) {
        }
    };

    /** The call returned (or its future completed) normally. */
    void succeeded();

    /**
     * The call threw (or its future failed).
     *
     * @param error the exception the caller gets
     */
    void failed(Throwable error);

    /**
     * Makes this observation the current one on the calling thread until the returned scope is
     * closed, so that statements the call sends on this thread are seen as its children (tracing).
     *
     * @return the scope to close; by default one that does nothing
     */
    default AutoCloseable openScope() {
        return () -> { };
    }
}
