package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Relationship.Direction;
import dev.falkor.orm.api.annotation.RelationshipProperties;
import dev.falkor.orm.core.internal.mapping.MappingContext;
import java.lang.invoke.MethodHandles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad relationship mappings fail at bootstrap, naming class and field. */
class RelationshipMappingTest {
    private final MappingContext mapping = new MappingContext(MethodHandles.lookup(), List.of(), List.of());

    @Node
    static class NotAnEntityTarget {
        @Id String id;
        @Relationship(type = "HAS") List<String> names;
    }

    @Node
    static class BadType {
        @Id String id;
        @Relationship(type = "HAS SPACE") BadType other;
    }

    @Node
    static class EntityWithoutAnnotation {
        @Id String id;
        BadType other;
    }

    @Node
    static class InverseMissing {
        @Id String id;
        @Relationship(type = "OWNS", inverse = "owner") List<Target> things;
    }

    @Node
    static class Target {
        @Id String id;
        @Relationship(type = "OWNS", direction = Direction.INCOMING) InverseMissing owner;
        @Relationship(type = "OTHER", direction = Direction.INCOMING) SameDirection sameDirection;
        @Relationship(type = "OWNS") WrongType wrongType;
    }

    @Node
    static class SameDirection {
        @Id String id;
        @Relationship(type = "OTHER", direction = Direction.INCOMING, inverse = "sameDirection") List<Target> t;
    }

    @Node
    static class WrongType {
        @Id String id;
        @Relationship(type = "LIKES", direction = Direction.INCOMING, inverse = "wrongType") List<Target> t;
    }

    @Node
    static class PointsBackElsewhere {
        @Id String id;
        @Relationship(type = "OWNS", inverse = "owner") List<Target> things;
    }

    @RelationshipProperties
    record NoTarget(int since) {
    }

    @Node
    static class UsesNoTarget {
        @Id String id;
        @Relationship(type = "R") List<NoTarget> rs;
    }

    @Node
    static class Fine {
        @Id String id;
        @Relationship(type = "KNOWS") List<Fine> friends;
        @Relationship(type = "KNOWS", direction = Direction.INCOMING, inverse = "friends") List<Fine> followers;
    }

    private String fails(Class<?> type) {
        return assertThrows(MappingException.class, () -> mapping.entity(type)).getMessage();
    }

    @Test
    void targetMustBeAnEntity() {
        String m = fails(NotAnEntityTarget.class);
        assertTrue(m.contains(NotAnEntityTarget.class.getName() + ".names") && m.contains("must be an entity"), m);
    }

    @Test
    void typeMustBeAnIdentifier() {
        String m = fails(BadType.class);
        assertTrue(m.contains(BadType.class.getName() + ".other") && m.contains("HAS SPACE"), m);
    }

    @Test
    void anEntityFieldNeedsTheAnnotation() {
        String m = fails(EntityWithoutAnnotation.class);
        assertTrue(m.contains(EntityWithoutAnnotation.class.getName() + ".other") && m.contains("@Relationship"), m);
    }

    @Test
    void inversesMustPointBack() {
        String same = fails(SameDirection.class);
        assertTrue(same.contains(SameDirection.class.getName() + ".t") && same.contains("opposite ways"), same);
        String type = fails(WrongType.class);
        assertTrue(type.contains("different relationship types"), type);
        String missing = fails(UsesNoTarget.class);
        assertTrue(missing.contains(UsesNoTarget.class.getName() + ".rs") && missing.contains("@TargetNode"), missing);
    }

    @Test
    void aFailedMappingLeavesNothingHalfBuilt() {
        fails(WrongType.class);
        // the classes reached from the failed one were not cached half-resolved
        fails(WrongType.class);
    }

    @Test
    void inversePairsAreResolvedBothWays() {
        var fine = mapping.entity(Fine.class);
        var friends = fine.relationship("friends").orElseThrow().relationship();
        var followers = fine.relationship("followers").orElseThrow().relationship();
        assertNotNull(friends.inverse());
        assertEquals("followers", friends.inverse().javaName());
        assertEquals("friends", followers.inverse().javaName());
    }
}
