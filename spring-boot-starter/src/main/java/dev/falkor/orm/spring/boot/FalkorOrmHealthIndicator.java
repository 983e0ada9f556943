package dev.falkor.orm.spring.boot;

import dev.falkor.orm.core.FalkorOrm;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the FalkorDB server a {@link FalkorOrm} uses: {@code UP} when the server answers
 * {@code GRAPH.LIST} (the FalkorDB module is loaded and the connection works), {@code DOWN} with the
 * error otherwise. Details: {@code graph}, {@code server} (the address, never the password),
 * {@code transport} and, when up, {@code graphExists}. Registered by the auto-configuration as bean
 * {@code falkorOrmHealthIndicator} (health contributor {@code falkorOrm}) when
 * {@code spring-boot-health} is present; {@code management.health.falkor.enabled=false} turns it off.
 */
public class FalkorOrmHealthIndicator implements HealthIndicator {
    private final FalkorOrm orm;
    private final String server;

    /**
     * Creates the indicator.
     *
     * @param orm    the mapper whose server is checked
     * @param server the server's address as shown in the details (without credentials)
     */
    public FalkorOrmHealthIndicator(FalkorOrm orm, String server) {
        this.orm = Objects.requireNonNull(orm, "orm");
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * Asks the server for its graphs.
     *
     * @return {@code UP} with details, or {@code DOWN} with the exception
     */
    @Override
    public Health health() {
        Health.Builder health = new Health.Builder()
                .withDetail("graph", orm.graph())
                .withDetail("server", server)
                .withDetail("transport", orm.transport().providerName());
        try {
            List<String> graphs = orm.transport().listGraphs();
            return health.up().withDetail("graphExists", graphs.contains(orm.graph())).build();
        } catch (RuntimeException e) {
            return health.down(e).build();
        }
    }
}
