package dev.falkor.orm.spring.boot.internal;

import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import dev.falkor.orm.spring.boot.FalkorOrmProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code falkor.orm.embedded.enabled=true}: starts an {@link EmbeddedFalkorDB} with the context and stops
 * it when the context closes (after the mapper, which depends on it). Imported by the
 * auto-configuration; not API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.falkor.orm.embedded.EmbeddedFalkorDB")
@ConditionalOnProperty(prefix = "falkor.orm.embedded", name = "enabled", havingValue = "true")
public class EmbeddedServerConfiguration {

    /** Called by Spring. */
    public EmbeddedServerConfiguration() {
    }

    /**
     * The embedded server.
     *
     * @param properties the {@code falkor.orm.embedded.*} settings
     * @return the running server
     */
    @Bean(destroyMethod = "stop")
    @ConditionalOnMissingBean
    public EmbeddedFalkorDB falkorEmbeddedServer(FalkorOrmProperties properties) {
        FalkorOrmProperties.Embedded settings = properties.getEmbedded();
        EmbeddedFalkorDB.Builder builder = EmbeddedFalkorDB.builder().startupTimeout(settings.getStartupTimeout());
        if (settings.getPort() != 0) {
            builder.port(settings.getPort());
        }
        if (settings.getDataDirectory() != null) {
            builder.dataDirectory(settings.getDataDirectory());
        }
        return builder.start();
    }

    /**
     * The server's URL for the transport configuration.
     *
     * @param server the embedded server
     * @return its URL
     */
    @Bean
    public EmbeddedServerUrl falkorEmbeddedServerUrl(EmbeddedFalkorDB server) {
        return new EmbeddedServerUrl(server.url());
    }
}
