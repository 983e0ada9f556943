package dev.falkor.orm.spi.observe;

import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.cache.ResultCache;

/**
 * Hears of the mapper's work: each statement sent to the server (after the result cache: a cache
 * hit sends none) and each repository method call. Methods are called on the caller's thread,
 * or for asynchronous calls on the thread that completes them, and must not block or throw; a
 * throwing observer is logged and ignored, never failing the user's call.
 */
public interface OrmObserver {

    /**
     * A statement is about to be sent.
     *
     * @param statement what is sent (the Cypher text carries no values: those are parameters)
     * @return told how the statement ended, exactly once
     */
    StatementObservation statementStarted(StatementEvent statement);

    /**
     * A repository method was called.
     *
     * @param repository the repository interface
     * @param method the method's name
     * @return told how the call ended (for a method returning a future: when the future completes), exactly once
     */
    default InvocationObservation invocationStarted(Class<?> repository, String method) {
        return InvocationObservation.NONE;
    }

    /**
     * Called once when a mapper using this observer is built, with what it can report on
     * (pool figures, cache statistics); an implementation may register gauges here. Several
     * mappers, even on one graph, may share one observer: each gets its own registration.
     *
     * @param graph the mapper's graph
     * @param transport the mapper's transport (see {@link Transport#poolStatistics()})
     * @param cache the mapper's result cache, or null
     * @return told when that mapper is closed (gauges registered for it should go then); by
     *         default one that does nothing
     */
    default Registration mapperStarted(String graph, Transport transport, ResultCache cache) {
        return Registration.NONE;
    }

    /** A mapper's registration with an observer, ended when the mapper closes. */
    @FunctionalInterface
    interface Registration {
        /** A registration with nothing to end. */
        Registration NONE = () -> { };

        /** The mapper was closed (called once). */
        void mapperClosed();
    }
}
