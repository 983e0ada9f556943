package dev.falkor.orm.spi.observe;

/** How one statement ended; exactly one method is called, once. */
public interface StatementObservation {

    /**
     * The server answered.
     *
     * @param rows the number of rows it returned
     */
    void succeeded(int rows);

    /**
     * The statement failed (an error reply, a timeout, a lost connection, a cancelled call).
     *
     * @param error the exception the caller gets
     */
    void failed(Throwable error);
}
