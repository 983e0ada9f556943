package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Interned;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Property;
import dev.falkor.orm.core.internal.mapping.MappingContext;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad mappings fail at bootstrap with the class and field named. No server needed. */
class MappingValidationTest {
    private final MappingContext mapping = new MappingContext(MethodHandles.lookup(), List.of(), List.of());

    @Node static class NoId { String name; }
    @Node static class TwoIds { @Id String a; @Id String b; }
    @Node static class BadType { @Id String id; Thread thread; }
    @Node("bad-label") static class BadLabel { @Id String id; }
    @Node static class BadProperty { @Id String id; @Property(name = "x y") String name; }
    @Node static class Clash { @Id String id; @Property(name = "name") String a; String name; }
    @Node static class InternedNumber { @Id String id; @Interned int code; }
    @Node static class PrimitiveGenerated { @Id @GeneratedValue long id; }
    @Node static class RawList { @Id String id; @SuppressWarnings("rawtypes") List items; }
    @Node static class NestedGenerics { @Id String id; List<List<String>> items; }
    @Node static class IntKeys { @Id String id; Map<Integer, String> byNumber; }
    static class NotAnEntity { @Id String id; }
    @Node static class Target { @Id String id; }
    @Node static class PointsAtEntity { @Id String id; Target target; }

    private void fails(Class<?> type, String... fragments) {
        MappingException e = assertThrows(MappingException.class, () -> mapping.entity(type));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message should contain '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void missingOrDuplicateIds() {
        fails(NoId.class, "NoId", "no @Id");
        fails(TwoIds.class, "TwoIds", "a, b");
    }

    @Test
    void unsupportedTypesNameClassAndField() {
        fails(BadType.class, "BadType.thread", "java.lang.Thread", "converter");
        fails(RawList.class, "RawList.items", "element type");
        fails(NestedGenerics.class, "NestedGenerics.items");
        fails(IntKeys.class, "IntKeys.byNumber", "Map<String, V>");
        fails(PointsAtEntity.class, "PointsAtEntity.target", "relationship");
    }

    @Test
    void invalidNames() {
        fails(BadLabel.class, "bad-label", "not a valid identifier");
        fails(BadProperty.class, "BadProperty.name", "x y");
        fails(Clash.class, "Clash", "'name'");
    }

    @Test
    void annotationMisuse() {
        fails(InternedNumber.class, "InternedNumber.code", "@Interned");
        fails(PrimitiveGenerated.class, "PrimitiveGenerated.id", "primitive");
        fails(NotAnEntity.class, "NotAnEntity", "@Node");
    }

    @Test
    void metadataIsBuiltOnce() {
        assertSame(mapping.entity(Target.class), mapping.entity(Target.class));
    }
}
