package dev.falkor.orm.core.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.ConfigurationException;
import dev.falkor.orm.core.internal.write.PlainBatchWriter;
import dev.falkor.orm.spi.batch.BatchWriter;
import dev.falkor.orm.spi.batch.BatchWriterProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the batch writer is chosen: by name, else the only module present, else the built-in one. */
class BatchWriterChoiceTest {
    private static final BatchWriter UNWIND = batch -> List.of();

    private static BatchWriterProvider provider(String name) {
        return new BatchWriterProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BatchWriter create(int chunkSize) {
                return UNWIND;
            }
        };
    }

    @Test
    void theOnlyModuleIsUsedAndWithoutOneTheBuiltInWriter() {
        assertSame(UNWIND, Providers.chooseBatchWriter(List.of(provider("unwind")), null, 10));
        assertInstanceOf(PlainBatchWriter.class, Providers.chooseBatchWriter(List.of(), null, 10));
    }

    @Test
    void aNameChoosesAmongModulesAndPlainIsAlwaysThere() {
        List<BatchWriterProvider> two = List.of(provider("unwind"), provider("other"));
        assertSame(UNWIND, Providers.chooseBatchWriter(two, "unwind", 10));
        assertInstanceOf(PlainBatchWriter.class, Providers.chooseBatchWriter(two, "plain", 10));
        ConfigurationException several = assertThrows(ConfigurationException.class,
                () -> Providers.chooseBatchWriter(two, null, 10));
        assertTrue(several.getMessage().contains("unwind") && several.getMessage().contains("batchWriter"),
                several.getMessage());
        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> Providers.chooseBatchWriter(List.of(), "unwind", 10));
        assertTrue(missing.getMessage().contains("falkor-orm-batch-unwind"), missing.getMessage());
    }
}
