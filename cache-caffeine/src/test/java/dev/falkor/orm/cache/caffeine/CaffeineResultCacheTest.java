package dev.falkor.orm.cache.caffeine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.spi.QueryResult;
import dev.falkor.orm.spi.QueryStatistics;
import dev.falkor.orm.spi.cache.ResultCache;
import dev.falkor.orm.spi.cache.ResultCacheConfig;
import dev.falkor.orm.spi.cache.ResultCacheProvider;
import dev.falkor.orm.spi.value.IntegerValue;
import dev.falkor.orm.testkit.ResultCacheContract;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaffeineResultCacheTest extends ResultCacheContract {
    @Override
    protected ResultCacheProvider provider() {
        return new CaffeineResultCacheProvider();
    }

    @Test
    void theNumberOfEntriesIsBounded() {
        try (ResultCache small = provider().create(ResultCacheConfig.defaults().withMaximumEntries(100))) {
            for (int i = 0; i < 1_000; i++) {
                small.put("g", "k" + i, new QueryResult(List.of("n"), List.of(List.of(new IntegerValue(i))),
                        QueryStatistics.EMPTY), small.stamp("g", Set.of("N")), Duration.ofMinutes(1));
            }
            ((CaffeineResultCache) small).cleanUpForTests();
            assertTrue(small.statistics().size() <= 100, "bounded: " + small.statistics());
        }
    }
}
