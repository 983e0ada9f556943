package dev.falkor.orm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's quick start is QuickStart.java as it stands (compiled and run by command 1), so they never drift. */
class ReadmeQuickStartTest {

    @Test
    void theReadmeQuickStartIsTheCompiledExample() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path readme = Files.exists(root.resolve("README.md")) ? root.resolve("README.md") : root.getParent().resolve("README.md");
        String text = Files.readString(readme);
        int section = text.indexOf("## Quick start\n");
        assertTrue(section >= 0, "the README has a quick start");
        int start = text.indexOf("```java\n", section) + "```java\n".length();
        int end = text.indexOf("```\n", start);
        String snippet = text.substring(start, end);
        Path source = readme.getParent().resolve("examples/src/main/java/dev/falkor/orm/examples/QuickStart.java");
        assertEquals(Files.readString(source), snippet, "README quick start and QuickStart.java differ");
    }
}
