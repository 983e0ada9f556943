package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.GeneratedValue;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Relationship;
import dev.falkor.orm.api.annotation.Unique;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A save whose batch packs an entity without unique properties with one that has them, on a
 * graph that lost its constraints (deleted by anyone): the UNWIND writer puts both in one
 * guarded statement, the guard of the unique one fails but the create of the other still runs,
 * the statement reports "not operational", and Writes retries the whole statement after
 * re-creating the schema, creating the first node a second time with the same id.
 */
class GuardRetryDuplicatesTest extends GraphTestSupport {

    @Node("GrOwner")
    public static class GrOwner {
        @Id @GeneratedValue public String id;
        public String name;
        @Relationship(type = "HAS")
        public GrAccount account;

        public GrOwner() {
        }
    }

    @Node("GrAccount")
    public static class GrAccount {
        @Id public Long id;
        @Unique public String email;

        public GrAccount() {
        }

        GrAccount(long id, String email) {
            this.id = id;
            this.email = email;
        }
    }

    interface Owners extends Repository<GrOwner, String> {
    }

    @Test
    void aRetriedGuardedStatementDoesNotDuplicateNodesItAlreadyCreated() {
        Owners owners = orm.repository(Owners.class);
        GrOwner first = new GrOwner();
        first.name = "first";
        first.account = new GrAccount(1, "a@x");
        owners.save(first); // schema ensured, unique constraint on GrAccount.email operational

        transport.deleteGraph(graph); // anyone deletes the graph: the constraints go with it

        GrOwner second = new GrOwner();
        second.name = "second";
        second.account = new GrAccount(2, "b@x");
        owners.save(second);

        assertEquals(1, count("(:GrAccount {id: 2})"));
        assertEquals(1, count("(:GrOwner {name: 'second'})"), "the owner was created twice");
        assertEquals(1, count("(:GrOwner {name: 'second'})-[:HAS]->(:GrAccount {id: 2})"));
        assertEquals(0, cypher("MATCH (n:GrOwner) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id", Map.of())
                .rows().size(), "no two owner nodes with one id");
    }
}
