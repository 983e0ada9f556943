package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.QueryException;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FalkorDB 4.x: a write that fails midway after meeting a property name new to the graph rolls
 * the name's id back, but the cached plan of that statement keeps the id; once another statement
 * gives the id to another name, the cached plan stores its values under that name. So the mapper
 * makes the graph know an entity's property names when it ensures its schema: no statement of
 * it meets a new one. Checked with plain Cypher.
 */
class PropertyNamesAfterFailedWriteTest extends GraphTestSupport {

    @Node("PnUser")
    public static class PnUser {
        @Id public Long id;
        public String pnNickname;

        public PnUser() {
        }
    }

    interface Users extends Repository<PnUser, Long> {
    }

    private List<Object> propertyKeys() {
        List<Object> keys = new ArrayList<>();
        cypher("CALL db.propertyKeys()", Map.of()).rows().forEach(r -> keys.add(r.get(0).asJava()));
        return keys;
    }

    @Test
    void theGraphKnowsAnEntitysPropertyNamesBeforeItsFirstWrite() {
        orm.repository(Users.class);
        assertTrue(propertyKeys().contains("pnNickname"), propertyKeys().toString());

        // what that protects against: a statement that fails midway (as a version check does) with
        // the property in it, another statement meeting a new name, and the first one run again
        // from the plan cache, which stores 'pnNickname' as 'pnNickname'
        String failing = "CREATE (n:PnUser {id: $id, pnNickname: $v}) WITH count(*) AS c RETURN 1 / $d";
        assertThrows(QueryException.class, () -> cypher(failing, Map.of("id", 5L, "v", "lost", "d", 0L)));
        cypher("CREATE (:PnOther {pnOther: 1})", Map.of());
        cypher(failing, Map.of("id", 6L, "v", "kept", "d", 1L));
        assertEquals("kept", scalar("MATCH (n:PnUser {id: 6}) RETURN n.pnNickname", Map.of()).asJava());
        assertEquals(0, count("(n:PnUser) WHERE n.pnOther IS NOT NULL"), "no value under another name");
    }
}
