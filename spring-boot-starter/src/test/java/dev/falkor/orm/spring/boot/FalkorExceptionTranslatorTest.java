package dev.falkor.orm.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.falkor.orm.api.AuthenticationException;
import dev.falkor.orm.api.BulkWriteException;
import dev.falkor.orm.api.CommitException;
import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.api.ConnectionException;
import dev.falkor.orm.api.ConstraintViolationException;
import dev.falkor.orm.api.FalkorOrmException;
import dev.falkor.orm.api.GraphNotFoundException;
import dev.falkor.orm.api.IncorrectResultSizeException;
import dev.falkor.orm.api.InvalidEntityException;
import dev.falkor.orm.api.InvalidParameterException;
import dev.falkor.orm.api.InvalidQueryException;
import dev.falkor.orm.api.LazyLoadingException;
import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.OptimisticLockException;
import dev.falkor.orm.api.PermissionDeniedException;
import dev.falkor.orm.api.PoolExhaustedException;
import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.api.QuerySyntaxException;
import dev.falkor.orm.api.QueryTimeoutException;
import dev.falkor.orm.api.ResponseTimeoutException;
import dev.falkor.orm.api.TlsHandshakeException;
import dev.falkor.orm.api.ValueConversionException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.TypeMismatchDataAccessException;

/** Every exception of the api module, translated. */
class FalkorExceptionTranslatorTest {
    private static final List<String> P = List.of();
    private final FalkorExceptionTranslator translator = new FalkorExceptionTranslator();

    static Stream<Arguments> mapping() {
        ConstraintViolationException unique = new ConstraintViolationException(
                "Cannot save: another node already has the same value of unique property a.B.email", "g", "q", P, null);
        return Stream.of(
                Arguments.of(unique, DuplicateKeyException.class),
                Arguments.of(new ConstraintViolationException("Cannot save: mandatory property a.B.c is missing (null)",
                        "g", "q", P, null), DataIntegrityViolationException.class),
                Arguments.of(new OptimisticLockException("stale", "a.B", 1), OptimisticLockingFailureException.class),
                Arguments.of(new QueryTimeoutException("timed out", "g", "q", P, null),
                        org.springframework.dao.QueryTimeoutException.class),
                Arguments.of(new ResponseTimeoutException("no reply", ConnectionException.Outcome.UNKNOWN,
                        Duration.ofSeconds(1), null), org.springframework.dao.QueryTimeoutException.class),
                Arguments.of(new PoolExhaustedException("busy", Duration.ofSeconds(1), 4, null),
                        TransientDataAccessResourceException.class),
                Arguments.of(new ConnectionException("refused", null), DataAccessResourceFailureException.class),
                Arguments.of(new AuthenticationException("WRONGPASS", null), DataAccessResourceFailureException.class),
                Arguments.of(new TlsHandshakeException("untrusted", TlsHandshakeException.Reason.UNTRUSTED_CERTIFICATE,
                        null), DataAccessResourceFailureException.class),
                Arguments.of(new PermissionDeniedException("NOPERM", "g", "q", P, null),
                        PermissionDeniedDataAccessException.class),
                Arguments.of(new QuerySyntaxException("syntax", "g", "q", P, null),
                        InvalidDataAccessResourceUsageException.class),
                Arguments.of(new GraphNotFoundException("no graph", "g", "q", P, null),
                        InvalidDataAccessResourceUsageException.class),
                Arguments.of(new InvalidQueryException("NUL"), InvalidDataAccessApiUsageException.class),
                Arguments.of(new InvalidParameterException("p", "too deep"), InvalidDataAccessApiUsageException.class),
                Arguments.of(new InvalidEntityException("bad"), InvalidDataAccessApiUsageException.class),
                Arguments.of(new MappingException("unmappable"), InvalidDataAccessApiUsageException.class),
                Arguments.of(new ConfigurationException("bad setting"), InvalidDataAccessApiUsageException.class),
                Arguments.of(new IncorrectResultSizeException("two", 1, 2), IncorrectResultSizeDataAccessException.class),
                Arguments.of(new ValueConversionException("not a date", null), TypeMismatchDataAccessException.class),
                Arguments.of(new LazyLoadingException("closed", null), DataRetrievalFailureException.class),
                Arguments.of(new BulkWriteException("chunk 2", 2, 2000, unique), DuplicateKeyException.class),
                Arguments.of(new BulkWriteException("chunk 0", 0, 0, new IllegalStateException("x")),
                        UncategorizedFalkorOrmException.class),
                Arguments.of(new CommitException("commit", true, new ConnectionException("reset", null)),
                        DataAccessResourceFailureException.class),
                Arguments.of(new QueryException("other server error", "g", "q", P),
                        UncategorizedFalkorOrmException.class),
                Arguments.of(new FalkorOrmException("anything else"), UncategorizedFalkorOrmException.class));
    }

    @ParameterizedTest
    @MethodSource("mapping")
    void translatesKeepingTheOriginalAsCause(FalkorOrmException original, Class<? extends DataAccessException> expected) {
        DataAccessException translated = translator.translateExceptionIfPossible(original);
        assertEquals(expected, translated.getClass());
        assertSame(original, translated.getCause());
        assertEquals(original.getMessage(), translated.getMessage());
    }

    @Test
    void incorrectResultSizeKeepsTheSizes() {
        IncorrectResultSizeDataAccessException e = (IncorrectResultSizeDataAccessException) translator
                .translateExceptionIfPossible(new IncorrectResultSizeException("three", 1, 3));
        assertEquals(1, e.getExpectedSize());
        assertEquals(3, e.getActualSize());
    }

    @Test
    void otherExceptionsAreNotTranslated() {
        assertNull(translator.translateExceptionIfPossible(new IllegalArgumentException("unknown sort property")));
        assertNull(translator.translateExceptionIfPossible(new IllegalStateException("session")));
    }
}
