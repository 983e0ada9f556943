package dev.falkor.orm.spring.boot;

import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.core.RetryPolicy;
import dev.falkor.orm.spi.Transport;
import dev.falkor.orm.spi.TransportConfig;
import dev.falkor.orm.spring.boot.internal.AutoConfiguredRepositoriesRegistrar;
import dev.falkor.orm.spring.boot.internal.EmbeddedServerConfiguration;
import dev.falkor.orm.spring.boot.internal.EmbeddedServerUrl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of Falkor ORM: a {@link TransportConfig} and a {@link FalkorOrm} from
 * {@link FalkorOrmProperties} ({@code falkor.orm.*}), a {@link FalkorExceptionTranslator}, the
 * repository interfaces of the application's packages as beans (unless
 * {@link EnableFalkorRepositories} names others), and with {@code falkor.orm.embedded.enabled=true} an
 * embedded server to connect to.
 *
 * <p>A {@code FalkorOrm} bean of the application's own replaces the auto-configured one; a
 * {@code TransportConfig} bean replaces the connection properties; a {@link Transport} bean is used
 * (and not closed) instead of one the mapper opens; {@link FalkorOrmBuilderCustomizer} beans adjust the
 * builder. The mapper is closed with the context.
 */
@AutoConfiguration
@ConditionalOnClass(FalkorOrm.class)
@EnableConfigurationProperties(FalkorOrmProperties.class)
@Import(EmbeddedServerConfiguration.class)
public class FalkorOrmAutoConfiguration {

    /** Called by Spring. */
    public FalkorOrmAutoConfiguration() {
    }

    /**
     * Connection settings from the properties, or the embedded server's URL when one was started.
     *
     * @param properties the {@code falkor.orm.*} properties
     * @param embedded   the embedded server's URL, if {@code falkor.orm.embedded.enabled}
     * @return the transport configuration
     */
    @Bean
    @ConditionalOnMissingBean
    public TransportConfig falkorTransportConfig(FalkorOrmProperties properties,
            ObjectProvider<EmbeddedServerUrl> embedded) {
        EmbeddedServerUrl server = embedded.getIfAvailable();
        TransportConfig.Builder builder = TransportConfig.builder()
                .url(server != null ? server.url() : properties.getUrl());
        if (server == null && properties.getUsername() != null) {
            builder.username(properties.getUsername());
        }
        if (server == null && properties.getPassword() != null) {
            builder.password(properties.getPassword());
        }
        builder.poolSize(properties.getPoolSize())
                .connections(properties.getConnections())
                .connectTimeout(properties.getConnectTimeout())
                .socketTimeout(properties.getSocketTimeout())
                .poolWaitTimeout(properties.getPoolWaitTimeout())
                .defaultQueryTimeout(properties.getQueryTimeout())
                .queryTimeoutGrace(properties.getQueryTimeoutGrace());
        return builder.build();
    }

    /**
     * The mapper, closed with the context.
     *
     * @param properties  the {@code falkor.orm.*} properties
     * @param config      the connection settings
     * @param transport   a transport bean of the application's, if any: used instead of opening one
     * @param customizers builder customizers, applied in order after the properties
     * @return the mapper
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public FalkorOrm falkorOrm(FalkorOrmProperties properties, TransportConfig config,
            ObjectProvider<Transport> transport, ObjectProvider<FalkorOrmBuilderCustomizer> customizers) {
        if (properties.getGraph() == null || properties.getGraph().isBlank()) {
            throw new dev.falkor.orm.api.ConfigurationException(
                    "Set the graph Falkor ORM maps to with the property falkor.orm.graph");
        }
        FalkorOrm.Builder builder = FalkorOrm.builder()
                .graph(properties.getGraph())
                .transportConfig(config)
                .schemaMode(properties.getSchemaMode());
        Transport shared = transport.getIfUnique();
        if (shared != null) {
            builder.transport(shared);
        }
        if (properties.getTransport() != null && !properties.getTransport().isBlank()) {
            builder.transportProvider(properties.getTransport().trim());
        }
        if (properties.getCache() != null && !properties.getCache().isBlank()) {
            builder.cache(properties.getCache().trim());
        }
        if (properties.getCacheTtl() != null) {
            builder.cacheTtl(properties.getCacheTtl());
        }
        if (properties.getBatchWriter() != null && !properties.getBatchWriter().isBlank()) {
            builder.batchWriter(properties.getBatchWriter().trim());
        }
        if (properties.getBatchSize() != null) {
            builder.batchSize(properties.getBatchSize());
        }
        if (properties.getRetry().getMaxAttempts() > 1) {
            builder.retryPolicy(RetryPolicy.attempts(properties.getRetry().getMaxAttempts(),
                    properties.getRetry().getBackoff()));
        }
        List<Class<?>> entities = entities(properties.getEntityPackages());
        if (!entities.isEmpty()) {
            builder.entities(entities.toArray(new Class<?>[0]));
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /**
     * The translator of the mapper's exceptions into {@code DataAccessException}s, used by the
     * repository beans (and by Spring's {@code PersistenceExceptionTranslationPostProcessor}, where one
     * is registered, for {@code @Repository} classes of the application's).
     *
     * @return the translator
     */
    @Bean
    @ConditionalOnMissingBean
    public FalkorExceptionTranslator falkorExceptionTranslator() {
        return new FalkorExceptionTranslator();
    }

    private static List<Class<?>> entities(List<String> packages) {
        if (packages == null || packages.isEmpty()) {
            return List.of();
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Node.class));
        Set<String> names = new LinkedHashSet<>();
        for (String pkg : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg.trim())) {
                names.add(candidate.getBeanClassName());
            }
        }
        List<Class<?>> types = new ArrayList<>();
        ClassLoader loader = FalkorOrmAutoConfiguration.class.getClassLoader();
        for (String name : names) {
            types.add(ClassUtils.resolveClassName(name, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : loader));
        }
        return types;
    }

    /**
     * Registers the repository interfaces of the application's packages, unless
     * {@link EnableFalkorRepositories} is present or {@code falkor.orm.repositories.enabled=false}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "falkor.orm.repositories", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    @Import(AutoConfiguredRepositoriesRegistrar.class)
    public static class RepositoriesConfiguration {

        /** Called by Spring. */
        public RepositoriesConfiguration() {
        }
    }
}
