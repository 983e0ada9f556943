package dev.falkor.orm.spring.boot;

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
import dev.falkor.orm.api.QuerySyntaxException;
import dev.falkor.orm.api.QueryTimeoutException;
import dev.falkor.orm.api.ResponseTimeoutException;
import dev.falkor.orm.api.TlsHandshakeException;
import dev.falkor.orm.api.ValueConversionException;
import java.util.Locale;
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
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Translates Falkor ORM's exceptions ({@link FalkorOrmException} and its subtypes) into Spring's
 * {@link DataAccessException} hierarchy; the original is always the cause, so its details
 * ({@code ConnectionException.outcome()}, {@code BulkWriteException.entitiesWritten()}, ...) stay at hand.
 * Other exceptions are not translated ({@code null}).
 *
 * <table>
 *   <caption>Translation</caption>
 *   <tr><th>Falkor ORM</th><th>Spring</th></tr>
 *   <tr><td>{@code ConstraintViolationException} of a unique constraint</td><td>{@link DuplicateKeyException}</td></tr>
 *   <tr><td>{@code ConstraintViolationException} (mandatory property)</td><td>{@link DataIntegrityViolationException}</td></tr>
 *   <tr><td>{@code OptimisticLockException}</td><td>{@link OptimisticLockingFailureException}</td></tr>
 *   <tr><td>{@code QueryTimeoutException}, {@code ResponseTimeoutException}</td><td>{@link org.springframework.dao.QueryTimeoutException}</td></tr>
 *   <tr><td>{@code PoolExhaustedException}</td><td>{@link TransientDataAccessResourceException}</td></tr>
 *   <tr><td>{@code ConnectionException}, {@code AuthenticationException}, {@code TlsHandshakeException}</td><td>{@link DataAccessResourceFailureException}</td></tr>
 *   <tr><td>{@code PermissionDeniedException}</td><td>{@link PermissionDeniedDataAccessException}</td></tr>
 *   <tr><td>{@code QuerySyntaxException}, {@code GraphNotFoundException}</td><td>{@link InvalidDataAccessResourceUsageException}</td></tr>
 *   <tr><td>{@code InvalidQueryException}, {@code InvalidParameterException}, {@code InvalidEntityException},
 *       {@code MappingException}, {@code ConfigurationException}</td><td>{@link InvalidDataAccessApiUsageException}</td></tr>
 *   <tr><td>{@code IncorrectResultSizeException}</td><td>{@link IncorrectResultSizeDataAccessException}</td></tr>
 *   <tr><td>{@code ValueConversionException}</td><td>{@link TypeMismatchDataAccessException}</td></tr>
 *   <tr><td>{@code LazyLoadingException}</td><td>{@link DataRetrievalFailureException}</td></tr>
 *   <tr><td>{@code BulkWriteException}, {@code CommitException}</td><td>the translation of their cause
 *       (with the original, not the cause, as cause); {@link UncategorizedFalkorOrmException} if it has none</td></tr>
 *   <tr><td>any other {@code FalkorOrmException} (a {@code QueryException} the server raised for another reason)</td>
 *       <td>{@link UncategorizedFalkorOrmException}</td></tr>
 * </table>
 */
public class FalkorExceptionTranslator implements PersistenceExceptionTranslator {

    /** Creates the translator. */
    public FalkorExceptionTranslator() {
    }

    /**
     * Translates a Falkor ORM exception.
     *
     * @param ex the exception thrown by the mapper
     * @return the Spring exception with {@code ex} as its cause, or {@code null} if {@code ex} is not a
     *         {@link FalkorOrmException}
     */
    @Override
    public DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        if (!(ex instanceof FalkorOrmException orm)) {
            return null;
        }
        return translate(orm, orm);
    }

    /** The Spring type chosen by {@code kind}, carrying {@code original} as its cause. */
    private static DataAccessException translate(FalkorOrmException kind, FalkorOrmException original) {
        String message = original.getMessage();
        if (kind instanceof ConstraintViolationException) {
            String lower = String.valueOf(kind.getMessage()).toLowerCase(Locale.ROOT);
            return lower.contains("unique") ? new DuplicateKeyException(message, original)
                    : new DataIntegrityViolationException(message, original);
        }
        if (kind instanceof OptimisticLockException) {
            return new OptimisticLockingFailureException(message, original);
        }
        if (kind instanceof QueryTimeoutException || kind instanceof ResponseTimeoutException) {
            return new org.springframework.dao.QueryTimeoutException(message, original);
        }
        if (kind instanceof PoolExhaustedException) {
            return new TransientDataAccessResourceException(message, original);
        }
        if (kind instanceof AuthenticationException || kind instanceof TlsHandshakeException
                || kind instanceof ConnectionException) {
            return new DataAccessResourceFailureException(message, original);
        }
        if (kind instanceof PermissionDeniedException) {
            return new PermissionDeniedDataAccessException(message, original);
        }
        if (kind instanceof QuerySyntaxException || kind instanceof GraphNotFoundException) {
            return new InvalidDataAccessResourceUsageException(message, original);
        }
        if (kind instanceof InvalidQueryException || kind instanceof InvalidParameterException
                || kind instanceof InvalidEntityException || kind instanceof MappingException
                || kind instanceof ConfigurationException) {
            return new InvalidDataAccessApiUsageException(message, original);
        }
        if (kind instanceof IncorrectResultSizeException size) {
            return new IncorrectResultSizeDataAccessException(message, size.expected(), size.actual(), original);
        }
        if (kind instanceof ValueConversionException) {
            return new TypeMismatchDataAccessException(message, original);
        }
        if (kind instanceof LazyLoadingException) {
            return new DataRetrievalFailureException(message, original);
        }
        if ((kind instanceof BulkWriteException || kind instanceof CommitException)
                && kind.getCause() instanceof FalkorOrmException cause && cause != kind) {
            return translate(cause, original);
        }
        return new UncategorizedFalkorOrmException(message, original);
    }
}
