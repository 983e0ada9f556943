package dev.falkor.orm.spring.boot;

import dev.falkor.orm.spring.boot.internal.FalkorRepositoriesRegistrar;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Registers every interface in the given packages that extends {@link dev.falkor.orm.api.Repository}
 * or {@link dev.falkor.orm.api.AsyncRepository} as a bean, created with
 * {@code FalkorOrm.repository(type)} or {@code asyncRepository(type)} and wrapped so that its
 * exceptions arrive translated by {@link FalkorExceptionTranslator}. Interfaces that declare type
 * parameters of their own (base interfaces such as {@code interface Base<T> extends Repository<T, Long>})
 * are skipped.
 *
 * <p>Without this annotation the auto-configuration scans the application's packages (those of
 * {@code @SpringBootApplication}); with it, only the packages named here are scanned (by default the
 * package of the annotated class).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(FalkorRepositoriesRegistrar.class)
public @interface EnableFalkorRepositories {

    /**
     * Packages to scan; alias of {@link #basePackages()}.
     *
     * @return package names
     */
    String[] value() default {};

    /**
     * Packages to scan, with their sub-packages.
     *
     * @return package names
     */
    String[] basePackages() default {};

    /**
     * Classes whose packages are scanned: a type-safe alternative to {@link #basePackages()}.
     *
     * @return marker classes
     */
    Class<?>[] basePackageClasses() default {};
}
