package dev.falkor.orm.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.embedded.internal.Resp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedFalkorDBTest {

    @Test
    void startsWithTheGraphModuleAndStopsCleanly() throws IOException {
        EmbeddedFalkorDB db = EmbeddedFalkorDB.start();
        long pid = db.pid();
        try (Resp resp = new Resp(db.host(), db.port(), 2000)) {
            assertTrue(String.valueOf(resp.call("MODULE", "LIST")).contains("graph"));
            Object reply = resp.call("GRAPH.QUERY", "t", "RETURN 40 + 2", "--compact");
            assertTrue(String.valueOf(reply).contains("42"), String.valueOf(reply));
        }
        assertTrue(db.isRunning());
        assertTrue(db.url().startsWith("redis://127.0.0.1:"));
        db.stop();
        assertFalse(db.isRunning());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process is gone");
        db.stop(); // idempotent
        assertThrows(IOException.class, () -> new Resp(db.host(), db.port(), 500).call("PING"));
    }

    @Test
    void twoServersRunSideBySide() {
        try (EmbeddedFalkorDB a = EmbeddedFalkorDB.start(); EmbeddedFalkorDB b = EmbeddedFalkorDB.start()) {
            assertTrue(a.port() != b.port());
            assertTrue(a.isRunning() && b.isRunning());
        }
    }

    @Test
    void dataDirectoryKeepsDataAcrossRestarts(@TempDir Path dir) throws IOException {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.builder().dataDirectory(dir).start();
             Resp resp = new Resp(db.host(), db.port(), 2000)) {
            resp.call("GRAPH.QUERY", "kept", "CREATE (:Kept {v: 1})");
        }
        assertTrue(Files.list(dir).anyMatch(p -> p.toString().endsWith(".rdb")), "snapshot written on stop");
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.builder().dataDirectory(dir).start();
             Resp resp = new Resp(db.host(), db.port(), 2000)) {
            Object reply = resp.call("GRAPH.QUERY", "kept", "MATCH (k:Kept) RETURN count(k)", "--compact");
            assertEquals(List.of(List.of(List.of(3L, 1L))), ((List<?>) reply).get(1));
        }
    }

    @Test
    void temporaryFilesAreRemoved() {
        EmbeddedFalkorDB db = EmbeddedFalkorDB.start();
        Path work = db.workDirectory();
        assertTrue(Files.isDirectory(work));
        db.stop();
        assertFalse(Files.exists(work), "temporary directory deleted on stop");
    }

    @Test
    void badExplicitBinariesGiveAnActionableError(@TempDir Path dir) throws IOException {
        Path fakeServer = dir.resolve("redis-server");
        Files.writeString(fakeServer, "#!/bin/sh\necho 'cannot run' >&2\nexit 3\n");
        assertTrue(fakeServer.toFile().setExecutable(true));
        Path module = dir.resolve("falkordb.so");
        Files.writeString(module, "not a module");
        EmbeddedFalkorDBException e = assertThrows(EmbeddedFalkorDBException.class, () -> EmbeddedFalkorDB.builder()
                .binaries(new ServerBinaries(fakeServer, module, "test")).start());
        assertTrue(e.getMessage().contains("exited during startup with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot run"), "server output is included: " + e.getMessage());
    }

    @Test
    void nothingObtainableListsWhatWasTried(@TempDir Path dir) {
        String old = System.getProperty(BinaryResolver.PYTHON_PROPERTY);
        System.setProperty(BinaryResolver.PYTHON_PROPERTY, dir.resolve("no-such-python").toString());
        try {
            EmbeddedFalkorDBException e = assertThrows(EmbeddedFalkorDBException.class,
                    () -> BinaryResolver.of("1.4.1", dir.resolve("cache")).resolve());
            for (String expected : List.of("no explicit paths", "nothing cached", "could not run", "FALKORDB_URL",
                    "falkordb.redis-server")) {
                assertTrue(e.getMessage().contains(expected), "'" + expected + "' in: " + e.getMessage());
            }
        } finally {
            if (old == null) {
                System.clearProperty(BinaryResolver.PYTHON_PROPERTY);
            } else {
                System.setProperty(BinaryResolver.PYTHON_PROPERTY, old);
            }
        }
    }
}
