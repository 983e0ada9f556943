package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.EntityListener;
import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.CreatedDate;
import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.LastModifiedDate;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.PostLoad;
import dev.falkor.orm.api.annotation.PostPersist;
import dev.falkor.orm.api.annotation.PostRemove;
import dev.falkor.orm.api.annotation.PostUpdate;
import dev.falkor.orm.api.annotation.PrePersist;
import dev.falkor.orm.api.annotation.PreRemove;
import dev.falkor.orm.api.annotation.PreUpdate;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Transient;
import dev.falkor.orm.api.annotation.Version;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lifecycle callbacks, listeners and auditing fields, checked on the graph with plain Cypher. */
class LifecycleTest extends GraphTestSupport {
    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final TestClock CLOCK = new TestClock();

    @Node("LcTask")
    public static class Task {
        @Id @GeneratedValue public String id;
        public String title;
        public String slug;
        @CreatedDate public Instant created;
        @LastModifiedDate public long modified;
        @Version public Long version;
        @Transient public boolean loaded;
        @Relationship(type = "LC_SUB") public List<Task> subtasks = new ArrayList<>();

        public Task() {
        }

        Task(String title) {
            this.title = title;
        }

        @PrePersist
        void beforeCreate() {
            slug = title.toLowerCase().replace(' ', '-');
            EVENTS.add("prePersist " + title);
        }

        @PostPersist
        void afterCreate() {
            EVENTS.add("postPersist " + title + " v" + version);
        }

        @PreUpdate
        void beforeUpdate() {
            EVENTS.add("preUpdate " + title);
        }

        @PostUpdate
        void afterUpdate() {
            EVENTS.add("postUpdate " + title + " v" + version);
        }

        @PreRemove
        void beforeRemove() {
            EVENTS.add("preRemove " + title);
        }

        @PostRemove
        void afterRemove() {
            EVENTS.add("postRemove " + title);
        }

        @PostLoad
        void afterLoad() {
            loaded = true;
        }
    }

    @Node("LcEntry")
    public record Entry(@Id String id, String text, @CreatedDate Instant created) {
    }

    interface Tasks extends Repository<Task, String> {
    }

    interface Entries extends Repository<Entry, String> {
    }

    @Override
    protected FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
        return builder.clock(CLOCK).listener(new EntityListener() {
            @Override
            public void prePersist(Object entity) {
                EVENTS.add("listener prePersist");
            }

            @Override
            public void postLoad(Object entity) {
                EVENTS.add("listener postLoad");
            }
        });
    }

    private Tasks tasks;

    @BeforeEach
    void clean() {
        cypher("MATCH (n) DETACH DELETE n", Map.of());
        EVENTS.clear();
        tasks = orm.repository(Tasks.class);
    }

    @Test
    void callbacksRunAroundSavesAndTheirChangesAreStored() {
        Task t = tasks.save(new Task("Write Docs"));
        assertEquals(List.of("prePersist Write Docs", "listener prePersist", "postPersist Write Docs v1"), EVENTS);
        assertEquals("write-docs", scalar("MATCH (n:LcTask) RETURN n.slug", Map.of()).asJava(),
                "a change made in @PrePersist is saved");
        EVENTS.clear();
        t.title = "Write More Docs";
        tasks.save(t);
        assertEquals(List.of("preUpdate Write More Docs", "postUpdate Write More Docs v2"), EVENTS);
    }

    @Test
    void auditingFieldsComeFromTheClock() {
        CLOCK.now = Instant.parse("2026-03-01T10:00:00Z");
        Task t = tasks.save(new Task("Audit"));
        assertEquals(CLOCK.now, t.created);
        assertEquals(CLOCK.now.toEpochMilli(), t.modified);
        assertEquals(CLOCK.now.toEpochMilli(), scalar("MATCH (n:LcTask) RETURN n.modified", Map.of()).asJava());
        assertNotNull(scalar("MATCH (n:LcTask) RETURN n.created", Map.of()).asJava(), "stored through its converter");
        Instant created = CLOCK.now;

        CLOCK.now = Instant.parse("2026-03-02T10:00:00Z");
        t.title = "Audit again";
        tasks.save(t);
        Task read = tasks.findById(t.id).orElseThrow();
        assertEquals(created, read.created, "the creation time stays");
        assertEquals(CLOCK.now.toEpochMilli(), read.modified);
        assertEquals(CLOCK.now.toEpochMilli(), scalar("MATCH (n:LcTask) RETURN n.modified", Map.of()).asJava());
    }

    @Test
    void postLoadRunsForEveryEntityRead() {
        tasks.save(new Task("Loaded"));
        EVENTS.clear();
        Task read = tasks.findAll().get(0);
        assertTrue(read.loaded);
        assertEquals(List.of("listener postLoad"), EVENTS);
    }

    @Test
    void removeCallbacksRunAroundDeletesOfEntities() {
        Task t = tasks.save(new Task("Gone"));
        EVENTS.clear();
        tasks.delete(t);
        assertEquals(List.of("preRemove Gone", "postRemove Gone"), EVENTS);
        assertEquals(0, count("(:LcTask)"));
    }

    @Test
    void entitiesSavedThroughARelationshipGetTheirCallbacksAndAuditing() {
        Task parent = new Task("Parent");
        Task child = new Task("Child Task");
        parent.subtasks.add(child);
        tasks.save(parent);
        assertTrue(EVENTS.contains("prePersist Child Task"), EVENTS.toString());
        assertEquals("child-task", scalar("MATCH (:LcTask {title: 'Parent'})-[:LC_SUB]->(c) RETURN c.slug", Map.of())
                .asJava());
        assertNotNull(child.created);
        assertEquals(1L, child.version);
    }

    @Test
    void aRecordComesBackAsANewInstanceCarryingItsCreationTime() {
        Entries entries = orm.repository(Entries.class);
        Entry e = new Entry("e1", "hello", null);
        Entry saved = entries.save(e);
        assertNull(e.created());
        assertEquals(CLOCK.now, saved.created());
    }

    @Node("LcBad")
    public static class Bad {
        @Id public Long id;
        @CreatedDate public String created;
    }

    interface Bads extends Repository<Bad, Long> {
    }

    @Test
    void anAuditingFieldMustHoldATime() {
        MappingException e = assertThrows(MappingException.class, () -> orm.repository(Bads.class));
        assertTrue(e.getMessage().contains("@CreatedDate"), e.getMessage());
    }
}
